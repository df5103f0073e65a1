import type { IncomingMessage, ServerResponse } from 'node:http';
import { BuildVersion } from './version';
import { z } from 'zod';
import { HUE_KPIS, KPI_PERIODS, kpiDefinition, type KpiPeriodKind } from '../src/shared/city/kpiCatalogue';
import { PROTOCOL_VERSION, type KpiSample, type Snapshot } from '../src/shared/protocol/events';
import type { ReplayHistory } from '../src/shared/protocol/replay';
import { MAX_AUDIT_ENTRIES, type CommandDesk } from './commands';
import { StorageUnavailable, type Committer } from './commit';
import { handleConfig } from './config';
import { bearerIn, discardRest, sendError, sendJson } from './http';
import type { IngestGate } from './ingestGate';
import { inventorySchema } from './inventory';
import { catalogueWithLatest, isWardCode, type KpiArchive, type WardSelector } from './kpis';
import { monthsBefore } from '../src/shared/city/periods';
import {
  REPORT_BUCKET_KINDS,
  reportBucketStarts,
  summarizeReports,
  type ReportBucketKind,
} from '../src/shared/city/reports';
import { cabinetSummaries } from './lights';
import { answerMetrics, type HubMetrics } from './metrics';
import type { PowerMeter } from './power';
import { DAY_SPAN_MS } from '../src/shared/lights/daily';
import { redactEvents } from './redact';
import { replayFor, replayRange } from './replay';
import { MAX_REPORT_BUCKETS, type ReportArchive } from './reports';
import { EVENTS_PER_MESSAGE } from './socket';
import { serveStatic } from './static';
import { lastIncidentNumber } from './state';
import type { CityStream } from './stream';
import type { SystemsWatch } from './systems';
import { STAFF_ROLES, VIEWER_ROLES, type Role, type TokenMap } from './tokens';

// The hub's HTTP side: the `/api/*` routes (docs/protocol.md) and, for every other path, the built SPA.

/** A city's inventory of 50,000 lamps is about 3 MB of JSON. */
const MAX_INVENTORY_BYTES = 32 * 1024 * 1024;

export interface RestDeps {
  tokens: TokenMap;
  /** a bearer token that may read /api/metrics besides operators' and leaders' */
  metricsToken: string | undefined;
  maxBodyBytes: number;
  /** directory of the built SPA, or false to answer 404 outside /api */
  staticDir: string | false;
  stream: CityStream;
  loop: Committer;
  commands: CommandDesk;
  power: PowerMeter;
  ingestGate: IngestGate;
  metrics: HubMetrics;
  /** the indicators' history and latest values */
  kpis: KpiArchive;
  /** citizen reports over any period: the city's past and its incidents */
  reports: ReportArchive;
  systems: SystemsWatch;
  /** the city's past between two instants, from the durable store; null for a hub that keeps none */
  replay: ((from: number, to: number) => Promise<ReplayHistory>) | null;
  /** city time, epoch ms */
  cityNow(): number;
  /** what /api/health reports besides the stream's position, in the order it lists them */
  health(): { storage: string; clients: number; slowClientsDropped: number; uptimeS: number };
  /** the snapshot a viewer of this role is sent (with the power history, redacted for guests) */
  snapshotFor(snap: Snapshot, role: Role): Snapshot;
}

