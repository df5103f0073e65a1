import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, type Socket } from 'socket.io';
import {
  MSG,
  type CityEvent,
  type CityState,
  type CommandAck,
  type EventsMessage,
  type Session,
  type Snapshot,
  type StreamEvent,
} from '../src/shared/protocol/events';
import { DAY_SPAN_MS } from '../src/shared/lighting/daily';
import { OPEN_STATUSES } from '../src/shared/protocol/codes';
import { BacklogGuard, MAX_CLIENT_BACKLOG_BYTES, type BacklogStats } from './backlog';
import { CommandDesk, MAX_AUDIT_ENTRIES, MAX_REMEMBERED_COMMANDS } from './commands';
import { CommitLoop, StorageUnavailable, type Committer } from './commit';
import { ClusterLoop } from './cluster/clusterLoop';
import { joinLog, type NodeStart } from './cluster/node';
import { RedisLog } from './cluster/redisLog';
import { cabinetSummaries } from './lights';
import { handleConfig, wallConfig } from './config';
import { discardRest, sendError, sendJson } from './http';
import { IngestGate } from './ingestGate';
import { resolveLimits, type Limits } from './limits';
import { answerMetrics, HubMetrics } from './metrics';
import { redactEvents, redactState } from './redact';
import { inventorySchema } from './inventory';
import { PowerMeter } from './power';
import { emptyCityState, hubState, type HubState } from './state';
import { CityStore, type AuditRecord } from './store/cityStore';
import { applySecurityHeaders, hardenServer, originOf, pagePolicy } from './security';
import { SocketGuard } from './socketGuard';
import { serveStatic } from './static';
import { CityStream, type StreamClock } from './stream';
import { PROTOCOL_VERSION } from '../src/shared/protocol/events';
import {
  identityOf,
  identityOfBearer,
  loadTokenMap,
  roleOfBearer,
  VIEWER_ROLES,
  type Identity,
  type Role,
  type TokenMap,
} from './tokens';

export type { Role } from './tokens';

export interface HubOptions {
  /** 0 = a free port chosen by the OS; default 8080 */
  port?: number;
  /** default 127.0.0.1; 0.0.0.0 exposes the hub to the network */
  host?: string;
  /** token → role or { role, name }; default loadTokenMap() (config/tokens.json, HUB_TOKENS_FILE or HUB_TOKENS) */
  tokens?: TokenMap;
  /** events kept for replay; default 100,000 */
  logSize?: number;
  /** batch/broadcast tick in ms; default 50 */
  tickMs?: number;
  /** a socket with more than this queued (beyond its catch-up) is dropped; default MAX_CLIENT_BACKLOG_BYTES, 8 MiB */
  maxClientBacklogBytes?: number;
  /** the Huế simulator as a producer; default on with seed 1 */
  sim?: false | { seed?: number; lamps?: number; timeScale?: number };
  /** directory of the built SPA; default `dist` when it exists */
  staticDir?: string | false;
  /** ingest body limit in bytes; default 1 MiB */
  maxBodyBytes?: number;
  /**
   * Where the city is kept: PGlite under `dataDir`, or PostgreSQL at `databaseUrl`. Default false:
   * memory only, every start a new history (tests); `npm start` keeps it in ./data.
   */
  storage?: false | { dataDir?: string; databaseUrl?: string };
  /** a lamp keyframe is written at most this often, in real ms; default 10,000 */
  keyframeMs?: number;
  /**
   * One node of several (REDIS_URL): they share one log through `storage.databaseUrl` (PostgreSQL)
   * and fan out over Redis (server/cluster/). Needs `sim: false`: the simulator runs as a producer.
   */
  cluster?: { redisUrl: string };
  /** rate limits and timeouts; defaults in limits.ts (env: INGEST_RATE, COMMAND_RATE, ...) */
  limits?: Partial<Limits>;
  /** a bearer token that may read /api/metrics besides operators' and leaders' (METRICS_TOKEN) */
  metricsToken?: string;
  /** origins the page may connect to besides its own, for its CSP (CONNECT_ORIGINS) */
  connectOrigins?: string[];
}

export interface Hub {
  url: string;
  port: number;
  /** seq of the newest event */
  readonly seq: number;
  /** the city's clock, epoch ms: the simulator's when one runs */
  readonly cityNow: number;
  /** the id of this hub's history (docs/protocol.md, epoch) */
  readonly epoch: string;
  /** how the city was found at start: a new history, or one loaded from the store */
  readonly started: { restored: boolean; readyMs: number; storage: 'memory' | 'pglite' | 'postgres' };
  /** sockets connected and authorised */
  clientCount(): number;
  /** the slow-client bound, and how many sockets it dropped */
  readonly backlog: BacklogStats;
  close(): Promise<void>;
}

