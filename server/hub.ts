import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server } from 'socket.io';
import type {
  CityEvent,
  CityState,
  CommandAck,
  KpiSample,
  Snapshot,
  StreamEvent,
} from '../src/shared/protocol/events';
import { DAY_SPAN_MS } from '../src/shared/lights/daily';
import { POWER_SPAN_MS } from '../src/shared/lights/energy';
import type { ReportRecord } from '../src/shared/city/reports';
import { OPEN_STATUSES } from '../src/shared/protocol/codes';
import { BacklogGuard, MAX_CLIENT_BACKLOG_BYTES, type BacklogStats } from './backlog';
import { CommandDesk, MAX_AUDIT_ENTRIES, MAX_REMEMBERED_COMMANDS } from './commands';
import { CommitLoop, type Committer } from './commit';
import { ClusterLoop } from './cluster/clusterLoop';
import { joinLog, type NodeStart } from './cluster/node';
import { RedisLog } from './cluster/redisLog';
import { wallConfig } from './config';
import { sendError } from './http';
import { IngestGate } from './ingestGate';
import { MemoryKpiArchive, sampleOf, type KpiArchive } from './kpis';
import { resolveLimits, type Limits } from './limits';
import { HubMetrics } from './metrics';
import { redactState } from './redact';
import { MemoryReportArchive, type ReportArchive } from './reports';
import { pastPower, PowerMeter } from './power';
import { restHandler } from './rest';
import { emptyCityState, hubState, lastIncidentNumber, type HubLampColumns, type HubState } from './state';
import { CityStore, KEYFRAME_SLOT_MS, type AuditRecord } from './store/cityStore';
import { keyframesBetween, readReplay } from './store/replay';
import { applySecurityHeaders, hardenServer, originOf, pagePolicy } from './security';
import { broadcaster, clientsByRole, serveSockets, systemsSender, type HubIo } from './socket';
import { SocketGuard } from './socketGuard';
import { CityStream, type StreamClock } from './stream';
import { SYSTEMS_CHECK_MS, SystemsAnnouncer, SystemsWatch } from './systems';
import { loadTokenMap, type Role, type TokenMap } from './tokens';

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

/** A simulator that seeds the indicators' history (mocks/sim); an older one has no such method. */
interface KpiHistorySource {
  kpiHistory(cityNow: number): readonly KpiSample[];
}

/** A simulator that seeds the citizen reports' past (mocks/sim); an older one has no such method. */
interface ReportHistorySource {
  reportHistory(): readonly ReportRecord[];
}

