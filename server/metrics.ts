import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bearerIn, sendError } from './http';
import { STAFF_ROLES, type Role, type TokenMap } from './tokens';

// The hub's metrics in the Prometheus text format (GET /api/metrics, see docs/protocol.md).
// Each hub has its own Registry (tests start many hubs in one process, and a shared registry
// would mix their counts); the process's own figures (event loop lag, heap, CPU) belong to the
// process, so they live in one shared registry and are merged in when a hub answers.

/** Where committed events come from. */
export type EventSource = 'ingest' | 'simulator' | 'command';

/**
 * Why something a client sent was refused or dropped; one count per refused request, socket
 * message or connection (an invalid ingest batch is one drop, however many events it held).
 */
export type DropReason =
  /** the body is not JSON, or a socket packet could not be decoded */
  | 'malformed'
  /** well-formed, but against the protocol: an invalid batch or command message */
  | 'invalid'
  /** over a rate limit (ingest: 429; commands: `rate limited`) */
  | 'rate-limited'
  /** an ingest body over the limit (413) */
  | 'too-large'
  /** an ingest body not received in time (408): a slow sender */
  | 'timeout'
  /** a missing, unknown or wrong-role token (ingest 401/403, a refused handshake) */
  | 'unauthorized'
  /** a command sent without an acknowledgement callback: its sender could never learn the answer */
  | 'no-ack'
  /** a socket message the hub has no handler for */
  | 'unknown-message'
  /** a socket cut off by its transport: an oversized or broken frame */
  | 'socket-error'
  /** a client too slow to take the stream (for the stream's backpressure to report) */
  | 'slow-client'
  /** simulator events that failed validation (the stream counts them; a scrape reads the count) */
  | 'simulator-invalid';

export const DROP_REASONS: readonly DropReason[] = [
  'malformed',
  'invalid',
  'rate-limited',
  'too-large',
  'timeout',
  'unauthorized',
  'no-ack',
  'unknown-message',
  'socket-error',
  'slow-client',
  'simulator-invalid',
];

const VIEWER_ROLES: readonly Role[] = ['operator', 'leader', 'guest'];

/** Database query latency buckets, in seconds: an embedded PGlite insert batch runs 1 ms to seconds. */
const DB_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the hub reads at scrape time rather than counting as it goes. */
export interface MetricsSources {
  /** connected, authorised sockets by role */
  clientsByRole(): Partial<Record<Role, number>>;
  /** seq of the newest event */
  seq(): number;
  /** simulator events dropped by validation so far (CityStream.droppedCount) */
  simulatorDropped(): number;
}

let processRegistry: Registry | null = null;

