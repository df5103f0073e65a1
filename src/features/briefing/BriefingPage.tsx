import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { selectCityClock, type HubApi } from '../../app/connection';
import { useCityNow } from '../../app/useCityNow';
import { useAppSelector } from '../../app/hooks';
import { kpiDefinition, HUE_KPIS, type KpiDefinition } from '../../shared/city/kpiCatalogue';
import { monthsBefore, periodStart } from '../../shared/city/periods';
import { loadWardShapes } from '../../shared/city/wardShapes';
import type { Lang } from '../../shared/i18n/i18n';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart, registerGeoJson } from '../../shared/ui/EChart';
import { useUiScale } from '../../shared/ui/useUiScale';
import { energySavedOption } from './charts/energySavedChart';
import { reportsByCategoryOption } from './charts/reportsByCategory';
import { slaBuckets, slaChartOption } from './charts/slaChart';
import { chartTheme, texts } from './charts/theme';
import { trendChartOption } from './charts/trendChart';
import { rankWards, wardRankingOption } from './charts/wardRanking';
import { WARD_MAP, wardMapOption } from './charts/wardMap';
import { kpiFigure, sparklinePoints, targetOver, trendPoints, wardFigures, type KpiFigure } from './figures';
import { formatRange } from './format';
import { DEFAULT_WARD_KPI, HEADLINE_IDS, WARD_KPIS } from './headline';
import { HeadlineTile } from './HeadlineTile';
import { IndicatorDetail, IndicatorTable, WardDetail } from './details';
import { BRIEFING_PERIODS, briefingRange, previousRange, trendWindow, type BriefingPeriod } from './periods';
import { useBriefingData } from './useBriefingData';
import { useWardSamples } from './useWardSamples';
import { useReportSummaries } from './useReportSummaries';
import { ExportActions, PanelPng, type BriefingView } from './export/ExportActions';
import './briefing.css';

const ENERGY = kpiDefinition('lighting-energy-saved')!;
const SLA_TARGET = kpiDefinition('reports-answered-48h')!.target;

type Open = { kind: 'kpi'; id: string } | { kind: 'ward'; code: string } | { kind: 'table' } | null;

/** The period a presenter's key asks for, or null: ←/→ and PageUp/PageDown (a clicker) step, 1-5 pick. */
export function periodForKey(key: string, current: BriefingPeriod): BriefingPeriod | null {
  const i = BRIEFING_PERIODS.indexOf(current);
  const n = BRIEFING_PERIODS.length;
  if (key === 'ArrowRight' || key === 'PageDown') return BRIEFING_PERIODS[(i + 1) % n]!;
  if (key === 'ArrowLeft' || key === 'PageUp') return BRIEFING_PERIODS[(i - 1 + n) % n]!;
  const digit = Number(key);
  if (Number.isInteger(digit) && digit >= 1 && digit <= n) return BRIEFING_PERIODS[digit - 1]!;
  return null;
}

/** The period a URL asks for (`?period=quarter`), else this month: what a leader is briefed on most. */
export function periodFromSearch(search: string): BriefingPeriod {
  const p = new URLSearchParams(search).get('period');
  return (BRIEFING_PERIODS as readonly string[]).includes(p ?? '') ? (p as BriefingPeriod) : 'month';
}

/**
 * The leaders' briefing (`/briefing`): where the city stands against its targets over the chosen
 * period, which wards lag, and whether things get better. Readable from 5 m in the wall's theme; a
 * presenter works it from a keyboard or a clicker. Everything below is computed from the indicators'
 * history and the stream by pure functions; this page only lays them out.
 */
