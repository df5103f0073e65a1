import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { startHub, type HubOptions, type Role } from '../../server/hub';
import { HUE_WARDS } from '../../src/shared/city/wards';
import type { CommandAck, Snapshot } from '../../src/shared/protocol/events';
import { getHealth, ROOT, sleep } from '../support/app';
import { ingest, type IngestEvent } from '../support/ingest';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { startRedis, type TestRedis } from '../support/redis';
import { inventoryOf } from '../../server/inventory';
import { createCitySim } from '../../mocks/sim/city';
import { consoleIncident, wardPicker } from './consoleReport';
import { seededRandom } from './load';
import {
  CLOCK_TICKS,
  forkWorker,
  machineTicks,
  pidTicks,
  postgresPids,
  selfTicks,
  startHubProcess,
  ticksOf,
  type Worker,
} from './serverProcs';
import {
  coresOf,
  deliveredPerSec,
  formatHeader,
  formatServerTable,
  incidentsForCommands,
  ladderCommand,
  lagFigures,
  parseRange,
  STORE_LABEL,
  STORES,
  summarize,
  ticksBetween,
  windowCounts,
  type ClientMarks,
  type CommandFigures,
  type CpuShares,
  type FanoutFigures,
  type IngestFigures,
  type RequestRecord,
  type RestartFigures,
  type ServerBenchResult,
  type StoreKind,
  type TwoNodeFanoutFigures,
} from './serverReport';
import type { ProducerConfig, ViewersConfig } from './serverWorker';
import { intOption } from './args';

// `npm run bench -- --scenario server`: the hub's own figures, with durable storage, on the embedded
// PGlite and on a real PostgreSQL (Debian's package, fsync on): (1) how many reports a second it
// stores and answers 202, (2) an operator's command round trip under a background load of reports,
// (3) how long a restart takes to be ready with 10,000 incidents and 50,000 lamps stored, and (4)
// fan-out to 50 sockets at 10,000 events a second, with the hub's CPU and each client's lag.
// The hub runs as `npm run hub` runs it (server/main.ts) in a child process, the load generators in
// others (serverWorker.ts): on two cores nobody steals the hub's event loop, only CPU, and that is
// read from /proc for every process and for the whole machine.

const TOKENS: Record<string, Role> = {
  'dev-operator': 'operator',
  'dev-leader': 'leader',
  'dev-guest': 'guest',
  'dev-producer': 'producer',
};
const HUB_TOKENS = Object.entries(TOKENS)
  .map(([t, r]) => `${t}:${r}`)
  .join(',');
const PHASES = ['ingest', 'commands', 'restart', 'fanout'] as const;
type Phase = (typeof PHASES)[number];

interface ProducerResult {
  records: RequestRecord[];
  firstError?: string;
}

function options(argv: string[]) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      stores: { type: 'string', default: STORES.join(',') },
      only: { type: 'string', default: PHASES.join(',') },
      'in-flight': { type: 'string', default: '4' },
      batch: { type: 'string', default: '50-200' },
      'command-rate': { type: 'string', default: '20' },
      'command-load': { type: 'string', default: '500' },
      'restart-incidents': { type: 'string', default: '10000' },
      'restart-lamps': { type: 'string', default: '50000' },
      clients: { type: 'string', default: '50' },
      guests: { type: 'string', default: '10' },
      'viewer-procs': { type: 'string', default: '2' },
      'fanout-rate': { type: 'string', default: '10000' },
      'fanout-lamps': { type: 'string', default: '50000' },
      // Simulated seconds per real second of the fan-out hub's simulator (it provides the lamps):
      // 1 keeps its own events few, so the load is the producer's.
      'fanout-sim-scale': { type: 'string', default: '1' },
      tick: { type: 'string', default: '50' },
      seed: { type: 'string', default: process.env.BENCH_SEED ?? '2025' },
      out: { type: 'string', default: resolve(ROOT, 'bench-results/server.json') },
    },
  });
  const list = <T extends string>(name: string, raw: string, allowed: readonly T[]): T[] => {
    const items = raw.split(',').map((s) => s.trim()) as T[];
    const bad = items.filter((s) => !allowed.includes(s));
    if (bad.length || items.length === 0) throw new Error(`--${name}: use ${allowed.join(',')}, got ${raw}`);
    return items;
  };
  return {
    seconds: intOption('seconds', v.seconds),
    warmup: intOption('warmup', v.warmup, 0),
    stores: list<StoreKind>('stores', v.stores!, STORES),
    only: list<Phase>('only', v.only!, PHASES),
    inFlight: intOption('in-flight', v['in-flight']),
    batch: parseRange(v.batch!),
    commandRate: intOption('command-rate', v['command-rate']),
    commandLoad: intOption('command-load', v['command-load'], 0),
    restartIncidents: intOption('restart-incidents', v['restart-incidents']),
    restartLamps: intOption('restart-lamps', v['restart-lamps']),
    clients: intOption('clients', v.clients),
    guests: intOption('guests', v.guests, 0),
    viewerProcs: intOption('viewer-procs', v['viewer-procs']),
    fanoutRate: intOption('fanout-rate', v['fanout-rate']),
    fanoutLamps: intOption('fanout-lamps', v['fanout-lamps']),
    fanoutSimScale: Number(v['fanout-sim-scale']),
    tickMs: intOption('tick', v.tick),
    seed: intOption('seed', v.seed),
    out: v.out!,
  };
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(`[bench server] ${msg}`);
const logFile = (name: string) => resolve(ROOT, `bench-results/server-logs/${name}.log`);

