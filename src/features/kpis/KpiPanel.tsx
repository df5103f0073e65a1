import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectKpis } from './kpisSlice';
import { KPI_IDS } from '../../shared/protocol/codes';
import type { Kpi } from '../../shared/protocol/events';
import { formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import '../../shared/ui/panels.css';
import './KpiPanel.css';

const known = new Set<string>(KPI_IDS);

function formatKpi(k: Kpi, lang: Lang, billionLabel: string): string {
  if (k.unit === 'percent') return `${formatNumber(k.value, lang, 1)} %`;
  if (k.unit === 'growth-percent') return `${k.value > 0 ? '+' : ''}${formatNumber(k.value, lang, 1)} %`;
  if (k.unit === 'mwh') return `${formatNumber(k.value, lang, 1)} MWh`;
  if (k.unit === 'billion-vnd') return `${formatNumber(k.value, lang)} ${billionLabel}`;
  return formatNumber(k.value, lang);
}

/** The city's socio-economic indicators, the known ones always in the same places. */
export function KpiPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const kpis = useAppSelector(selectKpis);
  // Known KPIs in their fixed order, so that the wall does not reshuffle as values arrive.
  const shown = KPI_IDS.map((id) => kpis[id]).filter((k): k is Kpi => k !== undefined);
  const extra = Object.values(kpis).filter((k) => !known.has(k.id));
  return (
    <section className="panel kpis">
      <h2>{t('kpi.title')}</h2>
      <div className="kpi-grid">
        {[...shown, ...extra].map((k) => (
          <div key={k.id} className="kpi" data-testid={`tile-kpi-${k.id}`} data-value={k.value}>
            <div className="figure-label">{known.has(k.id) ? t(`kpi.${k.id}`) : k.id}</div>
            <div className="figure-value num">{formatKpi(k, lang, t('unit.billion-vnd'))}</div>
          </div>
        ))}
      </div>
    </section>
  );
}
