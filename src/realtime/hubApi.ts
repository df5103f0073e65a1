import { z } from 'zod';
import { KPI_PERIODS } from '../shared/city/kpiCatalogue';
import { kpiPeriodSchema, systemStatusSchema, type KpiSample } from '../shared/protocol/events';

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

const systemsSchema = z.object({ at: isoTime, systems: z.array(systemStatusSchema) });

export type HubSystems = z.infer<typeof systemsSchema>;

export interface KpiHistoryQuery {
  from: number;
  to: number;
  /** absent: the city's values; a ward code; 'all': every ward's */
  ward?: string;
  period?: (typeof KPI_PERIODS)[number];
}

export interface KpiHistory {
  samples: KpiSample[];
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

export interface HubApi {
  kpiHistory(id: string, q: KpiHistoryQuery, signal?: AbortSignal): Promise<KpiHistory>;
  systems(signal?: AbortSignal): Promise<HubSystems>;
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
      const params = new URLSearchParams({
        from: new Date(q.from).toISOString(),
        to: new Date(q.to).toISOString(),
      });
      if (q.ward) params.set('ward', q.ward);
      if (q.period) params.set('period', q.period);
      const raw = historySchema.safeParse(
        await getJson(`/api/kpis/${encodeURIComponent(id)}/history?${params}`, signal),
      );
      if (!raw.success) throw new HubApiError(`history of ${id}: not a history answer`, null);
      const samples: KpiSample[] = [];
      let dropped = 0;
      for (const s of raw.data.samples) {
        const sample = sampleSchema.safeParse(s);
        if (sample.success && sample.data.id === id) samples.push(sample.data);
        else dropped++;
      }
      return { samples, dropped };
    },
    async systems(signal) {
      const raw = systemsSchema.safeParse(await getJson('/api/systems', signal));
      if (!raw.success) throw new HubApiError('systems: not a systems answer', null);
      return raw.data;
    },
  };
}
