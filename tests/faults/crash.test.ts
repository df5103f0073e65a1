import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type ExpectStatic } from 'vitest';
import { SEQ_BLOCK } from '../../server/commit';
import { CityStore } from '../../server/store/cityStore';
import { DEPARTMENTS } from '../../src/shared/city/profile';
import type { CommandAck, Snapshot, StreamEvent } from '../../src/shared/protocol/events';
import { getHealth, startApp, type RunningApp } from '../support/app';
import {
  Cleanup,
  converge,
  hubSnapshot,
  logHoldsAfter,
  openWall,
  STILL_CITY,
  waitFor,
  type Wall,
} from './harness';
import { lampEvents, MIXED_LOAD, Producer, type AcceptedBatch, type LoadShape } from './producer';
import { FaultProxy } from './proxy';

// `kill -9` of the hub under load (docs/protocol.md, "Durability" and "Restarts and the epoch"). The
// hub runs as its own process (server/main.ts, as `npm run hub` runs it) on a PGlite DATA_DIR with a
// still simulator; the wall's realtime client (src/realtime) watches, a producer ingests with
// retries, and an operator commands through the wall's own sendCommand. The hub dies without any
// shutdown and starts again on the same port, on the same database or on a new one; the client finds
// it by its own reconnects. Both cases run side by side: most of their time is the hub's start.

const HUB_TOKENS = 'dev-operator:operator,dev-leader:leader,dev-producer:producer';

/** MIXED_LOAD without the producer's own cabinet commands: commands are the operator's here. */
const LOAD: LoadShape = { ...MIXED_LOAD, commandEvery: 0 };

/** A hub in its own process on `dataDir`, with the fault suite's still city. */
async function startCrashHub(
  cleanup: Cleanup,
  log: string,
  opts: { dataDir: string; port?: number },
): Promise<RunningApp> {
  const app = await startApp({
    script: 'server/main.ts',
    ...(opts.port === undefined ? {} : { port: opts.port }),
    env: {
      HUB_TOKENS,
      DATA_DIR: opts.dataDir,
      SIM_SEED: String(STILL_CITY.seed),
      SIM_LAMPS: String(STILL_CITY.lamps),
      SIM_SCALE: String(STILL_CITY.timeScale),
      STATIC_DIR: '/nonexistent',
      // The producer sends batch after batch to have one in flight at the kill: faster than the
      // per-token limits allow (their 429 is tested in rateLimits.test.ts).
      INGEST_RATE: '0',
      INGEST_EVENTS_RATE: '0',
    },
    readyTimeoutMs: 60_000,
    logFile: `test-results/crash-${log}.log`,
  });
  cleanup.add(() => app.stop());
  return app;
}

