import type { CityEvent, CityState } from '../../src/shared/protocol/events';
import { inventoryOf } from '../../server/inventory';
import { createCitySim, type CitySim } from '../sim/city';

// The Huế simulator as a producer of its own, in its own process: it describes the city to a hub
// (PUT /api/inventory), then pushes what happens through /api/ingest, the path every real city
// system takes. The hub it talks to may restart or move: it retries, in order, and drops nothing
// but lamp telemetry, which the next state supersedes.

export interface ProducerOptions {
  /** the hub's base URL, e.g. http://127.0.0.1:8080; several, comma-separated, are tried in turn */
  hub: string;
  token: string;
  seed?: number;
  lamps?: number;
  timeScale?: number;
  /** how often the city advances and pushes, in ms; default 100 */
  tickMs?: number;
  log?: (line: string) => void;
}

export interface ProducerStats {
  /** events the hub answered 202 for */
  sent: number;
  /** requests that failed and were retried */
  retries: number;
  /** lamp updates dropped while the hub was away and the queue was full */
  droppedTelemetry: number;
  /** events the hub refused as invalid (400), dropped with their batch */
  refused: number;
  queued: number;
}

export interface Producer {
  readonly stats: ProducerStats;
  /** what the hub answered to the inventory: whether this producer made the city, and its clock then */
  readonly joined: { adopted: boolean; cityNow: number };
  stop(): Promise<void>;
}

/** Events per ingest request: the hub's batch limit. */
const MAX_BATCH = 10_000;
/** While the hub is away, at most this many events wait; lamp telemetry goes first when it is full. */
const MAX_QUEUE = 200_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