// ---- Stores ----

interface Store {
  kind: StoreKind;
  /** for startHub in this process */
  storage: NonNullable<HubOptions['storage']>;
  /** for server/main.ts */
  env: Record<string, string>;
  /** PostgreSQL's server processes, to read their CPU; none for PGlite (it runs inside the hub) */
  dbPids(): number[];
  dispose(): Promise<void>;
}

/** An empty store of its own for one measurement: a new PGlite directory, or a new database. */
async function freshStore(kind: StoreKind, name: string, pg: TestPostgres | null): Promise<Store> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), `ioc-bench-${name}-`));
    return {
      kind,
      storage: { dataDir },
      env: { DATA_DIR: dataDir },
      dbPids: () => [],
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!pg) throw new Error('PostgreSQL is not running');
  const { default: pgLib } = await import('pg');
  const admin = async (sql: string) => {
    const client = new pgLib.Client({ connectionString: pg.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const db = `bench_${name.replace(/\W/g, '_')}`;
  await admin(`drop database if exists ${db}`);
  await admin(`create database ${db}`);
  const url = new URL(pg.url);
  url.pathname = `/${db}`;
  const port = Number(url.port);
  return {
    kind,
    storage: { databaseUrl: url.toString() },
    env: { DATABASE_URL: url.toString() },
    dbPids: () => postgresPids(port),
    dispose: () => admin(`drop database if exists ${db} with (force)`),
  };
}

// ---- CPU over a window ----

/** Starts counting CPU of the hub, the load generators, the database and the machine; call to stop. */
function cpuWindow(hub: number | null, load: readonly number[], store?: Store): () => CpuShares {
  const t0 = performance.now();
  const dbPids = store?.kind === 'postgres' ? store.dbPids() : [];
  const before = {
    hub: hub === null ? null : pidTicks(hub),
    load: ticksOf(load),
    db: ticksOf(dbPids),
    self: selfTicks(),
    machine: machineTicks().busy,
  };
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const c = (ticks: number) => coresOf(ticks, CLOCK_TICKS, seconds);
    const hubNow = hub === null ? null : pidTicks(hub);
    const shares: CpuShares = {
      hub: before.hub === null || hubNow === null ? null : c(hubNow - before.hub),
      load: c(ticksBetween(before.load, ticksOf(load))),
      bench: c(selfTicks() - before.self),
      machine: c(machineTicks().busy - before.machine),
    };
    if (store?.kind === 'postgres') shares.database = c(ticksBetween(before.db, ticksOf(store.dbPids())));
    return shares;
  };
}

// ---- 1. Durable ingest ----

async function ingestPhase(o: Options, store: Store): Promise<IngestFigures> {
  const hub = await startHubProcess(
    { SIM: 'off', HUB_TOKENS, ...store.env },
    logFile(`ingest-${store.kind}`),
  );
  try {
    const producer = forkWorker<ProducerResult>('producer', {
      baseUrl: hub.url,
      seed: o.seed,
      mode: 'closed',
      inFlight: o.inFlight,
      batch: o.batch,
      idPrefix: 'ING',
      updatesPerSec: 0,
      reportsPerSec: 0,
      markers: false,
      lamps: 0,
      tickMs: o.tickMs,
    } satisfies ProducerConfig);
    await producer.ready;
    producer.start();
    await sleep(o.warmup * 1000);
    const t0 = Date.now();
    const cpu = cpuWindow(hub.pid, [producer.pid], store);
    await sleep(o.seconds * 1000);
    const t1 = Date.now();
    const shares = cpu();
    const result = await producer.stop();
    return {
      counts: windowCounts(result.records, t0, t1),
      inFlight: o.inFlight,
      batch: o.batch,
      cpu: shares,
      ...(result.firstError ? { firstError: result.firstError } : {}),
    };
  } finally {
    await hub.stop();
  }
}

// ---- 2. Command round trip ----

function connect(url: string, token: string): { socket: Socket; snapshot: Promise<Snapshot> } {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const snapshot = new Promise<Snapshot>((done, fail) => {
    socket.once('connect_error', (err) => fail(err));
    socket.once('snapshot', (snap: Snapshot) => done(snap));
  });
  return { socket, snapshot };
}

function reports(random: () => number, ids: readonly string[]): IngestEvent[] {
  const wardOf = wardPicker(HUE_WARDS);
  return ids.map((id) => consoleIncident(random, wardOf(random), { id }));
}

async function ingestAll(url: string, events: IngestEvent[], batch: number): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    const res = await ingest(url, events.slice(i, i + batch));
    if (res.status !== 202) throw new Error(`setup ingest refused: HTTP ${res.status} ${res.error}`);
  }
}