/** A data directory of its own, removed after the test (after the hubs on it have stopped). */
function dataDirFor(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-crash-'));
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What the wall's socket carried, beside what its store made of it. */
interface Watch {
  /** the epoch of every snapshot the client received, in order */
  snapshotEpochs: (string | undefined)[];
  /** incident.reported events received, by incident id */
  reports: Map<string, number>;
}

function watch(wall: Wall): Watch {
  const w: Watch = { snapshotEpochs: [], reports: new Map() };
  wall.conn.socket.on('snapshot', (snap: Snapshot) => w.snapshotEpochs.push(snap.epoch));
  wall.conn.socket.on('events', (msg: { events?: StreamEvent[] }) => {
    for (const e of msg.events ?? []) {
      if (e.type === 'incident.reported') w.reports.set(e.data.id, (w.reports.get(e.data.id) ?? 0) + 1);
    }
  });
  return w;
}

interface SentCommand {
  /** the id the wall gave it, as it went out on the socket (undefined: it never went out) */
  id: string | undefined;
  type: 'incident.assign' | 'lights.set';
  incidentId?: string;
  ack: CommandAck;
  /** how many times it went out: 2 when the connection dropped under it and the wall sent it again */
  sends: number;
}

const CABINET_MODES = [
  { mode: 'dim', level: 40 } as const,
  { mode: 'on' } as const,
  { mode: 'auto' } as const,
];

/**
 * An operator at the wall: one command at a time through the wall's own sendCommand (its id, its
 * timeout, its one retry after a dropped connection), only while the wall is live. Reassignments of
 * the simulator's assigned incidents (always allowed) and now and then a cabinet switched.
 */
class Operator {
  readonly sent: SentCommand[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly wall: Wall,
    private readonly incidents: string[],
    private readonly cabinets: string[],
  ) {
    if (incidents.length === 0 || cabinets.length === 0)
      throw new Error('nothing for the operator to command');
  }

  get ok(): SentCommand[] {
    return this.sent.filter((c) => c.ack.ok);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the command in flight has its answer (or timed out). */
  stop(): Promise<void> {
    this.running = false;
    return this.loop;
  }

  private async run(): Promise<void> {
    const socket = this.wall.conn.socket;
    for (let n = 0; this.running; n++) {
      await waitFor(() => this.wall.status === 'live' || !this.running, 'the wall live again', 120_000);
      if (!this.running) return;
      const lights = n % 4 === 3;
      const incidentId = this.incidents[n % this.incidents.length]!;
      const department = DEPARTMENTS[Math.floor(n / this.incidents.length) % DEPARTMENTS.length]!;
      const cabinet = { cabinetId: this.cabinets[n % this.cabinets.length]!, ...CABINET_MODES[n % 3]! };
      const assign = { incidentId, department };
      const data: object = lights ? cabinet : assign;
      const out: SentCommand = {
        id: undefined,
        type: lights ? 'lights.set' : 'incident.assign',
        ...(lights ? {} : { incidentId }),
        ack: { ok: false, error: 'unanswered' },
        sends: 0,
      };
      // The wall makes the id; it is read off the socket. sendCommand passes `data` on as it is.
      const spy = (event: string, cmd: { id?: string; data?: unknown } | undefined) => {
        if (event !== 'command' || cmd?.data !== data) return;
        out.id = cmd.id;
        out.sends++;
      };
      socket.onAnyOutgoing(spy);
      try {
        out.ack = lights
          ? await this.wall.conn.sendCommand('lights.set', cabinet)
          : await this.wall.conn.sendCommand('incident.assign', assign);
      } finally {
        socket.offAnyOutgoing(spy);
      }
      this.sent.push(out);
      await new Promise((r) => setTimeout(r, 40));
    }
  }
}

/** The load before a fault: the client live, the producer and the operator well under way. */
async function startLoad(cleanup: Cleanup, app: RunningApp, wall: Wall, tag: string) {
  const first = await hubSnapshot({ url: app.baseUrl });
  const producer = await Producer.start(
    { url: app.baseUrl },
    // Back to back: a batch is nearly always in flight when the hub dies.
    { intervalMs: 0, shape: LOAD, tag, retryForMs: 90_000, record: true },
  );
  cleanup.add(() => producer.abandon().catch(() => {}));
  const operator = new Operator(
    wall,
    first.state.incidents.filter((i) => i.status === 'assigned').map((i) => i.id),
    first.state.lamps.cabinets.map((c) => c.id),
  );
  operator.start();
  cleanup.add(() => operator.stop());
  await waitWith(
    () => wall.ledger.applied >= 400 && producer.batches >= 40 && operator.ok.length >= 6,
    () =>
      `the load under way (applied ${wall.ledger.applied}, batches ${producer.batches}, commands ok ${operator.ok.length})`,
    60_000,
  );
  return { first, producer, operator };
}

/** waitFor, with a message that says how far things got when it gave up. */
async function waitWith(pred: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  try {
    await waitFor(pred, 'a condition', timeoutMs);
  } catch {
    throw new Error(`timed out waiting for ${what()}`);
  }
}

function expectClean(expect: ExpectStatic, wall: Wall): void {
  expect(wall.ledger.problems).toEqual([]);
  const conn = wall.store.getState().connection;
  expect(conn.dropped).toEqual({
    malformed: 0,
    'unknown-type': 0,
    'invalid-data': 0,
    duplicate: 0,
    'beyond-gap': 0,
  });
  expect(conn.resyncs).toBe(0);
}

/** Every batch answered 202 and every command answered ok, held against the hub's state. */
function expectAcknowledgedInState(
  expect: ExpectStatic,
  snap: Snapshot,
  accepted: readonly AcceptedBatch[],
  commands: readonly SentCommand[],
): void {
  const incidents = new Map(snap.state.incidents.map((i) => [i.id, i]));
  const missing: string[] = [];
  const lastKpi = new Map<string, { value: number; at: string }>();
  const lastCamera = new Map<string, boolean>();
  const alerts: string[] = [];
  for (const batch of accepted) {
    for (const { type, data } of batch.events) {
      const d = data as { id: string; title?: string; at?: string; status?: string; value?: number };
      if (type === 'incident.reported') {
        if (incidents.get(d.id)?.title !== d.title) missing.push(`report ${d.id}`);
      } else if (type === 'incident.updated') {
        const kept = incidents.get(d.id)?.history.some((h) => h.at === d.at && h.status === d.status);
        if (!kept) missing.push(`update of ${d.id} at ${d.at}`);
      } else if (type === 'kpi.updated') lastKpi.set(d.id, { value: d.value!, at: d.at! });
      else if (type === 'camera.status') lastCamera.set(d.id, (data as { online: boolean }).online);
      else if (type === 'camera.alert') alerts.push(d.id);
    }
  }
  const kpis = new Map(snap.state.kpis.map((k) => [k.id, k]));
  for (const [id, k] of lastKpi) {
    if (kpis.get(id)?.value !== k.value || kpis.get(id)?.at !== k.at) missing.push(`kpi ${id} = ${k.value}`);
  }
  const cameras = new Map(snap.state.cameras.map((c) => [c.id, c]));
  for (const [id, online] of lastCamera) {
    if (cameras.get(id)?.online !== online) missing.push(`camera ${id} online ${online}`);
  }
  const alertIds = new Set(snap.state.alerts.map((a) => a.id));
  // The state keeps the newest 200 alerts.
  for (const id of alerts.slice(-200)) if (!alertIds.has(id)) missing.push(`alert ${id}`);
  for (const c of commands) {
    if (!c.ack.ok || c.type !== 'incident.assign') continue;
    const kept = incidents.get(c.incidentId!)?.history.some((h) => h.commandId === c.id);
    if (!kept) missing.push(`command ${c.id} on ${c.incidentId}`);
  }
  expect(missing.slice(0, 20)).toEqual([]);
}

async function audit(url: string): Promise<{ commandId: string | null; ok: boolean; duplicate?: true }[]> {
  const res = await fetch(`${url}/api/audit?limit=10000`, {
    headers: { authorization: 'Bearer dev-operator' },
  });
  if (res.status !== 200) throw new Error(`GET /api/audit: ${res.status}`);
  return ((await res.json()) as { entries: { commandId: string | null; ok: boolean; duplicate?: true }[] })
    .entries;
}

/** Every stored event (lamp telemetry is kept as keyframes, not events), read with the hub stopped. */
async function storedEvents(dataDir: string): Promise<Map<number, StreamEvent>> {
  const store = await CityStore.open({ dataDir });
  try {
    const out = new Map<number, StreamEvent>();
    for (let after = 0; ;) {
      const page = await store.eventsAfter(after, 10_000);
      if (page.length === 0) return out;
      for (const e of page) out.set(e.seq, e);
      after = page[page.length - 1]!.seq;
    }
  } finally {
    await store.close();
  }
}

async function sameDatabase(expect: ExpectStatic): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const dataDir = dataDirFor(cleanup);
    const before = await startCrashHub(cleanup, 'same-1', { dataDir });
    const epoch = (await hubSnapshot({ url: before.baseUrl })).epoch;
    // Straight to the hub's port: after the restart the client's own reconnects find the new process.
    const wall = openWall(cleanup, before.baseUrl);
    const seen = watch(wall);
    await waitFor(() => wall.snapshots === 1 && wall.status === 'live', 'the first snapshot', 20_000);
    const { producer, operator } = await startLoad(cleanup, before, wall, 'k9');

    await before.kill();
    const acceptedAtKill = producer.accepted.length;
    const okAtKill = operator.ok.length;
    const sentAtKill = operator.sent.length;
    const lastSeqAtKill = wall.arrivedSeq;
    const maxSeqBefore = producer.lastSeq;
    await waitFor(() => wall.status === 'reconnecting', 'the client to notice the crash', 10_000);

    const after = await startCrashHub(cleanup, 'same-2', { dataDir, port: before.port });
    const health = await getHealth(after.baseUrl);
    const restartSeq = health.seq;
    expect((health as unknown as { epoch: string }).epoch).toBe(epoch);
    // The old run's seqs are all at or below its reservation (its first was SEQ_BLOCK above its
    // first commit, and it stayed below that); the new run goes on above it.
    expect(maxSeqBefore).toBeLessThan(SEQ_BLOCK);
    expect(restartSeq).toBeGreaterThan(SEQ_BLOCK);
    const ofOldRun = (seq: number) => seq < SEQ_BLOCK;

    await waitFor(
      () => wall.snapshots === 2 && wall.status === 'live',
      'the client back by a snapshot',
      45_000,
    );
    // And the load goes on over the new process for a while.
    await waitWith(
      () => producer.accepted.length >= acceptedAtKill + 30 && operator.ok.length >= okAtKill + 4,
      () =>
        `load after the restart (batches ${producer.accepted.length - acceptedAtKill}, commands ok ${operator.ok.length - okAtKill})`,
      60_000,
    );
    await producer.stop();
    await operator.stop();

    const url = after.baseUrl;
    const { seq, hub: theirs, walls } = await converge({ url }, [wall]);
    expect(walls[0]!.parts).toEqual(theirs.parts);
    expectClean(expect, wall);
    expect(wall.ledger.lastSeq).toBe(seq);
    expect(wall.ledger.snapshots).toBe(2);
    expect(seen.snapshotEpochs).toEqual([epoch, epoch]);
    expect(wall.store.getState().connection.session?.epoch).toBe(epoch);
    expect(wall.connects).toBe(2);
    // Why a snapshot: the client's lastSeq is below the new run's first seq, which no client has seen.
    expect(lastSeqAtKill).toBeLessThan(restartSeq);

    const snap = await hubSnapshot({ url });
    expect(snap.seq).toBe(seq);
    expectAcknowledgedInState(expect, snap, producer.accepted, operator.sent);
    // The newest alerts, oldest first, as before the crash (the first state's among them).
    const ats = snap.state.alerts.map((a) => Date.parse(a.at));
    expect(ats.every((t, i) => i === 0 || t >= ats[i - 1]!)).toBe(true);
    const auditEntries = await audit(url);
    const firstAnswers = new Set(auditEntries.filter((e) => e.ok && !e.duplicate).map((e) => e.commandId));
    expect(operator.ok.filter((c) => !firstAnswers.has(c.id!)).map((c) => c.id)).toEqual([]);

    // The batch in flight at the crash was sent again until answered: its reports are not new ones.
    const retried = producer.accepted.filter((b) => b.attempts > 1);
    expect(retried.length).toBeLessThanOrEqual(1);
    const inFlight = retried[0];
    const committedBeforeCrash = inFlight ? inFlight.seqs.some(ofOldRun) : false;
    if (inFlight) {
      // Stored before the crash and answered after it, every report keeps its first seq; lost with
      // the crash, it is stored whole by the retry. Never half.
      const reportSeqs = inFlight.seqs.filter((_, i) => inFlight.events[i]!.type === 'incident.reported');
      expect(reportSeqs.map(ofOldRun)).toEqual(reportSeqs.map(() => committedBeforeCrash));
    }
    expect([...seen.reports].filter(([, n]) => n > 1)).toEqual([]);

    // The store itself, read with the hub stopped: each 202 is there at the seq it was answered
    // with, and no incident was reported twice.
    await after.stop();
    const stored = await storedEvents(dataDir);
    const wrong: string[] = [];
    for (const batch of producer.accepted) {
      batch.events.forEach((e, i) => {
        if (e.type === 'light.state') return;
        const row = stored.get(batch.seqs[i]!);
        const id = (e.data as { id: string }).id;
        if (row?.type !== e.type || (row.data as { id?: string }).id !== id)
          wrong.push(`${e.type} ${id} at seq ${batch.seqs[i]}: stored ${row ? row.type : 'nothing'}`);
      });
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    const reports = new Map<string, number>();
    for (const e of stored.values()) {
      if (e.type === 'incident.reported') reports.set(e.data.id, (reports.get(e.data.id) ?? 0) + 1);
    }
    expect([...reports].filter(([, n]) => n > 1)).toEqual([]);

    // The command in flight at the crash, if any: the wall sends it again under its id once the
    // socket is back, or gives up after its 8 s timeout (the resend may still go out later).
    const next = operator.sent[sentAtKill];
    const commandInFlight =
      next && (next.sends > 1 || (!next.ack.ok && next.ack.error === 'timeout')) ? next : undefined;
    console.log(
      `[crash] same database: ${acceptedAtKill} batches and ${okAtKill} commands acknowledged before the kill, ` +
        `${producer.accepted.length - acceptedAtKill} and ${operator.ok.length - okAtKill} after; ` +
        `batch in flight: ${inFlight ? (committedBeforeCrash ? 'stored before the crash, retry deduplicated' : 'lost with the crash, stored by the retry') : 'none'}; ` +
        `command in flight: ${commandInFlight ? `${commandInFlight.type} sent ${commandInFlight.sends}×, ${commandInFlight.ack.ok ? 'ok' : commandInFlight.ack.error}` : 'none'}; ` +
        `seq ${maxSeqBefore} → ${restartSeq} → ${seq}`,
    );
  } finally {
    await cleanup.run();
  }
}

async function newDatabase(expect: ExpectStatic): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const dataDir = dataDirFor(cleanup);
    const before = await startCrashHub(cleanup, 'new-1', { dataDir });
    const oldEpoch = (await hubSnapshot({ url: before.baseUrl })).epoch;
    // Through the proxy, which keeps the client away until the new history has passed its lastSeq.
    const proxy = await FaultProxy.start({ port: before.port });
    cleanup.add(() => proxy.close());
    const wall = openWall(cleanup, proxy.url);
    const seen = watch(wall);
    await waitFor(() => wall.snapshots === 1 && wall.status === 'live', 'the first snapshot', 20_000);
    const { producer, operator } = await startLoad(cleanup, before, wall, 'k9new');

    await before.kill();
    proxy.cut();
    const operatorDone = operator.stop();
    // Its incidents are gone with the database: the batch in flight is given up, not retried.
    await producer.abandon();
    await waitFor(() => wall.status === 'reconnecting', 'the client to notice the crash', 10_000);
    const lastSeq = wall.arrivedSeq;
    rmSync(dataDir, { recursive: true, force: true });

    const after = await startCrashHub(cleanup, 'new-2', { dataDir, port: before.port });
    const url = after.baseUrl;
    const newEpoch = (await hubSnapshot({ url })).epoch;
    expect(newEpoch).not.toBe(oldEpoch);
    // The new history runs past the client's lastSeq, so that a replay from it would be possible:
    // only the epoch tells the hub that the client's seqs are of another history.
    const lamps = STILL_CITY.lamps;
    for (let i = 0; (await getHealth(url)).seq <= lastSeq + 100; i++) {
      const res = await fetch(`${url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer dev-producer' },
        body: JSON.stringify({
          events: lampEvents(Array.from({ length: 2000 }, (_, j) => [(i * 2000 + j) % lamps, 1, 100])),
        }),
      });
      expect(res.status).toBe(202);
      await res.arrayBuffer();
    }
    expect(await logHoldsAfter({ url }, lastSeq)).toBe(true);

    const fresh = await Producer.start({ url }, { intervalMs: 30, shape: LOAD, tag: 'fresh' });
    cleanup.add(() => fresh.stop().catch(() => {}));
    proxy.restore();
    await waitFor(
      () => wall.snapshots === 2 && wall.status === 'live',
      'the client back by a snapshot',
      45_000,
    );
    const resumedAt = wall.ledger.applied;
    await waitFor(() => wall.ledger.applied >= resumedAt + 100, 'live events on the new history', 30_000);
    await fresh.stop();
    await operatorDone;

    const { seq, hub: theirs, walls } = await converge({ url }, [wall]);
    expect(walls[0]!.parts).toEqual(theirs.parts);
    expectClean(expect, wall);
    expect(wall.ledger.lastSeq).toBe(seq);
    expect(wall.ledger.snapshots).toBe(2);
    expect(seen.snapshotEpochs).toEqual([oldEpoch, newEpoch]);
    expect(wall.store.getState().connection.session?.epoch).toBe(newEpoch);
    expect(wall.connects).toBe(2);
    console.log(
      `[crash] new database: the client left at seq ${lastSeq} of epoch ${oldEpoch?.slice(0, 8)}, ` +
        `came back by a snapshot of epoch ${newEpoch?.slice(0, 8)}, converged at seq ${seq}`,
    );
  } finally {
    await cleanup.run();
  }
}

describe.concurrent('kill -9 of the hub under load', () => {
  it(
    'restarted on the same database: every 202 and every ok is kept, the client is back by a snapshot of the same epoch, nothing twice',
    ({ expect }) => sameDatabase(expect),
    150_000,
  );

  it(
    'restarted on a new, empty database: a new epoch, and the client resyncs by a snapshot whatever its lastSeq',
    ({ expect }) => newDatabase(expect),
    150_000,
  );
});
