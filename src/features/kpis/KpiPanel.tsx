import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubApi } from '../../app/connection';
import { useAppSelector } from '../../app/hooks';
import { kpiDefinition, type KpiDefinition } from '../../shared/city/kpiCatalogue';
import { KPI_IDS } from '../../shared/protocol/codes';
import type { Kpi, KpiSample } from '../../shared/protocol/events';
import type { Lang } from '../../shared/i18n/i18n';
import { Sparkline } from '../../shared/ui/Sparkline';
import { formatKpiValue, loadCityHistory } from '../briefing';
import { Freshness } from '../freshness';
import { selectKpis } from './kpisSlice';
import { kpiTile } from './kpiTile';
import '../../shared/ui/panels.css';
import './KpiPanel.css';

/** A hub that did not answer is asked again this much later: the wall stays up for weeks. */
const HISTORY_RETRY_MS = 60_000;
const NO_HISTORY: readonly KpiSample[] = [];

/**
 * The indicators' city history, read once from the hub (the same request as the briefing's). While
 * the hub does not answer the tiles show their values without a trend, and it is asked again later.
 */
function useCityHistory(api: HubApi): ReadonlyMap<string, readonly KpiSample[]> {
  const [history, setHistory] = useState<ReadonlyMap<string, readonly KpiSample[]>>(() => new Map());
  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      void loadCityHistory(api).then((h) => {
        if (!live) return;
        if (h.load.phase === 'failed') retry = setTimeout(load, HISTORY_RETRY_MS);
        else setHistory(h.history);
      });
    };
    load();
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [api]);
  return history;
}

/**
 * The wall's socio-economic indicators: the nine it has always shown (KPI_IDS), always in the same
 * places, so that the wall does not reshuffle as values arrive; each a small trend tile. The
 * catalogue's other indicators are the briefing's: a wall column has no room for 27.
 */
export function KpiPanel({ api }: { api: HubApi }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const kpis = useAppSelector(selectKpis);
  const history = useCityHistory(api);
  return (
    <section className="panel kpis">
      <h2>{t('kpi.title')}</h2>
      <Freshness of="kpis" />
      <div className="kpi-grid">
        {KPI_IDS.map((id) => {
          const k = kpis[id];
          const def = kpiDefinition(id);
          if (!k || !def) return null;
          return (
            <KpiTrendTile
              key={id}
              def={def}
              kpi={k}
              history={history.get(id) ?? NO_HISTORY}
              lang={lang}
              name={t(`kpi.${id}`)}
              targetLabel={t('briefing.target')}
              verdict={[t('briefing.met'), t('briefing.notMet')]}
            />
          );
        })}
      </div>
    </section>
  );
}

/**
 * One indicator: its value, its target and its trend. Below target shows in red, with a ▼ and the
 * word in the tile's title, not in colour alone. Memoised: a tile redraws when its own value, its
 * history or the language changes, not when another indicator's value arrives.
 */
const KpiTrendTile = memo(function KpiTrendTile({
  def,
  kpi,
  history,
  lang,
  name,
  targetLabel,
  verdict,
}: {
  def: KpiDefinition;
  kpi: Kpi;
  history: readonly KpiSample[];
  lang: Lang;
  name: string;
  targetLabel: string;
  /** the words for met and not met */
  verdict: readonly [string, string];
}) {
  const tile = useMemo(() => kpiTile(def, kpi, history), [def, kpi, history]);
  const below = tile.belowTarget;
  const word = below ? verdict[1] : verdict[0];
  return (
    <div
      className={`kpi${below ? ' kpi-below' : ''}`}
      data-testid={`tile-kpi-${def.id}`}
      data-value={tile.value}
      data-below={below}
      title={`${name}: ${word}`}
    >
      <div className="figure-label">{name}</div>
      <div className="kpi-main">
        <span className="figure-value num">{formatKpiValue(tile.value, def.unit, lang)}</span>
        {tile.spark.length > 1 && <Sparkline points={tile.spark} bad={below} className="kpi-spark" />}
      </div>
      <div className="kpi-target" data-testid={`kpi-target-${def.id}`}>
        <span className="kpi-mark" aria-label={word}>
          {below ? '▼' : '✓'}
        </span>{' '}
        {targetLabel} <span className="num">{formatKpiValue(tile.target, def.unit, lang)}</span>
      </div>
    </div>
  );
});