/** Events a node joining the shared log reads back for replay (lamp batches included). */
const CLUSTER_TAIL = 20_000;
/** A stalled event loop must not make the simulator replay minutes of city time in one tick. */
const MAX_SIM_STEP_MS = 1000;

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
  // A restart must not undo what operators switched: the simulator's cabinets take the stored overrides.
  if (restored && sim) sim.adoptOverrides(restored.state.lamps.cabinets);
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
        { epoch: restored.epoch, after: node.head, reportSeqs: restored.reportSeqs }
      : restored
        ? // The seq after the reservation is never sent: no client can claim to have seen it.
          { epoch: restored.epoch, after: restored.seqHigh + 1, reportSeqs: restored.reportSeqs }
        : { epoch: store ? await store.create(initial, clock.now()) : randomUUID(), after: 0 };
  const stream = new CityStream(initial, logSize, clock, origin);
  if (node) stream.seedLog(node.tail);
  const systems = new SystemsWatch();
  stream.onHeartbeat = (beat, cityNow) => systems.heard(beat.system, cityNow);
  // With a store, the group commit writes each value as a sample; without one, they are kept here.
  const memoryKpis = store ? null : new MemoryKpiArchive();
  const kpiArchive: KpiArchive = memoryKpis ?? {
    add: (samples) => store!.addKpiHistory(samples),
    latest: () => store!.kpiLatest(),
    history: (q) => store!.kpiHistory(q),
  };
  // With a store, the past and the incidents are read from it; without one, the state's incidents.
  const reportArchive: ReportArchive = store
    ? {
        addHistory: (records) => store.addReportHistory(records),
        between: (f, t) => store.reportsBetween(f, t),
      }
    : new MemoryReportArchive(() => stream.state.incidents);
  if (!restored) {
    await memoryKpis?.add(initial.kpis.flatMap((k) => sampleOf(k) ?? []));
    // A new city starts with the history its simulator makes up for it (simulated: true).
    const seeded = (sim as Partial<KpiHistorySource> | null)?.kpiHistory?.(clock.now());
    const pastReports = (sim as Partial<ReportHistorySource> | null)?.reportHistory?.();
    try {
      if (seeded) await kpiArchive.add(seeded);
      if (pastReports) await reportArchive.addHistory(pastReports);
    } catch (err) {
      await store?.close();
      throw err;
    }
  }
  const power = new PowerMeter(
    pastPower(
      sim ? sim.powerHistory(DAY_SPAN_MS) : [],
      store && restored ? await keyframesBetween(store.db, clock.now() - POWER_SPAN_MS, clock.now()) : [],
      initial.lamps.watts,
    ),
  );
  power.sample(stream.state.lamps, clock.now());
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
  /**
   * A snapshot as a viewer of `role` is sent it: with the lighting's power history (what a page needs
   * for its energy figures), and redacted for guests.
   */
  const snapshotFor = (snap: Snapshot, role: Role): Snapshot => {
    const full = { ...snap, power: power.history(snap.state.clock.now), systems: systems.statuses() };
    if (role !== 'guest') return full;
    if (redactedFor !== stream.state || !redacted) {
      redacted = redactState(full.state);
      redactedFor = stream.state;
    }
    return { ...full, state: { ...redacted, clock: full.state.clock } };
  };

  // socket.io takes over the listeners it finds on the server (it answers /socket.io/ and passes the
  // rest on), so this one is set here; handleHttp, below, exists before the server listens.
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
  const io: HubIo = new Server(server, {
    serveClient: false,
    // Several nodes: socket.io's own messages between them (a cluster-wide client count, say) go
    // over Redis; the stream does not, each node sends its own log to its own sockets.
    ...(redis ? { adapter: createAdapter(redis.client) } : {}),
    maxHttpBufferSize: 64 * 1024,
  });
  metrics.watch({
    clientsByRole: () => clientsByRole(io),
    seq: () => stream.seq,
    simulatorDropped: () => stream.droppedCount,
  });

  // A client that stops reading must not grow the hub's memory: see backlog.ts.
  const backlog = new BacklogGuard(opts.maxClientBacklogBytes ?? MAX_CLIENT_BACKLOG_BYTES, (bytes) =>
    console.warn(`[hub] dropped a client that stopped reading: ${bytes} bytes queued for it`),
  );
  const send = broadcaster(io, backlog);
  /** Every committed batch: to the sockets, and heard as its systems' data (and a memory hub's history). */
  const broadcast = (events: StreamEvent[]) => {
    systems.noteEvents(events);
    if (memoryKpis) {
      void memoryKpis.add(events.flatMap((e) => (e.type === 'kpi.updated' ? (sampleOf(e.data) ?? []) : [])));
    }
    send(events);
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

  serveSockets(io, { tokens, stream, loop, commands, metrics, socketGuard, backlog, snapshotFor });
  const handleHttp = restHandler({
    tokens,
    metricsToken: opts.metricsToken,
    maxBodyBytes,
    staticDir,
    stream,
    loop,
    commands,
    power,
    ingestGate,
    metrics,
    kpis: kpiArchive,
    reports: reportArchive,
    systems,
    replay: store ? (from, to) => readReplay(store.db, from, to, clock.now()) : null,
    cityNow: clock.now,
    health: () => ({
      storage: store ? store.db.engine : 'memory',
      clients: io.of('/').sockets.size,
      slowClientsDropped: backlog.stats().dropped,
      uptimeS: Math.round((performance.now() - startedAt) / 1000),
    }),
    snapshotFor,
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

  // Heartbeats and the passing of time change the systems' statuses without an event of the log.
  const systemsAnnouncer = new SystemsAnnouncer(systems, systemsSender(io), clock.now);
  const systemsChecker = setInterval(() => systemsAnnouncer.check(), SYSTEMS_CHECK_MS);

  let lastKeyframe: HubLampColumns | null = restored ? restored.state.lamps : stream.state.lamps;
  let keyframing: Promise<void> = Promise.resolve();
  const keyframeMs = opts.keyframeMs ?? 10_000;
  let lastKeyframeAt = { real: performance.now(), city: clock.now() };
  /** Lamp state and level of every lamp, when they changed since the last keyframe. */
  const writeKeyframe = async () => {
    if (!store) return;
    const frame = await loop.read(() => ({ seq: stream.seq, now: clock.now(), lamps: stream.state.lamps }));
    lastKeyframeAt = { real: performance.now(), city: frame.now };
    if (lastKeyframe && frame.lamps.state === lastKeyframe.state && frame.lamps.level === lastKeyframe.level)
      return;
    try {
      await store.keyframe(frame.seq, frame.now, frame.lamps);
      lastKeyframe = frame.lamps;
    } catch (err) {
      console.error(`[hub] could not store a lamp keyframe: ${(err as Error).message}`);
    }
  };
  // Every keyframeMs of real time, and at least every KEYFRAME_SLOT_MS of city time (a replay's step
  // for the lamps), which a fast simulated clock reaches first: at most one a second all the same.
  const keyframer = setInterval(
    () => {
      const dueCity = clock.now() - lastKeyframeAt.city >= KEYFRAME_SLOT_MS;
      if (!dueCity && performance.now() - lastKeyframeAt.real < keyframeMs) return;
      lastKeyframeAt = { real: performance.now(), city: clock.now() };
      keyframing = keyframing.then(writeKeyframe);
    },
    Math.min(keyframeMs, 1000),
  );

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
        clearInterval(systemsChecker);
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

/** One light.states of the lamps whose state or level differ between `from` and `to` (none when equal). */
function lampDifferences(
  from: Pick<HubLampColumns, 'count' | 'state' | 'level'>,
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

function resolveStaticDir(option: string | false | undefined): string | false {
  if (option === false) return false;
  const dir = resolve(option ?? 'dist');
  return option !== undefined || existsSync(dir) ? dir : false;
}
