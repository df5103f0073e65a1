import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { HubApi } from '../../app/connection';
import { HUE_KPIS, KPI_DOMAINS, type KpiDefinition } from '../../shared/city/kpiCatalogue';
import { WARD_POPULATION, wardName } from '../../shared/city/wards';
import { formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { EChart } from '../../shared/ui/EChart';
import { formatKpiValue, texts, type ChartTheme } from './charts/theme';
import { trendChartOption } from './charts/trendChart';
import {
  isBelowTarget,
  periodValues,
  targetOver,
  trendPoints,
  valueOver,
  type KpiFigure,
  type PeriodValue,
} from './figures';
import { formatChange, formatFigure } from './format';
import { WARD_KPIS } from './headline';
import type { BriefingPeriod, TimeRange } from './periods';

/** A detail laid over the briefing: closed by its button, Esc (the page's keys) or a click outside. */
function Overlay({
  title,
  testid,
  onClose,
  lang,
  children,
}: {
  title: string;
  testid: string;
  onClose: () => void;
  lang: Lang;
  children: ReactNode;
}) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="b-overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="b-dialog panel" role="dialog" aria-modal="true" aria-label={title} data-testid={testid}>
        <div className="b-dialog-head">
          <h2>{title}</h2>
          <button
            type="button"
            ref={close}
            className="b-action"
            onClick={onClose}
            data-testid="briefing-close"
          >
            {texts(lang).briefing.close} ✕
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function Verdict({ below, lang }: { below: boolean | null; lang: Lang }) {
  const t = texts(lang).briefing;
  if (below === null) return <span className="muted">—</span>;
  return (
    <span className={`b-verdict ${below ? 'bad' : 'ok'}`}>{below ? `▼ ${t.notMet}` : `✓ ${t.met}`}</span>
  );
}

/** An indicator opened: what it measures and where from, its figures for the period and its trend. */
export function IndicatorDetail({
  def,
  figure,
  values,
  window,
  period,
  lang,
  theme,
  onClose,
}: {
  def: KpiDefinition;
  figure: KpiFigure;
  values: readonly PeriodValue[];
  window: { range: TimeRange; kind: 'day' | 'month' };
  period: BriefingPeriod;
  lang: Lang;
  theme: ChartTheme;
  onClose: () => void;
}) {
  const t = texts(lang).briefing;
  const option = useMemo(
    () =>
      trendChartOption({
        def,
        points: trendPoints(values, def, window.range, window.kind),
        kind: window.kind,
        lang,
        theme,
      }),
    [def, values, window, lang, theme],
  );
  return (
    <Overlay title={def.name[lang]} testid="briefing-kpi-detail" onClose={onClose} lang={lang}>
      <p className="b-meta">
        {t.domain[def.domain]} · {t.source}: {def.source} ·{' '}
        {t.reportedPer.replace('{{kind}}', t.periodKind[def.period])} ·{' '}
        {def.higherIsBetter ? t.higherIsBetter : t.lowerIsBetter}
      </p>
      <dl className="b-figures">
        <div>
          <dt>{t.period[period]}</dt>
          <dd className="num" data-testid="detail-value">
            {formatFigure(figure, def, lang)}
          </dd>
        </div>
        <div>
          <dt>{t.target}</dt>
          <dd className="num">{formatKpiValue(figure.target, def.unit, lang)}</dd>
        </div>
        <div>
          <dt>{t.previousValue}</dt>
          <dd className="num">
            {figure.previous === null ? t.noData : formatKpiValue(figure.previous, def.unit, lang)}
          </dd>
        </div>
        <div>
          <dt>{t.change}</dt>
          <dd className="num">{figure.change ? formatChange(figure.change, def, lang) : '—'}</dd>
        </div>
        <div>
          <dt>&nbsp;</dt>
          <dd>
            <Verdict below={figure.belowTarget} lang={lang} />
          </dd>
        </div>
      </dl>
      <EChart option={option} className="b-detail-chart" testid="chart-detail" label={def.name[lang]} />
    </Overlay>
  );
}

/** A ward opened: each indicator kept per ward, its figure over the period against the target. */
export function WardDetail({
  api,
  code,
  range,
  period,
  lang,
  onClose,
}: {
  api: HubApi;
  code: string;
  range: TimeRange;
  period: BriefingPeriod;
  lang: Lang;
  onClose: () => void;
}) {
  const t = texts(lang).briefing;
  const [values, setValues] = useState<ReadonlyMap<string, readonly PeriodValue[]> | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    // The hub's default 24 months: every period of the briefing, this year's and last year's.
    const q = { ward: code };
    Promise.allSettled(WARD_KPIS.map((def) => api.kpiHistory(def.id, q, abort.signal))).then((answers) => {
      if (abort.signal.aborted) return;
      const got = new Map<string, readonly PeriodValue[]>();
      answers.forEach((a, i) => {
        const id = WARD_KPIS[i]!.id;
        got.set(id, a.status === 'fulfilled' ? periodValues(a.value.samples, id, code) : []);
      });
      setValues(got);
    });
    return () => abort.abort();
  }, [api, code]);
  const population = WARD_POPULATION.get(code);
  return (
    <Overlay
      title={`${t.wardDetail}: ${wardName(code) ?? code}`}
      testid="briefing-ward-detail"
      onClose={onClose}
      lang={lang}
    >
      <p className="b-meta">
        {t.period[period]}
        {population !== undefined && ` · ${formatNumber(population, lang)} ${t.residents}`}
      </p>
      {values === null ? (
        <p>{t.loading}</p>
      ) : (
        <table className="b-table">
          <thead>
            <tr>
              <th>{t.wardIndicator}</th>
              <th>{t.value}</th>
              <th>{t.target}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {WARD_KPIS.map((def) => {
              const value = valueOver(values.get(def.id) ?? [], def.unit, range, def.stock, def.period);
              const target = targetOver(def, range);
              return (
                <tr key={def.id} data-testid={`ward-row-${def.id}`}>
                  <td>{def.name[lang]}</td>
                  <td className="num">{value === null ? t.noData : formatKpiValue(value, def.unit, lang)}</td>
                  <td className="num">{formatKpiValue(target, def.unit, lang)}</td>
                  <td>
                    <Verdict below={value === null ? null : isBelowTarget(def, value, target)} lang={lang} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Overlay>
  );
}

/** Every indicator of the catalogue for the period, by domain: the briefing's table, and its drill-down. */
export function IndicatorTable({
  figures,
  period,
  lang,
  onOpen,
  onClose,
}: {
  figures: ReadonlyMap<string, KpiFigure>;
  period: BriefingPeriod;
  lang: Lang;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const t = texts(lang).briefing;
  return (
    <Overlay
      title={`${t.allIndicators} · ${t.period[period]}`}
      testid="briefing-table"
      onClose={onClose}
      lang={lang}
    >
      <table className="b-table b-table-all">
        <thead>
          <tr>
            <th>{t.headline}</th>
            <th>{t.value}</th>
            <th>{t.target}</th>
            <th>{t.change}</th>
            <th />
          </tr>
        </thead>
        {KPI_DOMAINS.map((domain) => (
          <tbody key={domain}>
            <tr className="b-domain">
              <th colSpan={5}>{t.domain[domain]}</th>
            </tr>
            {HUE_KPIS.filter((d) => d.domain === domain).map((def) => {
              const f = figures.get(def.id)!;
              return (
                <tr key={def.id} className="b-row" data-testid={`table-row-${def.id}`}>
                  <td>
                    <button type="button" className="b-link" onClick={() => onOpen(def.id)}>
                      {def.name[lang]}
                    </button>
                  </td>
                  <td className="num">{formatFigure(f, def, lang)}</td>
                  <td className="num">{formatKpiValue(f.target, def.unit, lang)}</td>
                  <td className="num">{f.change ? formatChange(f.change, def, lang) : '—'}</td>
                  <td>
                    <Verdict below={f.belowTarget} lang={lang} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </Overlay>
  );
}