/** Events a node joining the shared log reads back for replay (lamp batches included). */
const CLUSTER_TAIL = 20_000;
/** A city's inventory of 50,000 lamps is about 3 MB of JSON. */
const MAX_INVENTORY_BYTES = 32 * 1024 * 1024;
/** Per emit: keeps a catch-up of 100,000 events from becoming one giant frame. */
const EVENTS_PER_MESSAGE = 5000;
/** A stalled event loop must not make the simulator replay minutes of city time in one tick. */
const MAX_SIM_STEP_MS = 1000;
const FULL_VIEW_ROOMS = ['operator', 'leader'];
const GUEST_ROOM = 'guest';

interface ClientToServer {
  resync: (msg: unknown, ack?: (answer: { mode: 'replay' | 'snapshot'; seq: number }) => void) => void;
  command: (msg: unknown, ack?: (answer: CommandAck) => void) => void;
}
interface ServerToClient {
  events: (msg: EventsMessage) => void;
  snapshot: (snapshot: Snapshot) => void;
  session: (session: Session) => void;
}
interface SocketData {
  role: Role;
  identity: Identity;
}
type HubSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const tokens = opts.tokens ?? loadTokenMap();
  const logSize = opts.logSize ?? 100_000;
  const tickMs = Math.max(1, opts.tickMs ?? 50);
  const maxBodyBytes = opts.maxBodyBytes ?? 1024 * 1024;
  const staticDir = resolveStaticDir(opts.staticDir);
  const startedAt = performance.now();
  const limits = resolveLimits(opts.limits, maxBodyBytes);
  const metrics = new HubMetrics();
  const ingestGate = new IngestGate({ tokens, limits, maxBodyBytes, metrics });
  const socketGuard = new SocketGuard(metrics, limits);
  // A basemap style on another server (BASEMAP_STYLE) is fetched by the page: its origin is allowed too.
  const basemapOrigin = originOf(wallConfig().basemapStyle);
  const policy = pagePolicy({
    connectOrigins: [...(opts.connectOrigins ?? []), ...(basemapOrigin ? [basemapOrigin] : [])],
  });

  const store = opts.storage
    ? await CityStore.open({ ...opts.storage, observe: (seconds) => metrics.observeDb(seconds) })
    : null;
  let restored: Awaited<ReturnType<CityStore['load']>> = null;
  try {
    restored = store
      ? await store.load({ auditLimit: MAX_AUDIT_ENTRIES, answerLimit: MAX_REMEMBERED_COMMANDS })
      : null;
  } catch (err) {
    await store?.close();
    throw err;
  }

  let redis: RedisLog | null = null;
  let node: NodeStart | null = null;
  if (opts.cluster) {
    try {
      if (store?.db.engine !== 'postgres') {
        throw new Error('several nodes (REDIS_URL) share one PostgreSQL: set DATABASE_URL');
      }
      if (opts.sim !== false) {
        throw new Error(
          'a node among several runs no simulator (SIM=off): run it as a producer, npm run sim',
        );
      }
      redis = new RedisLog(opts.cluster.redisUrl, (err) => console.error(`[hub] redis: ${err.message}`));
      await redis.connect();
      if (!restored) {
        // The first node makes the city; one starting at the same moment finds it made.
        await store.create(hubState(emptyCityState()), Date.now()).catch(() => undefined);
        restored = await store.load({ auditLimit: MAX_AUDIT_ENTRIES, answerLimit: MAX_REMEMBERED_COMMANDS });
        if (!restored) throw new Error('the shared database holds no city after creating one');
      }
      node = await joinLog(store, restored, Math.min(logSize, CLUSTER_TAIL));
    } catch (err) {
      await redis?.close();
      await store?.close();
      throw err;
    }
  }

  const simOpts = opts.sim === false ? null : (opts.sim ?? {});
  const sim = simOpts
    ? (await import('../mocks/sim/city')).createCitySim({
        seed: simOpts.seed ?? 1,
        lamps: simOpts.lamps,
        timeScale: simOpts.timeScale,
        // A restarted city goes on from its own clock, with report numbers after the stored ones.
        ...(restored
          ? { start: restored.cityNow, incidentNumberFrom: lastIncidentNumber(restored.state) }
          : {}),
      })
    : null;
  const simState = sim?.state() ?? null;
  if (restored && simState && simState.lamps.count !== restored.state.lamps.count) {
    await store?.close();
    throw new Error(
      `the stored city has ${restored.state.lamps.count} lamps and the simulator ${simState.lamps.count}: ` +
        'start with the same SIM_LAMPS, or another DATA_DIR',
    );
  }
  const clock: StreamClock = {
    now: () => (sim ? sim.now : Date.now()),
    scale: sim ? sim.scale : 1,
    simulated: sim !== null,
  };
  const initial = node ? node.state : restored ? restored.state : hubState(simState ?? emptyCityState());
  const origin =
    node && restored
      ? // The shared log is contiguous: a node goes on from its head.
        { epoch: restored.epoch, after: node.head }
      : restored
        ? // The seq after the reservation is never sent: no client can claim to have seen it.
          { epoch: restored.epoch, after: restored.seqHigh + 1 }
        : { epoch: store ? await store.create(initial, clock.now()) : randomUUID(), after: 0 };
  const stream = new CityStream(initial, logSize, clock, origin);
  if (node) stream.seedLog(node.tail);
  const power = new PowerMeter(sim ? sim.powerHistory(DAY_SPAN_MS) : []);
  power.sample(stream.state.lamps, clock.now());
  /** A snapshot with the lighting's power history: what a page needs for its energy figures. */
  const withPower = (snap: Snapshot): Snapshot => ({ ...snap, power: power.history(snap.state.clock.now) });
  let audit: AuditRecord[] = [];
  const commands = new CommandDesk({
    onRecord: (record) => {
      if (store) audit.push(record);
    },
    apply: (cmd, by): CommandAck => {
      if (cmd.type !== 'lights.set') return stream.command(cmd, by);
      // Lighting control needs a lighting system; the simulator is this hub's. A hub fed by
      // producers only has no way to switch their lamps.
      if (!sim) return { ok: false, error: 'no lighting control on this hub' };
      const result = sim.controlCabinet(cmd.data, by);
      // The lamps' and the cabinet's events go out with this command, before its ack.
      stream.publish(sim.drain());
      return result.ok ? { ok: true, lights: result.outcome } : result;
    },
    now: clock.now,
  });
  if (restored) commands.restore(restored.audit, restored.answers);

  // Guests share one redacted copy of the state, remade only when the state changes.
  let redactedFor: HubState | null = null;
  let redacted: CityState | null = null;
  const guestSnapshot = (snap: Snapshot): Snapshot => {
    if (redactedFor !== stream.state || !redacted) {
      redacted = redactState(snap.state);
      redactedFor = stream.state;
    }
    return { ...snap, state: { ...redacted, clock: snap.state.clock } };
  };

  const server = createServer((req, res) => {
    try {
      applySecurityHeaders(res, req.url ?? '/', policy);
      handleHttp(req, res);
    } catch (err) {
      console.error('[hub] request failed:', err);
      sendError(res, 500, 'internal error');
    }
  });
  hardenServer(server, metrics);
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(server, {
    serveClient: false,
    // Several nodes: socket.io's own messages between them (a cluster-wide client count, say) go
    // over Redis; the stream does not, each node sends its own log to its own sockets.
    ...(redis ? { adapter: createAdapter(redis.client) } : {}),
    maxHttpBufferSize: 64 * 1024,
  });
  metrics.watch({
    clientsByRole: () => countByRole(io.of('/').sockets.values()),
    seq: () => stream.seq,
    simulatorDropped: () => stream.droppedCount,
  });

  // A client that stops reading must not grow the hub's memory: see backlog.ts.
  const backlog = new BacklogGuard(opts.maxClientBacklogBytes ?? MAX_CLIENT_BACKLOG_BYTES, (bytes) =>
    console.warn(`[hub] dropped a client that stopped reading: ${bytes} bytes queued for it`),
  );
  /** Sends one committed batch: one message per room (chunked), redacted once for guests. */
  const broadcast = (batch: StreamEvent[]) => {
    for (const chunk of chunked(batch)) io.local.to(FULL_VIEW_ROOMS).emit('events', { events: chunk });
    if ((io.of('/').adapter.rooms.get(GUEST_ROOM)?.size ?? 0) > 0) {
      for (const chunk of chunked(redactEvents(batch)))
        io.local.to(GUEST_ROOM).emit('events', { events: chunk });
    }
    backlog.check(io.of('/').sockets.values());
  };

  const commitDeps = {
    stream,
    broadcast,
    takeAudit: () => {
      const out = audit;
      audit = [];
      return out;
    },
    forgetAudit: (records: AuditRecord[]) => commands.forget(records.map((r) => r.entry)),
    cityNow: clock.now,
    onStoreError: (err: unknown) => console.error(`[hub] could not store a batch: ${(err as Error).message}`),
  };
  const loop: Committer =
    redis && store
      ? new ClusterLoop({
          ...commitDeps,
          store,
          redis,
          adoptStoredInventory: async () => {
            const inv = await store.inventory();
            // Another node took the producer's inventory and stored it: take the same.
            if (inv && stream.adoptInventory(inv).ok) stream.takeAdopted();
          },
          rememberAnswers: (answers) => commands.restore([], answers),
        })
      : new CommitLoop({ ...commitDeps, store, seqHigh: restored?.seqHigh ?? 0 });

  /**
   * Brings one socket up to the current seq. Run as a read of the commit loop: nothing is committed
   * and unsent then, so the answer ends exactly where the next broadcast starts. A client of another
   * epoch (another history) gets a snapshot whatever its lastSeq.
   */
  const catchUp = (socket: HubSocket, lastSeq: number | undefined, epoch: unknown) => {
    const sameHistory = epoch === undefined || epoch === stream.epoch;
    const queued = backlog.beforeCatchUp(socket);
    const answer = stream.catchUp(sameHistory ? lastSeq : undefined);
    metrics.catchUp(answer.mode);
    const guest = socket.data.role === 'guest';
    if (answer.mode === 'snapshot') {
      const snap = withPower(answer.snapshot);
      socket.emit('snapshot', guest ? guestSnapshot(snap) : snap);
    } else {
      const events = guest ? redactEvents(answer.events) : answer.events;
      for (const chunk of chunked(events)) socket.emit('events', { events: chunk });
    }
    backlog.afterCatchUp(socket, queued);
    return { mode: answer.mode, seq: stream.seq };
  };

  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const identity = identityOf(isRecord(auth) ? auth.token : undefined, tokens);
    if (!identity || !VIEWER_ROLES.has(identity.role)) {
      metrics.drop('unauthorized');
      next(new Error('unauthorized'));
      return;
    }
    socket.data.role = identity.role;
    socket.data.identity = identity;
    next();
  });

  io.on('connection', (socket) => {
    socketGuard.watch(socket);
    const auth: unknown = socket.handshake.auth;
    // Only viewer roles get this far. Guests are not told a name: theirs is a shared wall token.
    const { role, name } = socket.data.identity;
    if (role !== 'producer') {
      socket.emit(MSG.session, { role, name: role === 'guest' ? '' : name, epoch: stream.epoch });
    }
    const lastSeq = parseSeq(isRecord(auth) ? auth.lastSeq : undefined);
    const epoch = isRecord(auth) ? auth.epoch : undefined;
    loop
      .read(() => {
        if (socket.disconnected) return;
        catchUp(socket, lastSeq, epoch);
        // Joined after the catch-up and before the next broadcast: the live stream picks up at seq + 1.
        void socket.join(socket.data.role);
      })
      .catch((err: unknown) => {
        console.error('[hub] catch-up failed:', err);
        socket.disconnect(true);
      });
    socket.on('resync', (msg, ack) => {
      const seq = parseSeq(isRecord(msg) ? msg.lastSeq : undefined);
      loop
        .read(() => catchUp(socket, seq, isRecord(msg) ? msg.epoch : undefined))
        .then((answer) => {
          if (typeof ack === 'function') ack(answer);
        })
        .catch((err: unknown) => {
          // One client's request is not worth the process: it is dropped and reconnects.
          console.error('[hub] resync failed:', err);
          socket.disconnect(true);
        });
    });
    socket.on(MSG.command, (msg, ack) => {
      if (!socketGuard.admitCommand(socket, ack)) return;
      loop
        .change(() => {
          const seqBefore = stream.seq;
          const answer = commands.handle(msg, socket.data.identity);
          socketGuard.commandDone(answer, stream.seq - seqBefore);
          return answer;
        })
        .catch((err: unknown): CommandAck => {
          if (err instanceof StorageUnavailable)
            return { ok: false, error: 'storage unavailable: try again' };
          console.error('[hub] command failed:', err);
          return { ok: false, error: 'internal error' };
        })
        .then((answer) => {
          if (typeof ack === 'function') ack(answer);
        });
    });
  });

  let lastTick = performance.now();
  let simFailures = 0;
  let simQueued = false;
  /** The simulator's events, less its updates to incidents this hub does not hold (a restarted city's). */
  const fromSim = (events: CityEvent[]) =>
    events.filter((e) => e.type !== 'incident.updated' || stream.knowsIncident(e.data.id));
  const simStep = () => {
    simQueued = false;
    const now = performance.now();
    try {
      const seqBefore = stream.seq;
      stream.publish(fromSim(sim!.advance(Math.min(now - lastTick, MAX_SIM_STEP_MS))));
      metrics.eventsCommitted('simulator', stream.seq - seqBefore);
    } catch (err) {
      // A broken simulator step must not take the stream down with it.
      if (simFailures++ % 1000 === 0) console.error('[hub] simulator step failed:', err);
    }
    lastTick = now;
  };
  if (restored && sim) {
    // The city's open reports go on being handled, as before the restart; those an operator has
    // commanded (their timeline names a command) stay the operators'.
    sim.adopt(
      restored.state.incidents.filter(
        (inc) => OPEN_STATUSES.has(inc.status) && !inc.history.some((h) => h.commandId !== undefined),
      ),
    );
  }
  if (restored && sim && simState) {
    // The simulator's lamps as they are now, against the last keyframe: it reports what changed.
    void loop.change(() => stream.publish(lampDifferences(restored.state.lamps, simState.lamps)));
  }
  const ticker = setInterval(() => {
    // One step queued at a time: a store that lags makes the steps longer, not more numerous.
    if (sim && !simQueued) {
      simQueued = true;
      loop.change(simStep).catch(() => undefined);
    }
    power.sample(stream.state.lamps, clock.now());
  }, tickMs);

  let lastKeyframe: HubState['lamps'] | null = restored ? restored.state.lamps : stream.state.lamps;
  let keyframing: Promise<void> = Promise.resolve();
  /** Lamp state and level of every lamp, when they changed since the last keyframe. */
  const writeKeyframe = async () => {
    if (!store) return;
    const frame = await loop.read(() => ({ seq: stream.seq, now: clock.now(), lamps: stream.state.lamps }));
    if (lastKeyframe && frame.lamps.state === lastKeyframe.state && frame.lamps.level === lastKeyframe.level)
      return;
    try {
      await store.keyframe(frame.seq, frame.now, frame.lamps);
      lastKeyframe = frame.lamps;
    } catch (err) {
      console.error(`[hub] could not store a lamp keyframe: ${(err as Error).message}`);
    }
  };
  const keyframer = setInterval(() => {
    keyframing = keyframing.then(writeKeyframe);
  }, opts.keyframeMs ?? 10_000);

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
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
    } else if (staticDir) {
      serveStatic(staticDir, req, res, path);
    } else {
      sendError(res, 404, 'not found');
    }
  }

  function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    const method = req.method ?? 'GET';
    const expect = (allowed: string) => {
      if (method === allowed) return true;
      discardRest(req, maxBodyBytes);
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
          storage: store ? store.db.engine : 'memory',
          clients: io.of('/').sockets.size,
          slowClientsDropped: backlog.stats().dropped,
          uptimeS: Math.round((performance.now() - startedAt) / 1000),
          // A producer checks it before sending what an older hub would refuse (light.states: 2).
          protocol: PROTOCOL_VERSION,
        });
        return;
      case '/api/snapshot': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        // As a read of the commit loop: the state of what is stored and sent, nothing half-committed.
        void loop.read(() => {
          const snap = withPower(stream.snapshot());
          sendJson(res, 200, role === 'guest' ? guestSnapshot(snap) : snap);
        });
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
        const at = clock.now();
        sendJson(res, 200, { at, cabinets: cabinetSummaries(stream.state.lamps, at, role !== 'guest') });
        return;
      }
      case '/api/lights/energy': {
        if (!expect('GET')) return;
        if (!viewer(req, res)) return;
        power.sample(stream.state.lamps, clock.now());
        sendJson(res, 200, power.report(clock.now()));
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
        void answerMetrics(req, res, metrics, { tokens, metricsToken: opts.metricsToken });
        return;
      case '/api/inventory':
        if (!expect('PUT')) return;
        void putInventory(req, res);
        return;
      default:
        sendError(res, 404, 'not found');
    }
  }

  /** The role of a bearer token allowed to read the stream, or null after answering 401/403. */
  function viewer(req: IncomingMessage, res: ServerResponse): Role | null {
    const role = roleOfBearer(req.headers.authorization, tokens);
    if (!role) {
      sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      return null;
    }
    if (!VIEWER_ROLES.has(role)) {
      sendError(res, 403, 'forbidden: producer tokens may only ingest');
      return null;
    }
    return role;
  }

  /** The command audit trail: operators and leaders only, it names the staff who acted. */
  function answerAudit(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const who = identityOfBearer(req.headers.authorization, tokens);
    if (!who) {
      sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      return;
    }
    if (who.role !== 'operator' && who.role !== 'leader') {
      sendError(res, 403, 'forbidden: the audit trail is for operators and leaders');
      return;
    }
    const limit = parseQueryInt(query.get('limit'), 100);
    if (limit === null || limit < 1 || limit > MAX_AUDIT_ENTRIES) {
      sendError(res, 400, `limit must be an integer from 1 to ${MAX_AUDIT_ENTRIES}`);
      return;
    }
    const incidentId = query.get('incidentId') ?? undefined;
    const cabinetId = query.get('cabinetId') ?? undefined;
    sendJson(res, 200, {
      total: commands.auditSize,
      entries: commands.entries(limit, { incidentId, cabinetId }),
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
    const admitted = await ingestGate.admit(req, res, { maxBytes: MAX_INVENTORY_BYTES, chargeEvents: false });
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
        cityNow: clock.now(),
        lastIncidentNumber: lastIncidentNumber(stream.state),
      });
    } catch (err) {
      answerCommitError(res, err);
    }
  }

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const admitted = await ingestGate.admit(req, res);
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

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8080, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    port,
    get seq() {
      return stream.seq;
    },
    get cityNow() {
      return clock.now();
    },
    epoch: stream.epoch,
    started: {
      restored: restored !== null,
      readyMs: Math.round(performance.now() - startedAt),
      storage: store ? store.db.engine : 'memory',
    },
    clientCount: () => io.of('/').sockets.size,
    get backlog() {
      return backlog.stats();
    },
    close() {
      closing ??= (async () => {
        clearInterval(ticker);
        clearInterval(keyframer);
        await loop.idle();
        // A clean stop keeps the lamps too: only a crash loses the telemetry since the last keyframe.
        keyframing = keyframing.then(writeKeyframe);
        await keyframing;
        await new Promise<void>((done) => {
          // io.close() also closes the HTTP server; idle keep-alive connections would hold it open.
          void io.close(() => done());
          server.closeAllConnections();
        });
        await loop.close();
        await redis?.close();
        await store?.close();
      })();
      return closing;
    },
  };
}