export function BriefingPage({
  api,
  header,
  footer,
}: {
  api: HubApi;
  header: ReactNode;
  /** the upstream systems' status, placed by src/app */
  footer?: ReactNode;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const t = texts(lang).briefing;
  const cityName = i18n.t('app.city');
  const scale = useUiScale();
  const theme = useMemo(() => chartTheme(16 * scale), [scale]);
  const [period, setPeriod] = useState<BriefingPeriod>(() => periodFromSearch(window.location.search));
  const [open, setOpen] = useState<Open>(null);
  const [wardKpi, setWardKpi] = useState(DEFAULT_WARD_KPI);
  const [selectedKpi, setSelectedKpi] = useState<string>(DEFAULT_WARD_KPI);
  const tickNow = useCityNow(5000);
  const data = useBriefingData(api);
  const wardSamples = useWardSamples(api, wardKpi);
  const [shapesReady, setShapesReady] = useState(false);
  // The header already says so when the city's clock is a simulator's; the bar says it for the data.
  const clockSimulated = useAppSelector(selectCityClock)?.simulated === true;

  useEffect(() => {
    let live = true;
    loadWardShapes().then((features) => {
      if (!live || features.length === 0) return;
      registerGeoJson(WARD_MAP, { type: 'FeatureCollection', features: [...features] });
      setShapesReady(true);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) return;
      if (e.key === 'Escape') {
        setOpen(null);
        return;
      }
      const next = periodForKey(e.key, period);
      if (next) {
        e.preventDefault();
        setPeriod(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [period]);

  // The city's time to the minute (a briefing's figures do not move by the second, and every new
  // time redraws); until the stream's snapshot brings the clock, the hub's now as it answered the
  // history, so that the figures show as soon as they are here.
  const clockNow = tickNow ?? data.asOf;
  const clockMinute = clockNow === null ? null : Math.floor(clockNow / 60_000) * 60_000;
  // The indicators' now is no earlier than the latest value the stream brought: a value measured
  // since the last tick belongs in the period to date all the same. What is not fed by the stream
  // (the wards' history, the reports' summary) keeps to the clock, so that it is not redone, nor asked
  // again of the hub, at every value the stream brings.
  const now = clockMinute === null ? null : Math.max(clockMinute, data.latestAt + 1);

  // Each chart is computed from what it shows alone, so that a period switch redraws only the charts
  // the period changes (the energy by month and a 30-day trend stay as they are).
  const summaries = useReportSummaries(api, clockMinute);

  const view = useMemo(() => {
    if (now === null) return null;
    const range = briefingRange(period, now);
    const previous = previousRange(period, now);
    const figures = new Map<string, KpiFigure>();
    for (const def of HUE_KPIS)
      figures.set(def.id, kpiFigure(data.values.get(def.id) ?? [], def, range, previous));
    return { period, now, range, previous, figures };
  }, [data.values, period, now]);

  const trendSpan = useMemo(() => (now === null ? null : trendWindow(period, now)), [period, now]);
  const windowFrom = trendSpan?.range.from;
  const windowKind = trendSpan?.kind;

  const sparks = useMemo(() => {
    const out = new Map<string, [number, number][]>();
    if (now === null || windowFrom === undefined || !windowKind) return out;
    for (const id of HEADLINE_IDS) {
      const def = kpiDefinition(id)!;
      out.set(
        id,
        sparklinePoints(
          trendPoints(data.values.get(id) ?? [], def, { from: windowFrom, to: now }, windowKind),
          def,
        ),
      );
    }
    return out;
  }, [data.values, windowFrom, windowKind, now]);

  const selected = kpiDefinition(selectedKpi)!;
  const wardDef = kpiDefinition(wardKpi)!;
  const selectedValues = data.values.get(selected.id);
  const trend = useMemo(() => {
    if (now === null || windowFrom === undefined || !windowKind) return null;
    const points = trendPoints(selectedValues ?? [], selected, { from: windowFrom, to: now }, windowKind);
    return trendChartOption({ def: selected, points, kind: windowKind, lang, theme });
  }, [selected, selectedValues, windowFrom, windowKind, now, lang, theme]);

  const wards = useMemo(() => {
    if (clockMinute === null) return null;
    const r = briefingRange(period, clockMinute);
    const figures = wardFigures(wardSamples, wardDef, r);
    return { figures, target: targetOver(wardDef, r), ranked: rankWards(figures, wardDef) };
  }, [wardSamples, wardDef, period, clockMinute]);
  const ranking = useMemo(
    () =>
      wards && wardRankingOption({ def: wardDef, wards: wards.figures, target: wards.target, lang, theme }),
    [wards, wardDef, lang, theme],
  );
  const openWard = open?.kind === 'ward' ? open.code : null;
  const map = useMemo(
    () =>
      wards && shapesReady
        ? wardMapOption({
            def: wardDef,
            wards: wards.figures,
            target: wards.target,
            lang,
            theme,
            selected: openWard,
          })
        : null,
    [wards, wardDef, shapesReady, openWard, lang, theme],
  );
  const summary = summaries.get(period);
  const sla = useMemo(
    () =>
      summary &&
      slaChartOption({
        buckets: slaBuckets(summary.buckets),
        kind: summary.bucket,
        target: SLA_TARGET,
        lang,
        theme,
      }),
    [summary, lang, theme],
  );
  const reports = useMemo(
    () => summary && reportsByCategoryOption({ rows: summary.categories, lang, theme }),
    [summary, lang, theme],
  );
  // By month: it moves with the month, not with the period chosen nor each tick of the clock.
  const month = now === null ? null : periodStart('month', now);
  const energyValues = data.values.get(ENERGY.id);
  const energy = useMemo(() => {
    if (month === null || now === null) return null;
    const points = trendPoints(
      energyValues ?? [],
      ENERGY,
      { from: monthsBefore(month, 11), to: now },
      'month',
    );
    return energySavedOption({ points, lang, theme });
    // `now` moves every tick; the chart only needs a new month or new values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [energyValues, month, lang, theme]);

  const openKpi = useCallback(
    (id: string) => {
      setSelectedKpi(id);
      if (kpiDefinition(id)?.perWard) setWardKpi(id);
      setOpen({ kind: 'kpi', id });
    },
    [setSelectedKpi, setWardKpi, setOpen],
  );
  const rankingClick = useCallback(
    (c: { dataIndex: number }) => {
      const w = wards?.ranked[c.dataIndex];
      if (w) setOpen({ kind: 'ward', code: w.ward });
    },
    [wards, setOpen],
  );
  const mapClick = useCallback(
    (c: { name: string }) => {
      if (/^\d{5}$/.test(c.name)) setOpen({ kind: 'ward', code: c.name });
    },
    [setOpen],
  );

  const [pageEl, setPageEl] = useState<HTMLDivElement | null>(null);
  const briefingView: BriefingView | null = view
    ? {
        page: pageEl,
        lang,
        period,
        range: view.range,
        now: view.now,
        figures: view.figures,
        simulated: data.simulated,
      }
    : null;

  return (
    <div className="briefing-page" ref={setPageEl} data-testid="briefing" data-period={period}>
      {header}
      <div className="b-bar">
        <h1 className="b-title">{t.title}</h1>
        <div className="b-periods" role="group" aria-label={t.keysHint}>
          {BRIEFING_PERIODS.map((p, i) => (
            <button
              key={p}
              type="button"
              className="b-period"
              aria-pressed={p === period}
              data-testid={`briefing-period-${p}`}
              onClick={() => setPeriod(p)}
              title={`${i + 1}`}
            >
              {t.period[p]}
            </button>
          ))}
        </div>
        {view && (
          <span className="b-range num" data-testid="briefing-range">
            {formatRange(view.range, lang)} · {t.previous[period]}
          </span>
        )}
        {data.simulated && !clockSimulated && (
          <span className="b-simulated" data-testid="briefing-simulated">
            {t.simulated}
          </span>
        )}
        <span className="b-spacer" />
        <button
          type="button"
          className="b-action"
          data-testid="briefing-all"
          onClick={() => setOpen({ kind: 'table' })}
        >
          {t.allIndicators}
        </button>
        {briefingView && <ExportActions view={briefingView} city={cityName} />}
      </div>
      {data.load.phase === 'loading' && <div className="b-status">{t.loading}</div>}
      {data.load.phase === 'failed' && (
        <div className="b-status bad" role="alert">
          {t.loadFailed.replace('{{reason}}', data.load.reason)}
        </div>
      )}
      {data.load.phase === 'ready' && data.load.failed.length > 0 && (
        <div className="b-status" role="status">
          {t.partial.replace('{{count}}', String(data.load.failed.length))}
        </div>
      )}
      {view && (
        <main className="b-main">
          <section className="b-tiles" aria-label={t.headline}>
            {HEADLINE_IDS.map((id) => (
              <HeadlineTile
                key={id}
                def={kpiDefinition(id)!}
                figure={view.figures.get(id)!}
                spark={sparks.get(id) ?? []}
                lang={lang}
                selected={id === selectedKpi}
                period={period}
                onOpen={openKpi}
              />
            ))}
          </section>
          <section className="b-charts">
            {[
              { id: 'trend', title: `${t.trend}: ${selected.name[lang]}`, option: trend },
              {
                id: 'ranking',
                title: t.wardRanking,
                option: ranking,
                onClick: rankingClick,
                note: t.wardRankingNote,
                control: <WardKpiSelect value={wardKpi} onChange={setWardKpi} lang={lang} />,
              },
              { id: 'map', title: `${t.wardMap}: ${wardDef.name[lang]}`, option: map, onClick: mapClick },
              { id: 'sla', title: t.sla, option: sla },
              { id: 'reports', title: t.reportsByCategory, option: reports },
              { id: 'energy', title: t.energySaved, option: energy },
            ].map((p) => (
              <Panel
                key={p.id}
                title={p.title}
                id={p.id}
                note={p.note}
                control={p.control}
                save={<PanelPng panelId={p.id} lang={lang} period={period} now={view.now} />}
              >
                <ChartIf
                  option={p.option}
                  className="b-chart"
                  testid={`chart-${p.id}`}
                  onClick={p.onClick}
                  label={p.title}
                />
              </Panel>
            ))}
          </section>
        </main>
      )}
      {footer && <footer className="b-footer">{footer}</footer>}
      {view && open?.kind === 'kpi' && (
        <IndicatorDetail
          def={kpiDefinition(open.id)!}
          figure={view.figures.get(open.id)!}
          values={data.values.get(open.id) ?? []}
          window={trendSpan!}
          period={period}
          lang={lang}
          theme={theme}
          onClose={() => setOpen(null)}
        />
      )}
      {view && open?.kind === 'ward' && (
        <WardDetail
          api={api}
          code={open.code}
          range={view.range}
          period={period}
          lang={lang}
          onClose={() => setOpen(null)}
        />
      )}
      {view && open?.kind === 'table' && (
        <IndicatorTable
          figures={view.figures}
          period={period}
          lang={lang}
          onOpen={openKpi}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}

/** A chart once its option is known: until then its panel stands empty rather than hold up the page. */
function ChartIf({
  option,
  ...rest
}: { option: EChartsCoreOption | null | undefined } & Omit<Parameters<typeof EChart>[0], 'option'>) {
  return option ? <EChart option={option} {...rest} /> : null;
}

function Panel({
  title,
  id,
  note,
  control,
  save,
  children,
}: {
  title: string;
  id: string;
  note?: string;
  control?: ReactNode;
  /** the button that saves the panel as a picture */
  save?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel b-panel" data-panel={id}>
      <div className="b-panel-head">
        <div className="b-panel-title">
          <h2>{title}</h2>
          {save}
        </div>
        {(note || control) && (
          <div className="b-panel-controls">
            {note && <span className="b-note">{note}</span>}
            {control}
          </div>
        )}
      </div>
      {children}
    </section>
  );
}

function WardKpiSelect({
  value,
  onChange,
  lang,
}: {
  value: string;
  onChange: (id: string) => void;
  lang: Lang;
}) {
  return (
    <select
      className="b-select"
      value={value}
      aria-label={texts(lang).briefing.wardIndicator}
      data-testid="briefing-ward-kpi"
      onChange={(e) => onChange(e.target.value)}
    >
      {WARD_KPIS.map((k: KpiDefinition) => (
        <option key={k.id} value={k.id}>
          {k.name[lang]}
        </option>
      ))}
    </select>
  );
}
