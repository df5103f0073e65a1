import { describe, expect, it } from 'vitest';
import { commandDataSchemas, type Incident, type IncidentCommand } from '../../src/shared/protocol/events';
import {
  applyIncidentUpdate,
  canApply,
  incidentFromReport,
  transition,
} from '../../src/shared/protocol/incident';
import { seededRandom } from './load';
import {
  batchSize,
  contendedWindows,
  coresOf,
  deliveredPerSec,
  fanoutOk,
  formatColumns,
  formatServerTable,
  incidentsForCommands,
  ladderCommand,
  lagFigures,
  LAMP_ENVELOPES_NOTE,
  othersOf,
  parseMachineStat,
  parsePidStat,
  parseRange,
  serverVerdicts,
  summarize,
  ticksBetween,
  twoNodesOk,
  windowCounts,
  type ClientMarks,
  type CpuShares,
  type RequestRecord,
  type ServerBenchResult,
  type TwoNodeFanoutFigures,
} from './serverReport';

describe('summarize', () => {
  it('gives p50, p95 and max by linear interpolation, as NumPy does', () => {
    expect(summarize([100, 120, 140, 160, 300])).toEqual({ n: 5, p50: 140, p95: 272, max: 300 });
    // unsorted input, one decimal
    expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p95: 2.9, max: 3 });
  });

  it('is null for nothing, and copes with more values than a spread would', () => {
    expect(summarize([])).toEqual({ n: 0, p50: null, p95: null, max: null });
    const many = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(summarize(many)).toMatchObject({ n: 300_000, max: 999, p50: 499.5 });
  });
});

const rec = (sentAt: number, doneAt: number, status: number, reports = 100, updates = reports) =>
  ({ sentAt, doneAt, status, reports, updates }) satisfies RequestRecord;

describe('windowCounts', () => {
  it('counts only 202-answered requests, by the time their answer came', () => {
    const records = [
      rec(900, 1100, 202), // sent before, answered in the window: counts
      rec(1900, 2100, 202), // answered after the window: does not
      rec(1000, 1050, 202, 50),
      rec(1000, 1200, 400), // refused
      rec(1000, 1300, 0), // no answer
      rec(500, 900, 202), // before
    ];
    const c = windowCounts(records, 1000, 2000);
    expect(c).toMatchObject({ seconds: 1, requests: 2, reportsPerSec: 150, refused: 1, failed: 1 });
    expect(c.latencyMs).toEqual({ n: 2, p50: 125, p95: 192.5, max: 200 });
  });

  it('counts lamp updates apart from reports', () => {
    expect(windowCounts([rec(0, 500, 202, 1, 501)], 0, 2000)).toMatchObject({
      reportsPerSec: 1,
      updatesPerSec: 251,
    });
  });
});

describe('batches', () => {
  it('reads a size or a range', () => {
    expect(parseRange('50-200')).toEqual([50, 200]);
    expect(parseRange('100')).toEqual([100, 100]);
    expect(() => parseRange('200-50')).toThrow(/50-200/);
    expect(() => parseRange('0-10')).toThrow();
    expect(() => parseRange('1-20000')).toThrow();
  });

  it('draws sizes across the whole range and never outside it', () => {
    const random = seededRandom(3);
    const sizes = Array.from({ length: 2000 }, () => batchSize(random, 50, 200));
    expect(Math.min(...sizes)).toBe(50);
    expect(Math.max(...sizes)).toBe(200);
  });
});