/** The highest number in report ids of the form PA-YYYY-NNNNN (the simulator's), 0 when none. */
export function lastIncidentNumber(state: Pick<CityState, 'incidents'>): number {
  let max = 0;
  for (const inc of state.incidents) {
    const m = /^PA-\d{4}-(\d{1,9})$/.exec(inc.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** One light.states of the lamps whose state or level differ between `from` and `to` (none when equal). */
export function lampDifferences(
  from: Pick<HubState['lamps'], 'count' | 'state' | 'level'>,
  to: Pick<CityState['lamps'], 'count' | 'state' | 'level'>,
): CityEvent[] {
  const i: number[] = [];
  const st: number[] = [];
  const l: number[] = [];
  const n = Math.min(from.count, to.count);
  for (let k = 0; k < n; k++) {
    if (from.state[k] !== to.state[k] || from.level[k] !== to.level[k]) {
      i.push(k);
      st.push(to.state[k]!);
      l.push(to.level[k]!);
    }
  }
  return i.length > 0 ? [{ type: 'light.states', data: { i, s: st, l } }] : [];
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

function resolveStaticDir(option: string | false | undefined): string | false {
  if (option === false) return false;
  const dir = resolve(option ?? 'dist');
  return option !== undefined || existsSync(dir) ? dir : false;
}

function* chunked(events: StreamEvent[]): Generator<StreamEvent[]> {
  if (events.length <= EVENTS_PER_MESSAGE) {
    if (events.length > 0) yield events;
    return;
  }
  for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) yield events.slice(i, i + EVENTS_PER_MESSAGE);
}

/** A client's lastSeq: a non-negative integer, anything else means "no usable position". */
function parseSeq(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function parseQueryInt(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}

function countByRole(sockets: Iterable<HubSocket>): Partial<Record<Role, number>> {
  const out: Partial<Record<Role, number>> = {};
  for (const s of sockets) out[s.data.role] = (out[s.data.role] ?? 0) + 1;
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