async function commandPhase(o: Options, store: Store): Promise<CommandFigures> {
  const hub = await startHubProcess(
    { SIM: 'off', HUB_TOKENS, ...store.env },
    logFile(`commands-${store.kind}`),
  );
  let operator: Socket | null = null;
  try {
    // Incidents of its own to act on, reported before the run: every command is a legal step.
    const total = Math.ceil((o.warmup + o.seconds + 2) * o.commandRate);
    const ids = Array.from({ length: incidentsForCommands(total) }, (_, i) => `CMD-${i + 1}`);
    await ingestAll(hub.url, reports(seededRandom(o.seed), ids), 200);
    const op = connect(hub.url, 'dev-operator');
    operator = op.socket;
    await op.snapshot;

    const producer = forkWorker<ProducerResult>('producer', {
      baseUrl: hub.url,
      seed: o.seed + 1,
      mode: 'paced',
      inFlight: o.inFlight,
      batch: o.batch,
      idPrefix: 'BG',
      updatesPerSec: o.commandLoad,
      reportsPerSec: o.commandLoad,
      markers: false,
      lamps: 0,
      tickMs: 100,
    } satisfies ProducerConfig);
    await producer.ready;
    if (o.commandLoad > 0) producer.start();

    const interval = 1000 / o.commandRate;
    const start = Date.now();
    const t0 = start + o.warmup * 1000;
    const t1 = t0 + o.seconds * 1000;
    const sent: { sentAt: number; ms: number; ok: boolean; error?: string }[] = [];
    const pending: Promise<void>[] = [];
    let stopCpu: (() => CpuShares) | null = null;
    let firstError: string | undefined;
    // Command k goes at start + k * interval, late rather than bunched if the loop falls behind.
    for (let k = 0; ; k++) {
      const due = start + k * interval;
      if (due >= t1) break;
      await sleep(Math.max(0, due - Date.now()));
      if (Date.now() >= t0 && !stopCpu) stopCpu = cpuWindow(hub.pid, [producer.pid], store);
      const cmd = ladderCommand(k, ids);
      const sentAt = Date.now();
      const began = performance.now();
      const answer = (
        operator.timeout(8000).emitWithAck('command', {
          id: `bench-${store.kind}-${k}`,
          ...cmd,
        }) as Promise<CommandAck>
      ).then(
        (ack) => ({ ok: ack.ok, error: ack.ok ? undefined : ack.error }),
        (err: unknown) => ({ ok: false, error: `no answer: ${(err as Error).message}` }),
      );
      pending.push(
        answer.then((a) => {
          sent.push({ sentAt, ms: performance.now() - began, ...a });
          if (!a.ok) firstError ??= `${cmd.type} ${cmd.data.incidentId}: ${a.error}`;
        }),
      );
    }
    await sleep(Math.max(0, t1 - Date.now()));
    const shares = stopCpu!();
    await Promise.all(pending);
    const background = await producer.stop();
    const inWindow = sent.filter((s) => s.sentAt >= t0 && s.sentAt < t1);
    return {
      ratePerSec: o.commandRate,
      sent: inWindow.length,
      ok: inWindow.filter((s) => s.ok).length,
      failed: inWindow.filter((s) => !s.ok).length,
      roundTripMs: summarize(inWindow.map((s) => s.ms)),
      background: windowCounts(background.records, t0, t1),
      cpu: shares,
      ...(firstError ? { firstError } : {}),
    };
  } finally {
    operator?.disconnect();
    await hub.stop();
  }
}