/** Answers one request: the API under `/api`, the SPA's files elsewhere. */
export function restHandler(d: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { tokens, stream, loop, metrics } = d;
  const version = new BuildVersion(d.staticDir);

  function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    const method = req.method ?? 'GET';
    const expect = (allowed: string) => {
      if (method === allowed) return true;
      discardRest(req, d.maxBodyBytes);
      sendJson(res, 405, { error: 'method not allowed' }, { allow: allowed });
      return false;
    };
    switch (path) {
      case '/api/health':
        if (!expect('GET')) return;
        sendJson(res, 200, {
          status: 'ok',
          seq: stream.seq,
          epoch: stream.epoch,
          ...d.health(),
          // A producer checks it before sending what an older hub would refuse (light.states: 2).
          protocol: PROTOCOL_VERSION,
        });
        return;
      case '/api/version':
        // Public, like health: a wall asks it to learn whether the hub serves a newer build than its own.
        if (!expect('GET')) return;
        sendJson(
          res,
          200,
          { build: version.build, protocol: PROTOCOL_VERSION },
          { 'cache-control': 'no-store' },
        );
        return;
      case '/api/snapshot': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        // As a read of the commit loop: the state of what is stored and sent, nothing half-committed.
        void loop.read(() => sendJson(res, 200, d.snapshotFor(stream.snapshot(), role)));
        return;
      }
      case '/api/events': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        void loop.read(() => answerEvents(res, role, query));
        return;
      }
      case '/api/config':
        return handleConfig(req, res);
      case '/api/lights/cabinets': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        const at = d.cityNow();
        sendJson(res, 200, { at, cabinets: cabinetSummaries(stream.state.lamps, at, role !== 'guest') });
        return;
      }
      case '/api/lights/energy': {
        if (!expect('GET')) return;
        if (!viewer(req, res)) return;
        d.power.sample(stream.state.lamps, d.cityNow());
        sendJson(res, 200, d.power.report(d.cityNow()));
        return;
      }
      case '/api/audit':
        if (!expect('GET')) return;
        answerAudit(req, res, query);
        return;
      case '/api/ingest':
        if (!expect('POST')) return;
        ingest(req, res).catch((err: unknown) => {
          // An async throw would be an unhandled rejection, which ends the process: answer 500 instead.
          console.error('[hub] ingest failed:', err);
          sendError(res, 500, 'internal error');
        });
        return;
      case '/api/metrics':
        if (!expect('GET')) return;
        void answerMetrics(req, res, metrics, { tokens, metricsToken: d.metricsToken });
        return;
      case '/api/inventory':
        if (!expect('PUT')) return;
        void putInventory(req, res);
        return;
      case '/api/kpis':
        if (!expect('GET') || !viewer(req, res)) return;
        answerAsync(res, async () => ({
          at: new Date(d.cityNow()).toISOString(),
          kpis: catalogueWithLatest(await d.kpis.latest()),
        }));
        return;
      case '/api/kpis/history':
        if (!expect('GET') || !viewer(req, res)) return;
        answerAllHistory(res, query);
        return;
      case '/api/reports/summary':
        if (!expect('GET') || !viewer(req, res)) return;
        answerReports(res, query);
        return;
      case '/api/replay':
        if (!expect('GET')) return;
        answerReplay(req, res, query);
        return;
      case '/api/systems':
        if (!expect('GET') || !viewer(req, res)) return;
        sendJson(res, 200, { at: new Date(d.cityNow()).toISOString(), systems: d.systems.statuses() });
        return;
      default: {
        const history = /^\/api\/kpis\/([^/]+)\/history$/.exec(path);
        if (history) {
          if (!expect('GET') || !viewer(req, res)) return;
          answerHistory(res, history[1]!, query);
          return;
        }
        sendError(res, 404, 'not found');
      }
    }
  }

  /** The role of a bearer token allowed to read the stream, or null after answering 401/403. */
  function viewer(req: IncomingMessage, res: ServerResponse): Role | null {
    return (
      bearerIn(req, res, tokens, VIEWER_ROLES, 'forbidden: producer tokens may only ingest')?.role ?? null
    );
  }

  /** `from` and `to` of a history query, or null after answering 400: by default the last 24 months. */
  function rangeOf(res: ServerResponse, query: URLSearchParams): { from: number; to: number } | null {
    const now = d.cityNow();
    const to = instantParam(query.get('to'), now);
    const from = instantParam(query.get('from'), monthsBefore(now, 24));
    if (from === null || to === null) {
      sendError(res, 400, 'from and to must be ISO 8601 instants with a zone, e.g. 2026-11-30T17:00:00Z');
      return null;
    }
    if (from > to) {
      sendError(res, 400, 'from must not be after to');
      return null;
    }
    return { from, to };
  }

  /** `GET /api/kpis/{id}/history?from=&to=&ward=&period=`: an indicator's samples by period start. */
  function answerHistory(res: ServerResponse, rawId: string, query: URLSearchParams): void {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      id = rawId;
    }
    if (!kpiDefinition(id)) {
      sendError(res, 404, `unknown indicator "${id.slice(0, 64)}"`);
      return;
    }
    const range = rangeOf(res, query);
    if (!range) return;
    const { from, to } = range;
    const wardParam = query.get('ward') ?? '';
    const ward: WardSelector = wardParam === '' ? null : wardParam;
    if (ward !== null && ward !== 'all' && !isWardCode(ward)) {
      sendError(res, 400, `unknown ward "${wardParam.slice(0, 64)}": a ward code of the city, or all`);
      return;
    }
    const kindParam = query.get('period');
    if (kindParam !== null && !(KPI_PERIODS as readonly string[]).includes(kindParam)) {
      sendError(res, 400, `period must be one of ${KPI_PERIODS.join(', ')}`);
      return;
    }
    const kind = (kindParam ?? undefined) as KpiPeriodKind | undefined;
    answerAsync(res, async () => ({
      id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ward,
      samples: await d.kpis.history({ id, from, to, ward, ...(kind ? { kind } : {}) }),
    }));
  }

  /**
   * `GET /api/kpis/history?from=&to=`: every indicator's city samples in one answer, by id: what a
   * briefing opens with (one request, not one per indicator queued behind the browser's six).
   */
  function answerAllHistory(res: ServerResponse, query: URLSearchParams): void {
    const range = rangeOf(res, query);
    if (!range) return;
    const { from, to } = range;
    answerAsync(res, async () => {
      const indicators: Record<string, KpiSample[]> = {};
      for (const def of HUE_KPIS)
        indicators[def.id] = await d.kpis.history({ id: def.id, from, to, ward: null });
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), indicators };
    });
  }

  /**
   * `GET /api/reports/summary?from=&to=&bucket=day|month`: citizen reports over [from, to) by city day
   * or month (received, resolved, resolved in time) and by category.
   */
  function answerReports(res: ServerResponse, query: URLSearchParams): void {
    const range = rangeOf(res, query);
    if (!range) return;
    const { from, to } = range;
    const bucketParam = query.get('bucket') ?? 'month';
    if (!(REPORT_BUCKET_KINDS as readonly string[]).includes(bucketParam)) {
      sendError(res, 400, `bucket must be one of ${REPORT_BUCKET_KINDS.join(', ')}`);
      return;
    }
    const bucket = bucketParam as ReportBucketKind;
    const count = reportBucketStarts(from, to, bucket).length;
    if (count > MAX_REPORT_BUCKETS) {
      sendError(
        res,
        400,
        `the range holds ${count} ${bucket}s, more than ${MAX_REPORT_BUCKETS}: shorten it or use bucket=month`,
      );
      return;
    }
    answerAsync(res, async () => {
      const summary = summarizeReports(await d.reports.between(from, to), from, to, bucket);
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        bucket,
        buckets: summary.buckets.map((b) => ({ ...b, start: new Date(b.start).toISOString() })),
        categories: summary.categories,
        ...(summary.simulated ? { simulated: true } : {}),
      };
    });
  }

  /** `GET /api/replay?from=&to=`: the city's last 24 hours from the store (server/replay.ts). */
  function answerReplay(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const role = viewer(req, res);
    if (!role) return;
    const range = replayRange(query, d.cityNow());
    if (!range.ok) {
      sendError(res, 400, range.error);
      return;
    }
    const read = d.replay;
    if (!read) {
      sendError(res, 503, 'replay needs a durable store: this hub keeps nothing (STORE=memory)');
      return;
    }
    answerAsync(res, async () => ({
      ...replayFor(await read(range.from, range.to), role),
      // The lighting's power from a day before the range to its end, as far as the meter holds it: the
      // energy panel's day and its 24-hour chart at any instant of the replay.
      power: d.power.history(range.to, range.to - range.from + DAY_SPAN_MS),
    }));
  }

  /** The command audit trail: operators and leaders only, it names the staff who acted. */
  function answerAudit(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    if (!bearerIn(req, res, tokens, STAFF_ROLES, 'forbidden: the audit trail is for operators and leaders'))
      return;
    const limit = parseQueryInt(query.get('limit'), 100);
    if (limit === null || limit < 1 || limit > MAX_AUDIT_ENTRIES) {
      sendError(res, 400, `limit must be an integer from 1 to ${MAX_AUDIT_ENTRIES}`);
      return;
    }
    const incidentId = query.get('incidentId') ?? undefined;
    const cabinetId = query.get('cabinetId') ?? undefined;
    sendJson(res, 200, {
      total: d.commands.auditSize,
      entries: d.commands.entries(limit, { incidentId, cabinetId }),
    });
  }

  function answerEvents(res: ServerResponse, role: Role, query: URLSearchParams): void {
    const after = parseQueryInt(query.get('after'), 0);
    const limit = parseQueryInt(query.get('limit'), 1000);
    if (after === null || after < 0) {
      sendError(res, 400, 'after must be an integer >= 0');
      return;
    }
    if (limit === null || limit < 1 || limit > EVENTS_PER_MESSAGE * 2) {
      sendError(res, 400, `limit must be an integer from 1 to ${EVENTS_PER_MESSAGE * 2}`);
      return;
    }
    const events = stream.eventsAfter(after, limit);
    if (!events) {
      sendError(res, 410, 'gone: the log no longer holds every event after this seq; fetch /api/snapshot', {
        firstSeq: stream.firstSeq,
        seq: stream.seq,
      });
      return;
    }
    sendJson(res, 200, { seq: stream.seq, events: role === 'guest' ? redactEvents(events) : events });
  }

  /** `PUT /api/inventory`: a producer describes the city's cameras and lamps (server/inventory.ts). */
  async function putInventory(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const admitted = await d.ingestGate.admit(req, res, {
      maxBytes: MAX_INVENTORY_BYTES,
      chargeEvents: false,
    });
    if (!admitted) return;
    const parsed = inventorySchema.safeParse(admitted.body);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.join('.'), message: i.message }));
      sendJson(res, 400, { error: 'invalid inventory', issues });
      return;
    }
    try {
      const result = await loop.change(() => stream.adoptInventory(parsed.data));
      if (!result.ok) {
        sendError(res, 409, result.error);
        return;
      }
      // Where the city stands, for a producer that resumes (its clock, its report numbers).
      sendJson(res, 200, {
        adopted: result.adopted,
        cityNow: d.cityNow(),
        lastIncidentNumber: lastIncidentNumber(stream.state),
      });
    } catch (err) {
      answerCommitError(res, err);
    }
  }

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const admitted = await d.ingestGate.admit(req, res);
    if (!admitted) return;
    const { body } = admitted;
    let result: ReturnType<typeof stream.ingest>;
    try {
      result = await loop.change(() => {
        const seqBefore = stream.seq;
        const answer = stream.ingest(body);
        metrics.eventsCommitted('ingest', stream.seq - seqBefore);
        return answer;
      });
    } catch (err) {
      answerCommitError(res, err);
      return;
    }
    if (!result.ok) metrics.drop('invalid');
    if (result.ok) sendJson(res, 202, { seqs: result.seqs });
    else sendJson(res, 400, { error: 'invalid', issues: result.issues, issueCount: result.issueCount });
  }

  return (req, res) => {
    let path: string;
    let query: URLSearchParams;
    try {
      const url = new URL(req.url ?? '/', 'http://hub.invalid');
      path = url.pathname;
      query = url.searchParams;
    } catch {
      sendError(res, 400, 'bad request');
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      handleApi(req, res, path, query);
    } else if (d.staticDir) {
      serveStatic(d.staticDir, req, res, path);
    } else {
      sendError(res, 404, 'not found');
    }
  };
}

/** A change that did not commit: 503 when the store refused it (the producer retries), else 500. */
function answerCommitError(res: ServerResponse, err: unknown): void {
  if (err instanceof StorageUnavailable) {
    sendJson(res, 503, { error: 'storage unavailable: nothing was stored, retry' }, { 'retry-after': '1' });
    return;
  }
  console.error('[hub] request failed:', err);
  sendError(res, 500, 'internal error');
}

/** Answers 200 with what `make` resolves to, or 500 when it fails (a store that stopped answering). */
function answerAsync(res: ServerResponse, make: () => Promise<unknown>): void {
  make().then(
    (body) => sendJson(res, 200, body),
    (err: unknown) => {
      console.error('[hub] request failed:', err);
      sendError(res, 500, 'internal error');
    },
  );
}

const isoInstant = z.iso.datetime({ offset: true });

/** An ISO instant query parameter as epoch ms: `fallback` when absent, null when not an instant. */
function instantParam(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return isoInstant.safeParse(value).success ? Date.parse(value) : null;
}

function parseQueryInt(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}