export async function startProducer(opts: ProducerOptions): Promise<Producer> {
  const log = opts.log ?? ((line: string) => console.log(`[sim] ${line}`));
  // Nodes of one cluster: when the one in use fails, the next takes the same requests.
  const hubs = opts.hub
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  if (hubs.length === 0) throw new FatalError('no hub URL given');
  let current = 0;
  const base = () => hubs[current]!;
  const nextHub = () => {
    current = (current + 1) % hubs.length;
  };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` };
  const simOpts = { seed: opts.seed ?? 1, lamps: opts.lamps, timeScale: opts.timeScale };
  let stopped = false;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // The inventory depends on the seed and the lamp count only: a first city gives it.
  const first = createCitySim(simOpts);
  const inventory = inventoryOf(first.state());
  let backoff = RETRY_MIN_MS;
  let joined: { adopted: boolean; cityNow: number; lastIncidentNumber: number } | null = null;
  while (!joined) {
    try {
      const res = await fetch(`${base()}/api/inventory`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(inventory),
      });
      const body = (await res.json()) as {
        adopted?: boolean;
        cityNow?: number;
        lastIncidentNumber?: number;
        error?: string;
      };
      if (res.status === 200) {
        joined = {
          adopted: body.adopted === true,
          cityNow: body.cityNow ?? 0,
          lastIncidentNumber: body.lastIncidentNumber ?? 0,
        };
      } else if (res.status >= 400 && res.status < 500) {
        throw new FatalError(`the hub refused the city's inventory (${res.status}): ${body.error ?? ''}`);
      }
    } catch (err) {
      if (err instanceof FatalError) throw err;
      log(`hub at ${base()} not reachable (${(err as Error).message}); retrying`);
      nextHub();
      await sleep(backoff);
      backoff = Math.min(backoff * 2, RETRY_MAX_MS);
    }
  }
  // A city the hub already holds goes on from its clock, with report numbers after the stored ones.
  const sim: CitySim = joined.adopted
    ? first
    : createCitySim({ ...simOpts, start: joined.cityNow, incidentNumberFrom: joined.lastIncidentNumber });
  log(`${joined.adopted ? 'created' : 'joined'} the city at ${base()} (${inventory.lamps.count} lamps)`);

  const stats: ProducerStats = { sent: 0, retries: 0, droppedTelemetry: 0, refused: 0, queued: 0 };
  /** Reports this producer made: its updates to the warm-up's incidents, which the hub never saw, stay home. */
  const reported = new Set<string>();
  let queue: CityEvent[] = currentState(sim.state());

  const take = (events: CityEvent[]) => {
    for (const e of events) {
      if (e.type === 'incident.reported') reported.add(e.data.id);
      else if (e.type === 'incident.updated' && !reported.has(e.data.id)) continue;
      queue.push(e);
    }
    if (queue.length > MAX_QUEUE) {
      // The oldest lamp batches go first: the newer ones say where those lamps are now.
      let excess = queue.length - MAX_QUEUE;
      queue = queue.filter((e) => {
        if (excess === 0 || (e.type !== 'light.state' && e.type !== 'light.states')) return true;
        excess--;
        stats.droppedTelemetry += e.type === 'light.states' ? e.data.i.length : 1;
        return false;
      });
    }
  };

  const tickMs = opts.tickMs ?? 100;
  let last = performance.now();
  const loop = (async () => {
    backoff = RETRY_MIN_MS;
    while (!stopped) {
      const now = performance.now();
      take(sim.advance(now - last));
      last = now;
      while (queue.length > 0 && !stopped) {
        const batch = nextBatch(queue);
        try {
          const res = await fetch(`${base()}/api/ingest`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ events: batch }),
          });
          if (res.status === 202) {
            stats.sent += batch.length;
            queue.splice(0, batch.length);
            backoff = RETRY_MIN_MS;
            await res.arrayBuffer();
          } else if (res.status === 400) {
            const body = await res.text();
            log(`the hub refused a batch of ${batch.length}: ${body.slice(0, 300)}`);
            stats.refused += batch.length;
            queue.splice(0, batch.length);
          } else {
            throw new Error(`HTTP ${res.status}`);
          }
        } catch (err) {
          stats.retries++;
          if (stats.retries % 20 === 1)
            log(`push to ${base()} failed (${(err as Error).message}); retrying, ${queue.length} queued`);
          nextHub();
          await sleep(backoff);
          backoff = Math.min(backoff * 2, RETRY_MAX_MS);
          const t = performance.now();
          take(sim.advance(t - last));
          last = t;
        }
      }
      stats.queued = queue.length;
      await sleep(Math.max(0, tickMs - (performance.now() - now)));
    }
  })();

  return {
    stats,
    joined: { adopted: joined.adopted, cityNow: joined.cityNow },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

class FatalError extends Error {}

/** Lamps in one request: 20,000 lamp entries are about 300 KB of JSON, well inside the hub's 1 MiB. */
const MAX_BATCH_LAMPS = 20_000;

/** The events at the head of the queue that make one request: at most MAX_BATCH, and not too many lamps. */
function nextBatch(queue: readonly CityEvent[]): CityEvent[] {
  let lamps = 0;
  let n = 0;
  while (n < queue.length && n < MAX_BATCH) {
    const e = queue[n]!;
    lamps += e.type === 'light.states' ? e.data.i.length : 0;
    if (lamps > MAX_BATCH_LAMPS && n > 0) break;
    n++;
  }
  return queue.slice(0, n);
}

/**
 * The city as it stands, as events a hub can take: every lamp, each cabinet's and camera's status,
 * each KPI. Not the warm-up's incidents and alerts: they are the simulator's past, not news.
 */
export function currentState(state: CityState): CityEvent[] {
  const out: CityEvent[] = [];
  for (const k of state.kpis) out.push({ type: 'kpi.updated', data: k });
  for (const c of state.cameras)
    if (!c.online) out.push({ type: 'camera.status', data: { id: c.id, online: false } });
  for (const c of state.lamps.cabinets)
    if (c.status) out.push({ type: 'cabinet.updated', data: { id: c.id, ...c.status } });
  const { lamps } = state;
  for (let i = 0; i < lamps.count; i++)
    out.push({ type: 'light.state', data: [i, lamps.state[i]!, lamps.level[i]!] });
  return out;
}