describe('the command ladder', () => {
  it('takes each incident from received to resolved with legal steps only', () => {
    const ids = ['A', 'B', 'C'];
    const report = { category: 'waste', title: 'Rác', severity: 'low', source: 'hotline' } as const;
    const incidents = new Map<string, Incident>(
      ids.map((id) => [id, incidentFromReport({ ...report, id, location: { lon: 107.58, lat: 16.46 } }, 0)]),
    );
    const types: string[] = [];
    for (let k = 0; k < 12; k++) {
      const cmd = ladderCommand(k, ids);
      types.push(cmd.type);
      expect(commandDataSchemas[cmd.type].safeParse(cmd.data).success).toBe(true);
      const inc = incidents.get(cmd.data.incidentId)!;
      expect(canApply(cmd.type, inc)).toBe(true);
      // The hub's own step: the command's transition, applied as the stream applies it.
      const step = transition(
        inc,
        { id: `c${k}`, ...cmd } as IncidentCommand,
        'bench',
        '2026-11-23T10:00:00.000Z',
      );
      if (!step.ok) throw new Error(step.error);
      applyIncidentUpdate(inc, step.update);
    }
    expect(types.slice(0, 4)).toEqual([
      'incident.acknowledge',
      'incident.assign',
      'incident.start',
      'incident.resolve',
    ]);
    expect([...incidents.values()].map((i) => i.status)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('knows how many incidents a run needs, and says when it has too few', () => {
    expect(incidentsForCommands(9)).toBe(3);
    expect(() => ladderCommand(8, ['A', 'B'])).toThrow(/more than 2 incidents/);
  });
});

describe('fan-out lag', () => {
  const client = (pairs: [number, number][], extra: Partial<ClientMarks> = {}): ClientMarks => ({
    marks: pairs.flat(),
    events: 0,
    counts: [],
    gaps: 0,
    disconnects: 0,
    ...extra,
  });

  it('takes the markers posted in the window, over all clients and for the slowest', () => {
    const fast = client([
      [500, 999], // posted before the window
      [1000, 10],
      [1100, 20],
      [1200, 30],
    ]);
    const slow = client([
      [1000, 100],
      [1100, 200],
      [1200, 300],
      [2000, 5000], // posted after it
    ]);
    const lag = lagFigures([fast, slow], 1000, 2000, 3);
    expect(lag.all).toEqual({ n: 6, p50: 65, p95: 275, max: 300 });
    expect(lag.slowestClientP95).toBe(290);
    expect(lag.missing).toBe(0);
  });

  it('counts what a client never received', () => {
    const lag = lagFigures([client([[1000, 10]]), client([])], 1000, 2000, 3);
    expect(lag.missing).toBe(2 + 3);
    expect(lag.all.n).toBe(1);
  });

  it('rates what each client received between the marks', () => {
    const a = client([], { counts: [100, 20_100] });
    const b = client([], { counts: [0, 19_000] });
    expect(deliveredPerSec([a, b], 2)).toEqual({ min: 9500, max: 10_000 });
    expect(deliveredPerSec([client([])], 2)).toBeNull();
  });
});

describe('CPU from /proc', () => {
  it('reads utime + stime and the parent of a process whose name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S'; // 3: state
    fields[1] = '4242'; // 4: ppid
    fields[11] = '1500'; // 14: utime
    fields[12] = '250'; // 15: stime
    expect(parsePidStat(`1234 (node (a) b) ${fields.join(' ')}`)).toEqual({ ticks: 1750, ppid: 4242 });
  });

  it('reads the machine busy and total from /proc/stat, idle and iowait as not busy', () => {
    const text = 'cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\nintr 1\n';
    expect(parseMachineStat(text)).toEqual({ busy: 160, total: 980 });
  });

  it('adds up ticks between readings; a new process counts whole, an ended one drops out', () => {
    const before = new Map([
      [1, 100],
      [2, 50],
    ]);
    const after = new Map([
      [1, 160],
      [3, 40],
    ]);
    expect(ticksBetween(before, after)).toBe(100);
    expect(coresOf(150, 100, 2)).toBe(0.75);
    expect(coresOf(150, 100, 0)).toBeNull();
  });
});

describe('the table', () => {
  it('pads columns, lets a one-cell row run across, and trims trailing space', () => {
    expect(
      formatColumns([['a', 'bb', ''], ['section title longer than the columns'], ['ccc', 'd', 'e']]),
    ).toBe('a    bb\nsection title longer than the columns\nccc  d   e');
  });

  const cpu: CpuShares = { hub: 0.72, database: 0.15, load: 0.08, bench: 0, machine: 1.5 };
  const counts = (reportsPerSec: number, p95: number) => ({
    seconds: 20,
    requests: 100,
    reportsPerSec,
    updatesPerSec: reportsPerSec,
    refused: 0,
    failed: 0,
    latencyMs: { n: 100, p50: 80, p95, max: p95 + 50 },
  });
  const result: ServerBenchResult = {
    date: '2026-12-04T05:00:00.000Z',
    machine: { cores: 2, cpuModel: 'Xeon', node: 'v20.20.2', platform: 'linux x64', loadAverage: [1, 2, 3] },
    placement: ['the hub: a child process'],
    config: {},
    stores: ['pglite', 'postgres'],
    ingest: {
      pglite: { counts: counts(4910, 215), inFlight: 4, batch: [50, 200], cpu },
      postgres: { counts: counts(1800, 400), inFlight: 4, batch: [50, 200], cpu },
    },
    commands: {
      pglite: {
        ratePerSec: 20,
        sent: 400,
        ok: 400,
        failed: 0,
        roundTripMs: { n: 400, p50: 4.9, p95: 18.5, max: 179 },
        background: counts(500, 17),
        cpu,
      },
      postgres: {
        ratePerSec: 20,
        sent: 400,
        ok: 400,
        failed: 0,
        roundTripMs: { n: 400, p50: 8.6, p95: 61, max: 90 },
        background: counts(500, 62),
        cpu,
      },
    },
    restart: {
      pglite: {
        incidentsStored: 10_000,
        lamps: 50_000,
        fillS: 1,
        startHubMs: 921,
        healthMs: 932,
        readyMs: 1056,
        incidentsLoaded: 10_114,
        lampsLoaded: 50_000,
        snapshotMb: 6.44,
        process: { healthMs: 1613, readyMs: 1773 },
      },
    },
    fanout: null,
    fanoutTwoNodes: null,
  };

  it('puts both stores side by side with the targets, and says what was not run', () => {
    const table = formatServerTable(result);
    expect(table).toMatch(/^\s+embedded \(PGlite\)\s+PostgreSQL\s+target$/m);
    expect(table).toMatch(/reports\/s answered 202\s+4,910\s+1,800\s+>= 2,000 \(embedded\)/);
    expect(table).toMatch(/emit -> ack p50 \/ p95\s+4\.9 ms \/ 19 ms\s+8\.6 ms \/ 61 ms\s+p95 <= 50 ms/);
    expect(table).toMatch(/hub 72%, db 15%, load 8%, others 55%/);
    // what the hub gets done with the CPU it had, on a machine it shares
    expect(table).toMatch(/reports per hub CPU-second\s+6,819\s+2,500/);
    expect(table).toMatch(/startHub -> socket snapshot\s+1\.1 s\s+—\s+<= 10 s/);
    expect(table).toMatch(/5\. fan-out, two nodes\s+not run/);
    expect(table).toMatch(/4\. fan-out, one node\s+not run/);
    expect(table).toContain('PASS  durable ingest >= 2,000 reports/s, embedded store');
    expect(table).toContain('MISS  command round trip p95 <= 50 ms, PostgreSQL');
    expect(table).toContain('n/a   fan-out over two nodes (Redis multi-node)');
    expect(table).toMatch(
      /CONTENDED: other processes .* during ingest embedded \(PGlite\) \(55%\), ingest PostgreSQL \(55%\), commands/,
    );
  });

  it('says how much CPU the rest of the machine took, and when that was too much to read the hub', () => {
    expect(othersOf({ hub: 0.5, database: 0.1, load: 0.2, bench: 0.05, machine: 1.2 })).toBe(0.35);
    expect(othersOf({ hub: 0.9, load: 0.2, bench: 0, machine: 1 })).toBe(0);
    expect(othersOf({ hub: 0.9, load: 0.2, bench: 0, machine: null })).toBeNull();
    const quiet: CpuShares = { ...cpu, machine: 1.2 };
    const calm = {
      ...result,
      ingest: { pglite: { ...result.ingest.pglite!, cpu: quiet } },
      commands: {},
      stores: ['pglite' as const],
    };
    expect(contendedWindows(calm)).toEqual([]);
    expect(formatServerTable(calm)).not.toContain('CONTENDED');
  });

  it('judges the fan-out on rate, lag, and nothing lost', () => {
    const lag = { all: { n: 1000, p50: 10, p95: 40, max: 90 }, slowestClientP95: 50, missing: 0 };
    const fanout = {
      clients: 50,
      guests: 10,
      viewerProcesses: 2,
      lamps: 50_000,
      targetPerSec: 10_000,
      counts: { ...counts(20, 30), updatesPerSec: 9990 },
      hubEventsPerSec: 10_000,
      markers: 400,
      deliveredPerSec: { min: 10_000, max: 10_010 },
      lag,
      gaps: 0,
      disconnects: 0,
      cpu,
    };
    const verdict = (f: typeof fanout) =>
      serverVerdicts({ ...result, fanout: f }).find((v) => v.name.startsWith('fan-out: '))?.ok;
    expect(verdict(fanout)).toBe(true);
    expect(verdict({ ...fanout, lag: { ...lag, missing: 1 } })).toBe(false);
    expect(verdict({ ...fanout, lag: { ...lag, all: { ...lag.all, p95: 1200 } } })).toBe(false);
    expect(verdict({ ...fanout, counts: { ...fanout.counts, updatesPerSec: 9000 } })).toBe(false);
    // below the target's load it cannot say
    expect(verdict({ ...fanout, clients: 10 })).toBeNull();
    expect(verdict({ ...fanout, targetPerSec: 5000 })).toBeNull();
    expect(formatServerTable({ ...result, fanout })).toMatch(
      /envelopes\/s received per client, min - max\s+10,000 - 10,010/,
    );
  });

  it('gives the fan-out over two nodes: all clients and node 2 apart, the CPU of each node, PostgreSQL and Redis', () => {
    const lag = (p95: number) => ({
      all: { n: 1000, p50: 10, p95, max: p95 + 40 },
      slowestClientP95: p95 + 5,
      missing: 0,
    });
    const two: TwoNodeFanoutFigures = {
      clients: 50,
      guests: 10,
      viewerProcesses: 2,
      lamps: 50_000,
      targetPerSec: 10_000,
      counts: { ...counts(20, 30), updatesPerSec: 10_010 },
      hubEventsPerSec: 41,
      markers: 400,
      deliveredPerSec: { min: 40, max: 41 },
      lag: lag(30),
      gaps: 0,
      disconnects: 0,
      cpu: { hub: 0.3, database: 0.05, redis: 0.02, load: 0.1, bench: 0, machine: 0.6 },
      clientsPerNode: [25, 25],
      node2: { lag: lag(45), deliveredPerSec: { min: 40, max: 40 } },
      nodeCpu: [0.2, 0.1],
    };
    // Redis counts as the bench's, not as others
    expect(othersOf(two.cpu)).toBe(0.13);
    const table = formatServerTable({ ...result, fanoutTwoNodes: two });
    expect(table).toMatch(/5\. fan-out, two nodes .*25 on node 1, 25 on node 2; producer -> node 1 only/);
    expect(table).toMatch(/events\/s answered 202\s+10,010 \(log 41 envelopes\/s\)/);
    expect(table).toMatch(/envelopes\/s received per client, node 2\s+40 - 40/);
    expect(table).toMatch(/lag p50 \/ p95, all clients\s+10 ms \/ 30 ms\s+—\s+p95 <= 1 s/);
    expect(table).toMatch(/lag p50 \/ p95, node 2 \(cross-node\)\s+10 ms \/ 45 ms/);
    expect(table).toMatch(/CPU: node 1 \/ node 2 \/ PostgreSQL \/ Redis\s+20% \/ 10% \/ 5% \/ 2%/);
    expect(table).toContain(LAMP_ENVELOPES_NOTE);
    expect(table).toContain(
      'PASS  fan-out over two nodes: 50 clients (25 on node 2) held at 10,000 events/s with lag p95 <= 1 s',
    );
    expect(twoNodesOk(two)).toBe(true);
    // node 2's clients over the target fail it even when all clients together are within
    expect(twoNodesOk({ ...two, node2: { ...two.node2, lag: lag(1500) } })).toBe(false);
    expect(twoNodesOk({ ...two, disconnects: 1 })).toBe(false);
    expect(twoNodesOk({ ...two, clients: 10 })).toBeNull();
    expect(fanoutOk(two)).toBe(true);
  });
});
