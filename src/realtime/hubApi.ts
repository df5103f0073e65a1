import { z } from '../shared/zod';
import { KPI_PERIODS } from '../shared/city/kpiCatalogue';
import { kpiPeriodSchema, powerHistorySchema, type KpiSample } from '../shared/protocol/events';
import { replayFrameSchema, replayItemSchemas, type ReplayHistory } from '../shared/protocol/replay';

// The hub's HTTP API as the page reads it: the indicators' history, which the stream does not carry
// (it pushes each new value once). The socket and this talk to the same hub, with the same token.

const isoTime = z.iso.datetime({ offset: true });

const sampleSchema = z.object({
  id: z.string(),
  value: z.number().finite(),
  at: isoTime,
  period: kpiPeriodSchema,
  ward: z.string().optional(),
  simulated: z.boolean().optional(),
});

const historySchema = z.object({
  id: z.string(),
  from: isoTime,
  to: isoTime,
  samples: z.array(z.unknown()),
});

const allHistorySchema = z.object({
  from: isoTime,
  to: isoTime,
  indicators: z.record(z.string(), z.array(z.unknown())),
});

const count = z.number().int().nonnegative();
const reportsSummarySchema = z.object({
  from: isoTime,
  to: isoTime,
  bucket: z.enum(['day', 'month']),
  buckets: z.array(z.object({ start: isoTime, received: count, resolved: count, onTime: count })),
  categories: z.array(z.object({ category: z.string(), count })),
  simulated: z.boolean().optional(),
});

export interface ReportsSummaryQuery {
  /** absent: the hub's default, 24 months before its city's now */
  from?: number;
  /** the end, exclusive; absent: the hub's now */
  to?: number;
  bucket: 'day' | 'month';
}

/** Citizen reports over a range, by city day or month (`GET /api/reports/summary`); instants in epoch ms. */
export interface ReportsSummary {
  from: number;
  to: number;
  bucket: 'day' | 'month';
  /** each bucket's reports received, resolved, and resolved by their deadline (the SLA rule) */
  buckets: { start: number; received: number; resolved: number; onTime: number }[];
  /** reports received over the range by category, most first; unknown categories as 'other' */
  categories: { category: string; count: number }[];
  /** some of it is the simulator's seeded past */
  simulated: boolean;
}

export interface KpiHistoryQuery {
  /** absent: the hub's default, 24 months before its city's now */
  from?: number;
  /** absent: the hub's now */
  to?: number;
  /** absent: the city's values; a ward code; 'all': every ward's */
  ward?: string;
  period?: (typeof KPI_PERIODS)[number];
}

export interface KpiHistory {
  samples: KpiSample[];
  /** the end of the range the hub answered for: its city's now when the query gave no `to` */
  to: number;
  /** samples of the answer that did not read as samples, dropped */
  dropped: number;
}

/** An answer the page could not use: the hub refused, or sent what it does not understand. */
export class HubApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'HubApiError';
  }
}

export interface CityHistory {
  /** each indicator's city samples by id, for the indicators the hub answered for */
  indicators: Map<string, KpiSample[]>;
  dropped: number;
  to: number;
}

export interface HubApi {
  kpiHistory(id: string, q: KpiHistoryQuery, signal?: AbortSignal): Promise<KpiHistory>;
  /** every indicator's city history in one answer (`GET /api/kpis/history`) */
  cityHistory(q: Pick<KpiHistoryQuery, 'from' | 'to'>, signal?: AbortSignal): Promise<CityHistory>;
  reportsSummary(q: ReportsSummaryQuery, signal?: AbortSignal): Promise<ReportsSummary>;
  /**
   * the city's past over a range of the last 24 hours (`GET /api/replay`); absent bounds: the whole
   * day. Optional: a page's stand-in API (a test's) may have no replay, and the wall then offers none.
   */
  replay?(q: { from?: number; to?: number }, signal?: AbortSignal): Promise<ReplayAnswer>;
}

/** A replay's history, less the items that did not read as what they should be (counted). */
export interface ReplayAnswer {
  history: ReplayHistory;
  dropped: number;
}

/** Each item of `list` that `schema` reads, the others counted in `dropped.n`. */
function itemsOf<T>(list: readonly unknown[], schema: z.ZodType<T>, dropped: { n: number }): T[] {
  const out: T[] = [];
  for (const item of list) {
    const read = schema.safeParse(item);
    if (read.success) out.push(read.data);
    else dropped.n++;
  }
  return out;
}

