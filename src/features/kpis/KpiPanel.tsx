import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectKpis } from './kpisSlice';
import { KPI_IDS } from '../../shared/protocol/codes';
import type { Kpi } from '../../shared/protocol/events';
import { formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import '../../shared/ui/panels.css';
import './KpiPanel.css';

function formatKpi(k: Kpi, lang: Lang, billionLabel: string): string {
  if (k.unit === 'percent') return `${formatNumber(k.value, lang, 1)} %`;
  if (k.unit === 'growth-percent') return `${k.value > 0 ? '+' : ''}${formatNumber(k.value, lang, 1)} %`;
  if (k.unit === 'mwh') return `${formatNumber(k.value, lang, 1)} MWh`;
  if (k.unit === 'billion-vnd') return `${formatNumber(k.value, lang)} ${billionLabel}`;
  return formatNumber(k.value, lang);
}

/**
 * The wall's socio-economic indicators: the nine it has always shown (KPI_IDS), always in the same
 * places, so that the wall does not reshuffle as values arrive. The catalogue's other indicators are
 * the briefing's: a wall column has no room for 27.
 */
export function KpiPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const kpis = useAppSelector(selectKpis);
  const shown = KPI_IDS.map((id) => kpis[id]).filter((k): k is Kpi => k !== undefined);
  return (
    <section className="panel kpis">
      <h2>{t('kpi.title')}</h2>
      <div className="kpi-grid">
        {shown.map((k) => (
          <div key={k.id} className="kpi" data-testid={`tile-kpi-${k.id}`} data-value={k.value}>
            <div className="figure-label">{t(`kpi.${k.id}`)}</div>
            <div className="figure-value num">{formatKpi(k, lang, t('unit.billion-vnd'))}</div>
          </div>
        ))}
      </div>
    </section>
  );
}