// ---- 3. Restart to ready ----

async function restartPhase(o: Options, store: Store): Promise<RestartFigures> {
  const opts: HubOptions = {
    port: 0,
    host: '127.0.0.1',
    sim: { seed: 1, lamps: o.restartLamps },
    storage: store.storage,
    staticDir: false,
    tokens: TOKENS,
  };
  const first = await startHub(opts);
  const fillStart = performance.now();
  try {
    const ids = Array.from({ length: o.restartIncidents }, (_, i) => `RS-${i + 1}`);
    await ingestAll(first.url, reports(seededRandom(o.seed + 2), ids), 500);
  } finally {
    await first.close();
  }
  const fillS = (performance.now() - fillStart) / 1000;

  // The restart, in this process and nothing else running in it.
  const began = performance.now();
  const hub = await startHub(opts);
  let figures: Omit<RestartFigures, 'process'>;
  try {
    const startHubMs = performance.now() - began;
    await getHealth(hub.url);
    const healthMs = performance.now() - began;
    const viewer = connect(hub.url, 'dev-operator');
    const snap = await viewer.snapshot;
    const readyMs = performance.now() - began;
    viewer.socket.disconnect();
    const ours = snap.state.incidents.filter((i) => i.id.startsWith('RS-')).length;
    if (ours !== o.restartIncidents)
      log(`WARNING: ${ours} of the ${o.restartIncidents} stored incidents came back`);
    figures = {
      incidentsStored: o.restartIncidents,
      lamps: o.restartLamps,
      fillS,
      startHubMs,
      healthMs,
      readyMs,
      incidentsLoaded: snap.state.incidents.length,
      lampsLoaded: snap.state.lamps.count,
      snapshotMb: Buffer.byteLength(JSON.stringify(snap)) / 1024 / 1024,
    };
  } finally {
    await hub.close();
  }

  // The same store opened by a new process, as after a crash or a deploy (tsx compiles on the way).
  let processFigures: RestartFigures['process'] = null;
  const proc = await startHubProcess(
    { SIM_LAMPS: String(o.restartLamps), SIM_SEED: '1', HUB_TOKENS, ...store.env },
    logFile(`restart-${store.kind}`),
  );
  try {
    const viewer = connect(proc.url, 'dev-operator');
    await viewer.snapshot;
    processFigures = { healthMs: proc.healthMs, readyMs: performance.now() - proc.spawnedAt };
    viewer.socket.disconnect();
  } finally {
    await proc.stop();
  }
  return { ...figures, process: processFigures };
}

// ---- 4. Fan-out ----

/** The fan-out's producer: the lamp load at `fanoutRate`, and one marker report a tick (its lag is its batch's). */
function fanoutProducer(o: Options, baseUrl: string, seed: number, idPrefix: string): ProducerConfig {
  return {
    baseUrl,
    seed,
    mode: 'paced',
    inFlight: o.inFlight,
    batch: o.batch,
    idPrefix,
    updatesPerSec: o.fanoutRate,
    reportsPerSec: Math.max(1, Math.round(1000 / o.tickMs)),
    markers: true,
    lamps: o.fanoutLamps,
    tickMs: o.tickMs,
  };
}