/** A query's range as the hub reads it: ISO instants, each left out for the hub's default. */
function rangeParams(q: { from?: number; to?: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (q.from !== undefined) params.set('from', new Date(q.from).toISOString());
  if (q.to !== undefined) params.set('to', new Date(q.to).toISOString());
  return params;
}

/** An answer's samples of indicator `id`: those that read as samples of it, the rest counted. */
function samplesOf(id: string, list: readonly unknown[]): { samples: KpiSample[]; dropped: number } {
  const samples: KpiSample[] = [];
  let dropped = 0;
  for (const s of list) {
    const sample = sampleSchema.safeParse(s);
    if (sample.success && sample.data.id === id) samples.push(sample.data);
    else dropped++;
  }
  return { samples, dropped };
}

/**
 * The API of the hub the page is connected to now (`baseUrl()` follows a failover; '' is the page's
 * own origin). A malformed sample is dropped and counted rather than failing the whole history.
 */
export function createHubApi(opts: { baseUrl: () => string; token: string; fetch?: typeof fetch }): HubApi {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));

  async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    const base = opts.baseUrl().replace(/\/+$/, '');
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${opts.token}`, accept: 'application/json' },
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new HubApiError(`hub unreachable: ${(err as Error).message}`, null);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
      const reason = typeof body?.error === 'string' ? body.error : res.statusText;
      throw new HubApiError(`${path.split('?')[0]}: ${res.status} ${reason}`, res.status);
    }
    return res.json();
  }

  return {
    async kpiHistory(id, q, signal) {
      const params = rangeParams(q);
      if (q.ward) params.set('ward', q.ward);
      if (q.period) params.set('period', q.period);
      const raw = historySchema.safeParse(
        await getJson(`/api/kpis/${encodeURIComponent(id)}/history?${params}`, signal),
      );
      if (!raw.success) throw new HubApiError(`history of ${id}: not a history answer`, null);
      return { ...samplesOf(id, raw.data.samples), to: Date.parse(raw.data.to) };
    },
    async cityHistory(q, signal) {
      const params = rangeParams(q);
      const raw = allHistorySchema.safeParse(await getJson(`/api/kpis/history?${params}`, signal));
      if (!raw.success) throw new HubApiError('history: not a history answer', null);
      const indicators = new Map<string, KpiSample[]>();
      let dropped = 0;
      for (const [id, list] of Object.entries(raw.data.indicators)) {
        const read = samplesOf(id, list);
        indicators.set(id, read.samples);
        dropped += read.dropped;
      }
      return { indicators, dropped, to: Date.parse(raw.data.to) };
    },
    async reportsSummary(q, signal) {
      const params = rangeParams(q);
      params.set('bucket', q.bucket);
      const raw = reportsSummarySchema.safeParse(await getJson(`/api/reports/summary?${params}`, signal));
      if (!raw.success) throw new HubApiError('reports summary: not a summary answer', null);
      const { from, to, bucket, buckets, categories, simulated } = raw.data;
      return {
        from: Date.parse(from),
        to: Date.parse(to),
        bucket,
        buckets: buckets.map((b) => ({ ...b, start: Date.parse(b.start) })),
        categories,
        simulated: simulated === true,
      };
    },
    async replay(q, signal) {
      const raw = replayFrameSchema.safeParse(await getJson(`/api/replay?${rangeParams(q)}`, signal));
      if (!raw.success) throw new HubApiError('replay: not a replay answer', null);
      const { from, to, now, incidents, alerts, base, events, lamps, power } = raw.data;
      const dropped = { n: 0 };
      const powerRead = power === undefined ? null : powerHistorySchema.safeParse(power);
      if (powerRead && !powerRead.success) dropped.n++;
      const item = replayItemSchemas;
      const history: ReplayHistory = {
        from,
        to,
        now,
        incidents: itemsOf(incidents, item.incident, dropped),
        alerts: itemsOf(alerts, item.alert, dropped),
        base: {
          kpis: itemsOf(base.kpis, item.kpi, dropped),
          cameras: itemsOf(base.cameras, item.camera, dropped),
          cabinets: itemsOf(base.cabinets, item.cabinet, dropped),
        },
        // Played in the order given: the hub sends them by seq, which is their order in time.
        events: itemsOf(events, item.event, dropped),
        lamps,
        ...(powerRead?.success ? { power: powerRead.data } : {}),
      };
      return { history, dropped: dropped.n };
    },
  };
}
