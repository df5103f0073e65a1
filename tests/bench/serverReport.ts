import { DEPARTMENTS } from '../../src/shared/city/profile';
import { percentile, round } from '../support/stats';

// The server benchmark's logic, free of I/O: what a run's raw readings (request records, marks of
// arrival, /proc counters) come to, the verdicts against the targets, and the printed table.

export const STORES = ['pglite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];
export const STORE_LABEL: Record<StoreKind, string> = {
  pglite: 'embedded (PGlite)',
  postgres: 'PostgreSQL',
};

// ---- Percentiles ----

export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/** p50, p95 and max of `values` (ms), to 0.1; nulls when there are none. */
export function summarize(values: readonly number[]): Summary {
  let max = Number.NaN;
  // not Math.max(...values): a fan-out run has tens of thousands of them
  for (const v of values) if (!(v <= max)) max = v;
  return {
    n: values.length,
    p50: round(percentile(values, 50), 1),
    p95: round(percentile(values, 95), 1),
    max: round(max, 1),
  };
}

// ---- What the producers send ----

/** One POST /api/ingest as a producer saw it. Times are epoch ms (Date.now()), comparable across processes. */
export interface RequestRecord {
  sentAt: number;
  doneAt: number;
  /** HTTP status; 0 when the request failed without an answer */
  status: number;
  /** city changes sent: lamp updates plus reports (not envelopes: a columnar lamp event carries many) */
  updates: number;
  /** incident.reported events among them */
  reports: number;
  /** marker reports in the batch (fan-out lag): their ids carry `sentAt` */
  markers?: number;
}

export interface WindowCounts {
  seconds: number;
  /** 202-answered requests whose answer came in the window */
  requests: number;
  reportsPerSec: number;
  updatesPerSec: number;
  /** requests answered anything but 202 in the window */
  refused: number;
  /** requests that got no answer (connection errors) in the window */
  failed: number;
  /** send to answer, of the 202-answered requests of the window */
  latencyMs: Summary;
}

/**
 * What a producer got through in [t0, t1): only 202-answered requests count, by the time their
 * answer came (an answer is when the hub says the reports are stored).
 */
export function windowCounts(records: readonly RequestRecord[], t0: number, t1: number): WindowCounts {
  const seconds = (t1 - t0) / 1000;
  let reports = 0;
  let updates = 0;
  let requests = 0;
  let refused = 0;
  let failed = 0;
  const latencies: number[] = [];
  for (const r of records) {
    if (r.doneAt < t0 || r.doneAt >= t1) continue;
    if (r.status === 202) {
      requests++;
      reports += r.reports;
      updates += r.updates;
      latencies.push(r.doneAt - r.sentAt);
    } else if (r.status === 0) failed++;
    else refused++;
  }
  return {
    seconds: round(seconds, 2) ?? 0,
    requests,
    reportsPerSec: seconds > 0 ? Math.round(reports / seconds) : 0,
    updatesPerSec: seconds > 0 ? Math.round(updates / seconds) : 0,
    refused,
    failed,
    latencyMs: summarize(latencies),
  };
}

/** A batch size from min to max inclusive. */
export function batchSize(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Parses `50-200` (or `100`) into [min, max]. */
export function parseRange(raw: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(raw.trim());
  const min = m ? Number(m[1]) : Number.NaN;
  const max = m ? Number(m[2] ?? m[1]) : Number.NaN;
  if (!(min >= 1 && max >= min && max <= 10_000)) {
    throw new Error(`expected a batch size or range like 50-200 (1 to 10,000), got ${raw}`);
  }
  return [min, max];
}

// ---- Commands ----

/** Each incident goes through the status machine's whole happy path, one command at a time. */
export const LADDER = [
  'incident.acknowledge',
  'incident.assign',
  'incident.start',
  'incident.resolve',
] as const;

export interface LadderCommand {
  type: (typeof LADDER)[number];
  data: { incidentId: string; department?: string; note?: string };
}

/** How many incidents `commands` commands need. */
export const incidentsForCommands = (commands: number) => Math.ceil(commands / LADDER.length);

/**
 * The k-th command of a run: commands 0-3 take the first incident from received to resolved, 4-7 the
 * second, and so on. Sent in order on one socket, each finds its incident where the one before left it.
 */
export function ladderCommand(k: number, incidentIds: readonly string[]): LadderCommand {
  const incidentId = incidentIds[Math.floor(k / LADDER.length)];
  if (incidentId === undefined)
    throw new Error(`command ${k} needs more than ${incidentIds.length} incidents`);
  const type = LADDER[k % LADDER.length]!;
  switch (type) {
    case 'incident.assign':
      return { type, data: { incidentId, department: DEPARTMENTS[k % DEPARTMENTS.length] } };
    case 'incident.resolve':
      return { type, data: { incidentId, note: 'Đã xử lý xong, đã kiểm tra tại hiện trường' } };
    default:
      return { type, data: { incidentId } };
  }
}

// ---- Fan-out lag ----

export interface ClientMarks {
  /** flat pairs [sendMs, lagMs, sendMs, lagMs, ...]: when a marker was posted, how long until it arrived here */
  marks: number[];
  /** envelopes received */
  events: number;
  /** envelopes received by each `mark` the bench sent (the window's start and end) */
  counts: number[];
  /** breaks in the seq (a live batch that did not start at lastSeq + 1) */
  gaps: number;
  disconnects: number;
}

/** Envelopes a second between the first two marks, over the clients: the fewest and the most. */
export function deliveredPerSec(
  clients: readonly ClientMarks[],
  seconds: number,
): { min: number; max: number } | null {
  const rates = clients
    .filter((c) => c.counts.length >= 2 && seconds > 0)
    .map((c) => (c.counts[1]! - c.counts[0]!) / seconds);
  if (rates.length === 0) return null;
  return { min: Math.round(Math.min(...rates)), max: Math.round(Math.max(...rates)) };
}

export interface LagFigures {
  /** every client's lags of the window's markers together */
  all: Summary;
  /** the p95 of the client whose p95 is highest */
  slowestClientP95: number | null;
  /** markers posted in the window (and answered 202) that a client never received, summed over clients */
  missing: number;
}

/**
 * Lag of the markers posted in [t0, t1): `expected` is how many such markers the hub accepted; a
 * client that received fewer of them is missing the rest.
 */
export function lagFigures(
  clients: readonly ClientMarks[],
  t0: number,
  t1: number,
  expected: number,
): LagFigures {
  const all: number[] = [];
  let slowest: number | null = null;
  let missing = 0;
  for (const c of clients) {
    const mine: number[] = [];
    for (let i = 0; i + 1 < c.marks.length; i += 2) {
      const sent = c.marks[i]!;
      if (sent >= t0 && sent < t1) mine.push(c.marks[i + 1]!);
    }
    missing += Math.max(0, expected - mine.length);
    if (mine.length > 0) {
      const p95 = percentile(mine, 95);
      slowest = slowest === null ? p95 : Math.max(slowest, p95);
    }
    for (const v of mine) all.push(v);
  }
  return { all: summarize(all), slowestClientP95: round(slowest ?? Number.NaN, 1), missing };
}

// ---- CPU from /proc ----

/** utime + stime (clock ticks) and the parent pid from the text of /proc/PID/stat. */
export function parsePidStat(text: string): { ticks: number; ppid: number } {
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): field n is rest[n - 3].
  const ppid = Number(rest[1]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  if (!Number.isFinite(ticks) || !Number.isFinite(ppid)) throw new Error(`unreadable /proc stat: ${text}`);
  return { ticks, ppid };
}

/** Busy and total clock ticks of all cores, from the `cpu` line of /proc/stat. */
export function parseMachineStat(text: string): { busy: number; total: number } {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no cpu line in /proc/stat');
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * CPU ticks used between two readings of a set of processes (pid -> ticks). A process that appeared
 * in between counts whole; one that ended in between is lost (its ticks went with it).
 */
export function ticksBetween(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
): number {
  let sum = 0;
  for (const [pid, t] of after) sum += Math.max(0, t - (before.get(pid) ?? 0));
  return sum;
}

/** Cores busy on average: ticks over the seconds they were counted in. */
export function coresOf(ticks: number, clockTicksPerSec: number, seconds: number): number | null {
  return seconds > 0 ? round(ticks / clockTicksPerSec / seconds, 2) : null;
}

// ---- Figures ----

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  /** 1, 5 and 15 minutes, when the run started */
  loadAverage: number[];
}

/** CPU in a window, in cores (1 = one core busy the whole window). */
export interface CpuShares {
  hub: number | null;
  /** PostgreSQL's server processes (postgres only) */
  database?: number | null;
  /** redis-server (the fan-out over two nodes) */
  redis?: number | null;
  /** the load generators (producer, and the viewer processes in a fan-out) */
  load: number | null;
  /** this process: orchestration and, for commands, the operator's socket */
  bench: number | null;
  /** the whole machine, whatever runs on it */
  machine: number | null;
}

export interface IngestFigures {
  counts: WindowCounts;
  inFlight: number;
  batch: [number, number];
  cpu: CpuShares;
  firstError?: string;
}

export interface CommandFigures {
  ratePerSec: number;
  /** commands sent in the window */
  sent: number;
  ok: number;
  /** answered `{ ok: false }` or not answered within the timeout */
  failed: number;
  roundTripMs: Summary;
  /** the reports of the background load the hub stored in the window */
  background: WindowCounts;
  cpu: CpuShares;
  firstError?: string;
}

export interface RestartFigures {
  incidentsStored: number;
  lamps: number;
  /** how long storing them took, the simulator running (not a target, a context) */
  fillS: number;
  /** startHub called -> resolved */
  startHubMs: number;
  /** startHub called -> /api/health answered 200 */
  healthMs: number;
  /** startHub called -> a socket's snapshot received: ready */
  readyMs: number;
  incidentsLoaded: number;
  lampsLoaded: number;
  snapshotMb: number;
  /** the same store opened by `node --import tsx server/main.ts`: spawn -> health, spawn -> snapshot */
  process: { healthMs: number; readyMs: number } | null;
}

export interface FanoutFigures {
  clients: number;
  guests: number;
  viewerProcesses: number;
  lamps: number;
  targetPerSec: number;
  counts: WindowCounts;
  /** the hub's seq over the window: the producer's envelopes and the simulator's */
  hubEventsPerSec: number | null;
  markers: number;
  /** envelopes a second each client received in the window: the fewest and the most */
  deliveredPerSec: { min: number; max: number } | null;
  lag: LagFigures;
  gaps: number;
  disconnects: number;
  cpu: CpuShares;
  firstError?: string;
}

/**
 * The fan-out over two hub nodes (PostgreSQL and Redis shared, SIM=off): the producer posts to node 1
 * only, half the clients are on node 2, so theirs is the cross-node path (node 1 -> PostgreSQL
 * commit -> Redis -> node 2). `cpu.hub` is both nodes together; `nodeCpu` each.
 */
export interface TwoNodeFanoutFigures extends FanoutFigures {
  /** clients per node: [node 1, node 2] */
  clientsPerNode: [number, number];
  /** the clients on node 2 alone */
  node2: { lag: LagFigures; deliveredPerSec: { min: number; max: number } | null };
  nodeCpu: [number | null, number | null];
}

export interface ServerBenchResult {
  date: string;
  machine: MachineInfo;
  /** how the processes were placed, in words */
  placement: string[];
  config: Record<string, unknown>;
  stores: StoreKind[];
  ingest: Partial<Record<StoreKind, IngestFigures>>;
  commands: Partial<Record<StoreKind, CommandFigures>>;
  restart: Partial<Record<StoreKind, RestartFigures>>;
  fanout: FanoutFigures | null;
  /** the same fan-out over two nodes (Redis multi-node); null when not run */
  fanoutTwoNodes: TwoNodeFanoutFigures | null;
}

// ---- Targets ----

export const TARGETS = {
  ingestReportsPerSec: 2000,
  commandP95Ms: 50,
  restartReadyMs: 10_000,
  fanoutClients: 50,
  fanoutPerSec: 10_000,
  fanoutLagP95Ms: 1000,
} as const;

export interface Verdict {
  name: string;
  ok: boolean | null;
}

/** Judged at the load it ran: a run below the target's clients or rate cannot say (null). */
export function fanoutOk(f: FanoutFigures): boolean | null {
  const atTarget = f.clients >= TARGETS.fanoutClients && f.targetPerSec >= TARGETS.fanoutPerSec;
  if (!atTarget) return null;
  return (
    f.counts.updatesPerSec >= 0.95 * f.targetPerSec &&
    f.lag.all.p95 !== null &&
    f.lag.all.p95 <= TARGETS.fanoutLagP95Ms &&
    f.lag.missing === 0 &&
    f.disconnects === 0
  );
}

/** As one node, and node 2's clients (the cross-node path) within the target too. */
export function twoNodesOk(f: TwoNodeFanoutFigures): boolean | null {
  const all = fanoutOk(f);
  if (all === null) return null;
  return all && f.node2.lag.all.p95 !== null && f.node2.lag.all.p95 <= TARGETS.fanoutLagP95Ms;
}

export function serverVerdicts(r: ServerBenchResult): Verdict[] {
  const out: Verdict[] = [];
  const ingest = r.ingest.pglite;
  if (ingest) {
    out.push({
      name: `durable ingest >= ${fmt(TARGETS.ingestReportsPerSec)} reports/s, embedded store`,
      ok: ingest.counts.reportsPerSec >= TARGETS.ingestReportsPerSec,
    });
  }
  for (const store of r.stores) {
    const c = r.commands[store];
    if (!c) continue;
    out.push({
      name: `command round trip p95 <= ${TARGETS.commandP95Ms} ms, ${STORE_LABEL[store]}`,
      ok: c.roundTripMs.p95 === null ? null : c.roundTripMs.p95 <= TARGETS.commandP95Ms && c.failed === 0,
    });
  }
  for (const store of r.stores) {
    const s = r.restart[store];
    if (!s) continue;
    out.push({
      name: `restart to ready <= ${TARGETS.restartReadyMs / 1000} s with ${fmt(s.incidentsStored)} incidents and ${fmt(s.lamps)} lamps, ${STORE_LABEL[store]}`,
      ok: s.readyMs <= TARGETS.restartReadyMs,
    });
  }
  if (r.fanout) {
    const f = r.fanout;
    out.push({
      name: `fan-out: ${f.clients} clients held at ${fmt(f.targetPerSec)} events/s with lag p95 <= ${TARGETS.fanoutLagP95Ms / 1000} s, one node`,
      ok: fanoutOk(f),
    });
  }
  const two = r.fanoutTwoNodes;
  out.push({
    name: two
      ? `fan-out over two nodes: ${two.clients} clients (${two.clientsPerNode[1]} on node 2) held at ${fmt(two.targetPerSec)} events/s with lag p95 <= ${TARGETS.fanoutLagP95Ms / 1000} s, all clients and node 2's`
      : 'fan-out over two nodes (Redis multi-node)',
    ok: two ? twoNodesOk(two) : null,
  });
  return out;
}

// ---- The table ----

/** 12345 -> "12,345" */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return Math.round(n).toLocaleString('en-US');
}

export const ms = (v: number | null) => (v === null ? 'n/a' : `${v < 10 ? v.toFixed(1) : fmt(v)} ms`);
export const secs = (msValue: number | null) =>
  msValue === null ? 'n/a' : `${(msValue / 1000).toFixed(1)} s`;
export const cores = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `${Math.round(v * 100)}%`;
const p50p95 = (s: Summary) => (s.n === 0 ? 'n/a' : `${ms(s.p50)} / ${ms(s.p95)}`);

/** Pads each column to its widest cell; a row of one cell is a section title across the table. */
export function formatColumns(rows: readonly (readonly string[])[], gap = '  '): string {
  const widths: number[] = [];
  for (const row of rows) {
    if (row.length < 2) continue;
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  }
  return rows
    .map((row) =>
      row.length < 2
        ? (row[0] ?? '')
        : row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join(gap)
            .trimEnd(),
    )
    .join('\n');
}

/**
 * What the rest of the machine took in a window: all of its busy CPU less the bench's processes.
 * On a shared two-core machine this is what decides whether a figure is the hub's or the machine's.
 */
export function othersOf(cpu: CpuShares): number | null {
  if (cpu.machine === null) return null;
  const ours = (cpu.hub ?? 0) + (cpu.database ?? 0) + (cpu.redis ?? 0) + (cpu.load ?? 0) + (cpu.bench ?? 0);
  return round(Math.max(0, cpu.machine - ours), 2);
}

/** Other processes above this (cores) in a window: its figures say as much about the machine as the hub. */
export const CONTENDED_CORES = 0.5;

function cpuCell(cpu: CpuShares | undefined, db: boolean): string {
  if (!cpu) return '—';
  const parts = [`hub ${cores(cpu.hub)}`];
  if (db) parts.push(`db ${cores(cpu.database)}`);
  parts.push(`load ${cores(cpu.load)}`, `others ${cores(othersOf(cpu))}`);
  return parts.join(', ');
}

/** The windows in which other processes took more than CONTENDED_CORES, named with what they took. */
export function contendedWindows(r: ServerBenchResult): string[] {
  const out: string[] = [];
  const check = (name: string, cpu: CpuShares | undefined) => {
    const others = cpu ? othersOf(cpu) : null;
    if (others !== null && others > CONTENDED_CORES) out.push(`${name} (${cores(others)})`);
  };
  for (const s of r.stores) check(`ingest ${STORE_LABEL[s]}`, r.ingest[s]?.cpu);
  for (const s of r.stores) check(`commands ${STORE_LABEL[s]}`, r.commands[s]?.cpu);
  if (r.fanout) check('fan-out', r.fanout.cpu);
  if (r.fanoutTwoNodes) check('fan-out over two nodes', r.fanoutTwoNodes.cpu);
  return out;
}

/** Why envelopes/s is far below events/s in the fan-out rows. */
export const LAMP_ENVELOPES_NOTE =
  'note: since protocol 2 the lamp updates of one ingest call are folded into one `light.states` envelope, ' +
  'so "events/s" counts lamp changes: 10,000 lamp changes/s is ~20-40 envelopes/s on the wire ' +
  '(one `light.states` per request, 20 requests/s at the 50 ms tick, each with its marker report); ' +
  '"envelopes/s received per client" counts what a socket gets';

export function formatServerTable(r: ServerBenchResult): string {
  const stores = r.stores;
  const per = <T>(figs: Partial<Record<StoreKind, T>>, cell: (f: T, store: StoreKind) => string) =>
    stores.map((s) => (figs[s] ? cell(figs[s]!, s) : '—'));
  const rows: string[][] = [['', ...stores.map((s) => STORE_LABEL[s]), 'target']];
  const ing = Object.values(r.ingest)[0];
  rows.push([
    ing
      ? `1. durable ingest (${ing.inFlight} in flight, batches ${ing.batch[0]}-${ing.batch[1]} reports, ${ing.counts.seconds} s)`
      : '1. durable ingest',
  ]);
  rows.push([
    '   reports/s answered 202',
    ...per(r.ingest, (f) => fmt(f.counts.reportsPerSec)),
    `>= ${fmt(TARGETS.ingestReportsPerSec)} (embedded)`,
  ]);
  rows.push([
    '   reports per hub CPU-second',
    ...per(r.ingest, (f) => (f.cpu.hub ? fmt(f.counts.reportsPerSec / f.cpu.hub) : 'n/a')),
    '',
  ]);
  rows.push(['   request p50 / p95', ...per(r.ingest, (f) => p50p95(f.counts.latencyMs)), '']);
  rows.push([
    '   requests 202 / refused / failed',
    ...per(r.ingest, (f) => `${fmt(f.counts.requests)} / ${f.counts.refused} / ${f.counts.failed}`),
    '',
  ]);
  rows.push(['   CPU (% of one core)', ...per(r.ingest, (f, s) => cpuCell(f.cpu, s === 'postgres')), '']);

  const cmd = Object.values(r.commands)[0];
  rows.push([
    cmd
      ? `2. command round trip (${cmd.ratePerSec}/s, under ${fmt(cmd.background.reportsPerSec)} reports/s of background load)`
      : '2. command round trip',
  ]);
  rows.push([
    '   emit -> ack p50 / p95',
    ...per(r.commands, (f) => p50p95(f.roundTripMs)),
    `p95 <= ${TARGETS.commandP95Ms} ms`,
  ]);
  rows.push(['   max', ...per(r.commands, (f) => ms(f.roundTripMs.max)), '']);
  rows.push(['   ok / sent', ...per(r.commands, (f) => `${f.ok} / ${f.sent}`), '']);
  rows.push([
    '   background reports/s, p95',
    ...per(r.commands, (f) => `${fmt(f.background.reportsPerSec)}, ${ms(f.background.latencyMs.p95)}`),
    '',
  ]);
  rows.push(['   CPU', ...per(r.commands, (f, s) => cpuCell(f.cpu, s === 'postgres')), '']);

  const rs = Object.values(r.restart)[0];
  rows.push([
    rs
      ? `3. restart to ready (${fmt(rs.incidentsStored)} incidents, ${fmt(rs.lamps)} lamps, simulator on)`
      : '3. restart to ready',
  ]);
  rows.push([
    '   startHub -> socket snapshot',
    ...per(r.restart, (f) => secs(f.readyMs)),
    `<= ${TARGETS.restartReadyMs / 1000} s`,
  ]);
  rows.push([
    '   startHub resolved / health',
    ...per(r.restart, (f) => `${secs(f.startHubMs)} / ${secs(f.healthMs)}`),
    '',
  ]);
  rows.push([
    '   incidents / lamps loaded',
    ...per(r.restart, (f) => `${fmt(f.incidentsLoaded)} / ${fmt(f.lampsLoaded)}`),
    '',
  ]);
  rows.push(['   snapshot size', ...per(r.restart, (f) => `${f.snapshotMb.toFixed(1)} MB`), '']);
  rows.push([
    '   as a process: spawn -> health / snapshot',
    ...per(r.restart, (f) =>
      f.process ? `${secs(f.process.healthMs)} / ${secs(f.process.readyMs)}` : 'n/a',
    ),
    '',
  ]);
  rows.push(['   filling the store took', ...per(r.restart, (f) => `${f.fillS.toFixed(1)} s`), '']);

  const f = r.fanout;
  const only = (cell: string) => [cell, ...stores.slice(1).map(() => '—')];
  if (f) {
    rows.push([
      `4. fan-out, one node (${f.clients} sockets: ${f.clients - f.guests} leaders, ${f.guests} guests, in ${f.viewerProcesses} processes; ${fmt(f.lamps)} lamps)`,
    ]);
    rows.push([
      '   events/s answered 202',
      ...only(`${fmt(f.counts.updatesPerSec)} (hub ${fmt(f.hubEventsPerSec)})`),
      `${fmt(TARGETS.fanoutPerSec)}`,
    ]);
    rows.push([
      '   envelopes/s received per client, min - max',
      ...only(f.deliveredPerSec ? `${fmt(f.deliveredPerSec.min)} - ${fmt(f.deliveredPerSec.max)}` : 'n/a'),
      '',
    ]);
    rows.push(['   hub CPU', ...only(cores(f.cpu.hub)), '']);
    rows.push([
      '   lag p50 / p95, all clients',
      ...only(p50p95(f.lag.all)),
      `p95 <= ${TARGETS.fanoutLagP95Ms / 1000} s`,
    ]);
    rows.push([
      '   slowest client p95 / max',
      ...only(`${ms(f.lag.slowestClientP95)} / ${ms(f.lag.all.max)}`),
      '',
    ]);
    rows.push([
      '   markers missing / seq gaps / disconnects',
      ...only(`${f.lag.missing} of ${fmt(f.markers * f.clients)} / ${f.gaps} / ${f.disconnects}`),
      '0 / 0 / 0',
    ]);
    rows.push(['   CPU (load = producer + viewers)', ...only(cpuCell(f.cpu, false)), '']);
  } else {
    rows.push(['4. fan-out, one node', ...only('not run'), '']);
  }
  const t = r.fanoutTwoNodes;
  if (t) {
    const perSec = (d: { min: number; max: number } | null) => (d ? `${fmt(d.min)} - ${fmt(d.max)}` : 'n/a');
    rows.push([
      `5. fan-out, two nodes (PostgreSQL + Redis, SIM=off; ${t.clients} sockets: ${t.clientsPerNode[0]} on node 1, ${t.clientsPerNode[1]} on node 2; producer -> node 1 only; ${fmt(t.lamps)} lamps)`,
    ]);
    rows.push([
      '   events/s answered 202',
      ...only(`${fmt(t.counts.updatesPerSec)} (log ${fmt(t.hubEventsPerSec)} envelopes/s)`),
      `${fmt(TARGETS.fanoutPerSec)}`,
    ]);
    rows.push(['   envelopes/s received per client, all', ...only(perSec(t.deliveredPerSec)), '']);
    rows.push(['   envelopes/s received per client, node 2', ...only(perSec(t.node2.deliveredPerSec)), '']);
    rows.push([
      '   lag p50 / p95, all clients',
      ...only(p50p95(t.lag.all)),
      `p95 <= ${TARGETS.fanoutLagP95Ms / 1000} s`,
    ]);
    rows.push([
      '   lag p50 / p95, node 2 (cross-node)',
      ...only(p50p95(t.node2.lag.all)),
      `p95 <= ${TARGETS.fanoutLagP95Ms / 1000} s`,
    ]);
    rows.push([
      '   slowest client p95 / max (node 2: p95 / max)',
      ...only(
        `${ms(t.lag.slowestClientP95)} / ${ms(t.lag.all.max)} (${ms(t.node2.lag.slowestClientP95)} / ${ms(t.node2.lag.all.max)})`,
      ),
      '',
    ]);
    rows.push([
      '   markers missing / seq gaps / disconnects',
      ...only(`${t.lag.missing} of ${fmt(t.markers * t.clients)} / ${t.gaps} / ${t.disconnects}`),
      '0 / 0 / 0',
    ]);
    rows.push([
      '   CPU: node 1 / node 2 / PostgreSQL / Redis',
      ...only(
        `${cores(t.nodeCpu[0])} / ${cores(t.nodeCpu[1])} / ${cores(t.cpu.database)} / ${cores(t.cpu.redis)}`,
      ),
      '',
    ]);
    rows.push([
      '   CPU: load (producer + viewers) / others',
      ...only(`${cores(t.cpu.load)} / ${cores(othersOf(t.cpu))}`),
      '',
    ]);
  } else {
    rows.push(['5. fan-out, two nodes', ...only('not run'), '']);
  }

  const lines = [formatColumns(rows), ''];
  for (const v of serverVerdicts(r))
    lines.push(`${v.ok === null ? 'n/a ' : v.ok ? 'PASS' : 'MISS'}  ${v.name}`);
  if (r.fanout || r.fanoutTwoNodes) lines.push('', LAMP_ENVELOPES_NOTE);
  const contended = contendedWindows(r);
  if (contended.length > 0) {
    lines.push(
      '',
      `CONTENDED: other processes on the machine took more than ${cores(CONTENDED_CORES)} of a core during ${contended.join(', ')}: ` +
        'those figures measure the shared machine as much as the hub (CPU: % of one core; others = machine busy less this bench)',
    );
  }
  return lines.join('\n');
}

/** The lines above the table: when, on what, and how the processes were placed. */
export function formatHeader(r: ServerBenchResult): string {
  const m = r.machine;
  return [
    `server bench, ${r.date}`,
    `machine: ${m.cores} cores (${m.cpuModel}), Node ${m.node} on ${m.platform}; load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    ...r.placement.map((p) => `placement: ${p}`),
  ].join('\n');
}