/** One per process: prom-client's default metrics, nodejs_eventloop_lag_seconds among them. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class HubMetrics {
  readonly registry = new Registry();
  private sources: MetricsSources | null = null;

  private readonly eventsIn = new Counter({
    name: 'ioc_events_in_total',
    help: 'Events committed to the stream (given a seq), by source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  private readonly messagesSent = new Counter({
    name: 'ioc_messages_sent_total',
    help: 'Socket.io messages sent to sockets, by message name (one per socket reached).',
    labelNames: ['message'] as const,
    registers: [this.registry],
  });
  private readonly eventsSent = new Counter({
    name: 'ioc_events_sent_total',
    help: 'Events sent to sockets inside events messages (one per socket reached).',
    registers: [this.registry],
  });
  /** The simulator's drops the counter already holds: the stream counts them, a scrape hands them on. */
  private simulatorDropsSeen = 0;
  private readonly dropped = new Counter({
    name: 'ioc_dropped_total',
    help: 'Requests, socket messages and connections refused or dropped, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
    collect: () => {
      const total = this.sources?.simulatorDropped() ?? 0;
      if (total > this.simulatorDropsSeen) {
        this.dropped.inc({ reason: 'simulator-invalid' }, total - this.simulatorDropsSeen);
        this.simulatorDropsSeen = total;
      }
    },
  });
  private readonly catchUps = new Counter({
    name: 'ioc_catchups_total',
    help: 'Answers to a connect or resync: a replay from the log or a snapshot.',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });
  /** Storage's query latency: call observeDb (or timeDb) around each query or batch. */
  readonly dbQuerySeconds = new Histogram({
    name: 'ioc_db_query_seconds',
    help: 'Latency of the database queries the hub runs (durable storage), in seconds.',
    buckets: DB_BUCKETS,
    registers: [this.registry],
  });

  private readonly clients: Gauge<'role'> = new Gauge({
    name: 'ioc_clients',
    help: 'Sockets connected and authorised, by role.',
    labelNames: ['role'] as const,
    registers: [this.registry],
    collect: () => {
      const byRole = this.sources?.clientsByRole() ?? {};
      for (const role of VIEWER_ROLES) this.clients.set({ role }, byRole[role] ?? 0);
    },
  });
  private readonly seq: Gauge = new Gauge({
    name: 'ioc_seq',
    help: 'Seq of the newest event.',
    registers: [this.registry],
    collect: () => this.seq.set(this.sources?.seq() ?? 0),
  });

  constructor() {
    // Every label a dashboard may look for exists from the start, at zero.
    for (const source of ['ingest', 'simulator', 'command'] as const) this.eventsIn.inc({ source }, 0);
    for (const reason of DROP_REASONS) this.dropped.inc({ reason }, 0);
    for (const mode of ['replay', 'snapshot'] as const) this.catchUps.inc({ mode }, 0);
    for (const message of ['events', 'snapshot', 'session', 'systems'] as const)
      this.messagesSent.inc({ message }, 0);
    this.eventsSent.inc(0);
  }

  /** What the hub reads at scrape time; set once the sockets and the stream exist. */
  watch(sources: MetricsSources): void {
    this.sources = sources;
  }

  eventsCommitted(source: EventSource, count: number): void {
    if (count > 0) this.eventsIn.inc({ source }, count);
  }

  messageSent(message: string, events = 0): void {
    this.messagesSent.inc({ message });
    if (events > 0) this.eventsSent.inc(events);
  }

  drop(reason: DropReason, count = 1): void {
    this.dropped.inc({ reason }, count);
  }

  catchUp(mode: 'replay' | 'snapshot'): void {
    this.catchUps.inc({ mode });
  }

  /** One database query (or batch) took `seconds`. */
  observeDb(seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= 0) this.dbQuerySeconds.observe(seconds);
  }

  /** Runs `query` and records how long it took, whether it succeeded or threw. */
  async timeDb<T>(query: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await query();
    } finally {
      this.observeDb((performance.now() - start) / 1000);
    }
  }

  /** The exposition: this hub's metrics and the process's. */
  async render(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([this.registry, processMetrics()]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }
}

export interface MetricsAccess {
  tokens: TokenMap;
  /** METRICS_TOKEN: a scraper's own bearer token, which opens nothing but the metrics */
  metricsToken?: string;
}

/**
 * GET /api/metrics. Readable with an operator's or a leader's token (the figures say how the
 * centre runs, not what happens in the city, but guests and producers have no business there)
 * or with METRICS_TOKEN, so that Prometheus needs no staff credential.
 */
export async function answerMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: HubMetrics,
  access: MetricsAccess,
): Promise<void> {
  const header = req.headers.authorization;
  if (
    !isMetricsToken(header, access.metricsToken) &&
    !bearerIn(
      req,
      res,
      access.tokens,
      STAFF_ROLES,
      'forbidden: metrics are for operators, leaders and METRICS_TOKEN',
    )
  ) {
    return;
  }
  let rendered: { contentType: string; text: string };
  try {
    rendered = await metrics.render();
  } catch (err) {
    // A collector's bug must cost a scrape, not the hub (this runs detached from the request handler).
    console.error('[hub] metrics failed:', err);
    sendError(res, 500, 'internal error');
    return;
  }
  const { contentType, text } = rendered;
  if (res.headersSent) return;
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** `Bearer METRICS_TOKEN`, compared in constant time (digests of equal length). */
function isMetricsToken(header: string | undefined, metricsToken: string | undefined): boolean {
  if (!metricsToken || !header) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return false;
  const digest = (t: string) => createHash('sha256').update(t, 'utf8').digest();
  return timingSafeEqual(digest(m[1]), digest(metricsToken));
}
