import type { HubApi, ReportsSummary } from '../../app/connection';
import { loadWardShapes } from '../../shared/city/wardShapes';
import type { KpiSample } from '../../shared/protocol/events';
import { DEFAULT_WARD_KPI } from './headline';
import { BRIEFING_PERIODS, briefingRange, bucketKind, type BriefingPeriod } from './periods';
import { loadCityHistory } from './useBriefingData';

export type Summaries = ReadonlyMap<BriefingPeriod, ReportsSummary>;

/**
 * The five periods' report summaries as of one city minute, asked at once so that a period switch
 * has its figures at hand. A period the hub fails to answer is left out (its panels say so).
 */
export async function fetchSummaries(api: HubApi, minute: number, signal?: AbortSignal): Promise<Summaries> {
  const answers = await Promise.allSettled(
    BRIEFING_PERIODS.map((p) => {
      const range = briefingRange(p, minute);
      return api.reportsSummary({ from: range.from, to: range.to, bucket: bucketKind(range) }, signal);
    }),
  );
  const out = new Map<BriefingPeriod, ReportsSummary>();
  answers.forEach((a, i) => {
    if (a.status === 'fulfilled') out.set(BRIEFING_PERIODS[i]!, a.value);
  });
  return out;
}

const early = new WeakMap<
  HubApi,
  {
    summaries?: { minute: number; promise: Promise<Summaries> };
    wards?: { id: string; promise: Promise<readonly KpiSample[]> };
  }
>();

/**
 * Everything `/briefing` asks the hub for as it opens, asked as the app starts on that route (its
 * code is started by src/app): the history, the wards' shapes and figures, and (once the history tells the hub's now) the
 * reports' summaries. Asked only when the page mounted, these waited on its 640 kB of chart code and
 * drew the last charts some 400 ms later (docs/benchmarks.md, issue 13).
 */
export function preloadBriefing(api: HubApi): void {
  void loadWardShapes();
  const entry: NonNullable<ReturnType<typeof early.get>> = {};
  early.set(api, entry);
  entry.wards = {
    id: DEFAULT_WARD_KPI,
    promise: api.kpiHistory(DEFAULT_WARD_KPI, { ward: 'all' }).then((h) => h.samples),
  };
  // A failed early ask is the page's to repeat; it must not surface as an unhandled rejection.
  entry.wards.promise.catch(() => undefined);
  void loadCityHistory(api).then((h) => {
    if (h.asOf === null) return;
    const minute = Math.floor(h.asOf / 60_000) * 60_000;
    entry.summaries = { minute, promise: fetchSummaries(api, minute) };
  });
}

/** The early ask for one indicator's ward figures, handed over once; undefined if there was none. */
export function takeEarlyWardSamples(api: HubApi, id: string): Promise<readonly KpiSample[]> | undefined {
  const entry = early.get(api);
  const w = entry?.wards;
  if (!w || w.id !== id) return undefined;
  delete entry.wards;
  return w.promise;
}

/** The early ask for the reports' summaries, handed over once, with the minute it is as of. */
export function takeEarlySummaries(api: HubApi): { minute: number; promise: Promise<Summaries> } | undefined {
  const entry = early.get(api);
  const s = entry?.summaries;
  if (s) delete entry.summaries;
  return s;
}