async function fanoutPhase(o: Options, store: Store): Promise<FanoutFigures> {
  const hub = await startHubProcess(
    {
      SIM_LAMPS: String(o.fanoutLamps),
      SIM_SCALE: String(o.fanoutSimScale),
      HUB_TOKENS,
      ...store.env,
    },
    logFile(`fanout-${store.kind}`),
  );
  const workers: Worker<unknown>[] = [];
  try {
    const guests = Math.min(o.guests, o.clients);
    const tokens = Array.from({ length: o.clients }, (_, i) =>
      i < o.clients - guests ? 'dev-leader' : 'dev-guest',
    );
    const viewers = Array.from({ length: o.viewerProcs }, (_, p) =>
      forkWorker<ClientMarks[]>('viewers', {
        baseUrl: hub.url,
        tokens: tokens.filter((_, i) => i % o.viewerProcs === p),
      } satisfies ViewersConfig),
    );
    workers.push(...viewers);
    await Promise.all(viewers.map((v) => v.ready));
    log(`${o.clients} sockets connected and sent their snapshots`);

    const producer = forkWorker<ProducerResult>('producer', fanoutProducer(o, hub.url, o.seed + 3, 'FAN'));
    workers.push(producer);
    await producer.ready;
    producer.start();
    await sleep(o.warmup * 1000);
    const seq0 = (await getHealth(hub.url)).seq;
    const t0 = Date.now();
    viewers.forEach((v) => v.mark());
    const cpu = cpuWindow(hub.pid, [producer.pid, ...viewers.map((v) => v.pid)]);
    await sleep(o.seconds * 1000);
    const t1 = Date.now();
    viewers.forEach((v) => v.mark());
    const shares = cpu();
    const seq1 = (await getHealth(hub.url)).seq;
    const sent = await producer.stop();
    // What was posted last gets its chance to arrive.
    await sleep(3000);
    const clients = (await Promise.all(viewers.map((v) => v.stop()))).flat();
    workers.length = 0;
    const markers = sent.records
      .filter((r) => r.status === 202 && r.sentAt >= t0 && r.sentAt < t1)
      .reduce((n, r) => n + (r.markers ?? 0), 0);
    return {
      clients: o.clients,
      guests,
      viewerProcesses: o.viewerProcs,
      lamps: o.fanoutLamps,
      targetPerSec: o.fanoutRate,
      counts: windowCounts(sent.records, t0, t1),
      hubEventsPerSec: Math.round((seq1 - seq0) / ((t1 - t0) / 1000)),
      markers,
      deliveredPerSec: deliveredPerSec(clients, (t1 - t0) / 1000),
      lag: lagFigures(clients, t0, t1, markers),
      gaps: clients.reduce((n, c) => n + c.gaps, 0),
      disconnects: clients.reduce((n, c) => n + c.disconnects, 0),
      cpu: shares,
      ...(sent.firstError ? { firstError: sent.firstError } : {}),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    await hub.stop();
  }
}

// ---- 5. Fan-out over two nodes ----

/** PUT /api/inventory: the city's lamps for a hub without its simulator (seed 1, as SIM_SEED's default). */
async function putInventory(url: string, lamps: number): Promise<void> {
  const inventory = inventoryOf(createCitySim({ seed: 1, lamps }).state());
  const res = await fetch(`${url}/api/inventory`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer dev-producer` },
    body: JSON.stringify(inventory),
  });
  if (res.status !== 200) throw new Error(`inventory refused: HTTP ${res.status} ${await res.text()}`);
}

/**
 * The fan-out of phase 4 over two hub nodes as child processes (one PostgreSQL database, one Redis,
 * SIM=off, the lamps given by PUT /api/inventory): half the clients on each node, the producer
 * posting to node 1 only, so node 2's clients measure node 1 -> PostgreSQL commit -> Redis -> node 2.
 */
async function fanoutTwoNodesPhase(
  o: Options,
  store: Store,
  redis: TestRedis,
): Promise<TwoNodeFanoutFigures> {
  const env = { SIM: 'off', REDIS_URL: redis.url, HUB_TOKENS, ...store.env };
  const nodes: Awaited<ReturnType<typeof startHubProcess>>[] = [];
  const workers: Worker<unknown>[] = [];
  try {
    nodes.push(await startHubProcess(env, logFile('fanout2-node1')));
    nodes.push(await startHubProcess(env, logFile('fanout2-node2')));
    const n1 = nodes[0]!;
    const n2 = nodes[1]!;
    await putInventory(n1.url, o.fanoutLamps);
    // Node 2 takes the inventory from the log: wait until it has caught up before its clients connect.
    const seq = (await getHealth(n1.url)).seq;
    const deadline = Date.now() + 30_000;
    while ((await getHealth(n2.url)).seq < seq) {
      if (Date.now() > deadline) throw new Error('node 2 did not catch up with the inventory');
      await sleep(50);
    }

    const guests = Math.min(o.guests, o.clients);
    const tokens = Array.from({ length: o.clients }, (_, i) =>
      i < o.clients - guests ? 'dev-leader' : 'dev-guest',
    );
    // Half on each node (leaders and guests alike), each node's in its share of the viewer processes.
    const perNode = [0, 1].map((n) => tokens.filter((_, i) => i % 2 === n));
    const procsPerNode = Math.max(1, Math.floor(o.viewerProcs / 2));
    const viewersOf = perNode.map((mine, n) =>
      Array.from({ length: procsPerNode }, (_, p) =>
        forkWorker<ClientMarks[]>('viewers', {
          baseUrl: nodes[n]!.url,
          tokens: mine.filter((_, i) => i % procsPerNode === p),
        } satisfies ViewersConfig),
      ),
    );
    const viewers = viewersOf.flat();
    workers.push(...viewers);
    await Promise.all(viewers.map((v) => v.ready));
    log(`${o.clients} sockets connected (${perNode[0]!.length} on node 1, ${perNode[1]!.length} on node 2)`);

    const producer = forkWorker<ProducerResult>('producer', fanoutProducer(o, n1.url, o.seed + 4, 'FAN2'));
    workers.push(producer);
    await producer.ready;
    producer.start();
    await sleep(o.warmup * 1000);
    const seq0 = (await getHealth(n1.url)).seq;
    const t0 = Date.now();
    viewers.forEach((v) => v.mark());
    const cpu = cpuWindow(null, [producer.pid, ...viewers.map((v) => v.pid)], store);
    const nodeTicks0 = nodes.map((n) => pidTicks(n.pid));
    const redisTicks0 = pidTicks(redis.pid);
    const w0 = performance.now();
    await sleep(o.seconds * 1000);
    const t1 = Date.now();
    viewers.forEach((v) => v.mark());
    const shares = cpu();
    const windowS = (performance.now() - w0) / 1000;
    const share = (before: number | null, now: number | null) =>
      before === null || now === null ? null : coresOf(now - before, CLOCK_TICKS, windowS);
    const nodeCpu = nodes.map((n, i) => share(nodeTicks0[i]!, pidTicks(n.pid))) as [
      number | null,
      number | null,
    ];
    shares.hub = nodeCpu[0] === null || nodeCpu[1] === null ? null : nodeCpu[0] + nodeCpu[1];
    shares.redis = share(redisTicks0, pidTicks(redis.pid));
    const seq1 = (await getHealth(n1.url)).seq;
    const sent = await producer.stop();
    await sleep(3000);
    const results = await Promise.all(viewersOf.map((vs) => Promise.all(vs.map((v) => v.stop()))));
    workers.length = 0;
    const [on1, on2] = results.map((r) => r.flat()) as [ClientMarks[], ClientMarks[]];
    const clients = [...on1, ...on2];
    const markers = sent.records
      .filter((r) => r.status === 202 && r.sentAt >= t0 && r.sentAt < t1)
      .reduce((n, r) => n + (r.markers ?? 0), 0);
    const seconds = (t1 - t0) / 1000;
    return {
      clients: o.clients,
      guests,
      viewerProcesses: viewers.length,
      lamps: o.fanoutLamps,
      targetPerSec: o.fanoutRate,
      counts: windowCounts(sent.records, t0, t1),
      hubEventsPerSec: Math.round((seq1 - seq0) / seconds),
      markers,
      deliveredPerSec: deliveredPerSec(clients, seconds),
      lag: lagFigures(clients, t0, t1, markers),
      gaps: clients.reduce((n, c) => n + c.gaps, 0),
      disconnects: clients.reduce((n, c) => n + c.disconnects, 0),
      cpu: shares,
      clientsPerNode: [on1.length, on2.length],
      node2: { lag: lagFigures(on2, t0, t1, markers), deliveredPerSec: deliveredPerSec(on2, seconds) },
      nodeCpu,
      ...(sent.firstError ? { firstError: sent.firstError } : {}),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    for (const n of nodes.reverse()) await n.stop();
  }
}

// ---- The run ----

export async function runServerBench(argv: string[]): Promise<void> {
  const o = options(argv);
  const result: ServerBenchResult = {
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverage: loadavg(),
    },
    placement: [
      'the hub: a child process per measurement, `node --import tsx server/main.ts` as `npm run hub` runs it ' +
        '(restart: startHub in this process, then once more as a child process)',
      `producers: one child process (serverWorker.ts) posting to /api/ingest on 127.0.0.1, at most ${o.inFlight} requests in flight`,
      `fan-out viewers: ${o.viewerProcs} child processes holding ${o.clients} socket.io clients between them`,
      'fan-out over two nodes: two hub processes (DATABASE_URL of a new database on the same PostgreSQL, REDIS_URL of a ' +
        'redis-server started for the run, SIM=off, lamps by PUT /api/inventory), half the clients on each ' +
        `(${Math.max(1, Math.floor(o.viewerProcs / 2))} viewer process(es) per node), the producer posting to node 1 only`,
      "this process: orchestration, and the operator's socket of the command round trip",
      'PostgreSQL: its own server processes (Debian package, fsync on, started by tests/support/postgres.ts); ' +
        'PGlite runs inside the hub process',
      `no CPU pinning: the ${cpus().length} cores are shared by all of these and by anything else running on the machine ` +
        '(CPU figures are % of one core: hub = the hub process, db = PostgreSQL, load = the load generators, others = the whole machine less this bench)',
    ],
    config: {
      seconds: o.seconds,
      warmupS: o.warmup,
      inFlight: o.inFlight,
      batch: o.batch,
      commandRate: o.commandRate,
      commandLoadReportsPerSec: o.commandLoad,
      restartIncidents: o.restartIncidents,
      restartLamps: o.restartLamps,
      clients: o.clients,
      guests: o.guests,
      viewerProcesses: o.viewerProcs,
      fanoutRate: o.fanoutRate,
      fanoutLamps: o.fanoutLamps,
      fanoutSimScale: o.fanoutSimScale,
      tickMs: o.tickMs,
      seed: o.seed,
      clockTicks: CLOCK_TICKS,
    },
    stores: o.stores,
    ingest: {},
    commands: {},
    restart: {},
    fanout: null,
    fanoutTwoNodes: null,
  };
  log(formatHeader(result).replace(/\n/g, '\n[bench server] '));

  // The fan-out over two nodes needs PostgreSQL whatever --stores says.
  const pg = o.stores.includes('postgres') || o.only.includes('fanout') ? await startPostgres() : null;
  let redis: TestRedis | null = null;
  try {
    const each = async <T>(
      phase: Phase,
      run: (store: Store) => Promise<T>,
      into: Partial<Record<StoreKind, T>>,
    ) => {
      if (!o.only.includes(phase)) return;
      for (const kind of o.stores) {
        log(`${phase} on ${STORE_LABEL[kind]}...`);
        const store = await freshStore(kind, `${phase}_${kind}`, pg);
        try {
          into[kind] = await run(store);
          log(`${phase} on ${STORE_LABEL[kind]}: ${JSON.stringify(into[kind])}`);
        } finally {
          await store.dispose();
        }
      }
    };
    await each('ingest', (s) => ingestPhase(o, s), result.ingest);
    await each('commands', (s) => commandPhase(o, s), result.commands);
    await each('restart', (s) => restartPhase(o, s), result.restart);
    if (o.only.includes('fanout')) {
      log('fan-out on the embedded store...');
      const store = await freshStore('pglite', 'fanout', pg);
      try {
        result.fanout = await fanoutPhase(o, store);
        log(`fan-out: ${JSON.stringify(result.fanout)}`);
      } finally {
        await store.dispose();
      }
      log('fan-out over two nodes (PostgreSQL, Redis)...');
      redis = await startRedis();
      const two = await freshStore('postgres', 'fanout_two_nodes', pg);
      try {
        result.fanoutTwoNodes = await fanoutTwoNodesPhase(o, two, redis);
        log(`fan-out over two nodes: ${JSON.stringify(result.fanoutTwoNodes)}`);
      } finally {
        await two.dispose();
      }
    }
  } finally {
    await redis?.stop();
    pg?.stop();
  }

  mkdirSync(resolve(o.out, '..'), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${formatHeader(result)}\n\n${formatServerTable(result)}\n\nwritten to ${o.out}`);
}
