import { describe, expect, it } from 'vitest';
import { incidentReportedSchema } from '../../src/shared/protocol/events';
import { HUE_WARDS } from '../../src/shared/city/wards';
import {
  backlogId,
  batches,
  consoleBacklog,
  consoleFigures,
  consoleVerdicts,
  formatConsoleTable,
  formatProfile,
  frameStats,
  profileCosts,
  deckFrameCpuMs,
  shortSource,
  splitScenario,
  wardPicker,
  type ConsoleMeasurements,
  type CpuProfile,
} from './consoleReport';
import { seededRandom } from './load';

describe('splitScenario', () => {
  it('runs the wall benchmark by default and leaves its options alone', () => {
    expect(splitScenario(['--rate', '200'])).toEqual({ scenario: 'wall', rest: ['--rate', '200'] });
  });

  it('takes the scenario out of the arguments, in both spellings', () => {
    expect(splitScenario(['--scenario', 'console', '--presses', '5'])).toEqual({
      scenario: 'console',
      rest: ['--presses', '5'],
    });
    expect(splitScenario(['--profile', '--scenario=console'])).toEqual({
      scenario: 'console',
      rest: ['--profile'],
    });
  });

  it('refuses an unknown or missing scenario', () => {
    expect(() => splitScenario(['--scenario', 'map'])).toThrow(/unknown --scenario map/);
    expect(() => splitScenario(['--scenario'])).toThrow(/needs a value/);
  });
});

describe('the backlog', () => {
  const now = Date.UTC(2026, 10, 23, 10);
  const backlog = consoleBacklog(seededRandom(7), HUE_WARDS, 400, now);

  it('is what the hub accepts at ingest, with real ward codes and unique ids', () => {
    const codes = new Set(HUE_WARDS.map((w) => w.code));
    for (const ev of backlog) {
      expect(incidentReportedSchema.safeParse(ev.data).success).toBe(true);
      expect(codes.has(ev.data.ward!)).toBe(true);
    }
    expect(new Set(backlog.map((e) => e.data.id)).size).toBe(400);
    expect(backlog[0]!.data.id).toBe(backlogId(1));
  });

  it('places each report near its ward point and within the last 30 days', () => {
    const byCode = new Map(HUE_WARDS.map((w) => [w.code, w]));
    for (const { data } of backlog) {
      const [lon, lat] = byCode.get(data.ward!)!.point;
      expect(Math.abs(data.location.lon - lon)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(data.location.lat - lat)).toBeLessThanOrEqual(0.005);
      const t = Date.parse(data.reportedAt!);
      expect(t).toBeLessThanOrEqual(now);
      expect(t).toBeGreaterThanOrEqual(now - 30 * 86_400_000);
    }
  });

  it('varies what the console filters by', () => {
    const distinct = (f: (d: (typeof backlog)[number]['data']) => string | undefined) =>
      new Set(backlog.map((e) => f(e.data))).size;
    expect(distinct((d) => d.category)).toBeGreaterThanOrEqual(10);
    expect(distinct((d) => d.severity)).toBe(4);
    expect(distinct((d) => d.source)).toBe(5);
    expect(distinct((d) => d.ward)).toBeGreaterThanOrEqual(10);
    expect(backlog.some((e) => /[ăâđêôơưạảãáàệổ]/.test(e.data.title))).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(consoleBacklog(seededRandom(7), HUE_WARDS, 400, now)).toEqual(backlog);
  });
});

describe('wardPicker', () => {
  it('picks by population', () => {
    const pick = wardPicker([
      { code: '1', name: 'big', population: 900, point: [0, 0] },
      { code: '2', name: 'small', population: 100, point: [0, 0] },
    ]);
    const random = seededRandom(3);
    let big = 0;
    for (let i = 0; i < 2000; i++) if (pick(random).code === '1') big++;
    expect(big / 2000).toBeGreaterThan(0.85);
    expect(big / 2000).toBeLessThan(0.95);
  });
});

describe('batches', () => {
  it('splits without losing or repeating items', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => batches([1], 0)).toThrow();
  });
});

describe('frameStats', () => {
  it('turns rAF timestamps into frame times', () => {
    // nine 16 ms frames and one 80 ms frame
    const ts = [0];
    for (let i = 0; i < 9; i++) ts.push(ts[ts.length - 1]! + 16);
    ts.push(ts[ts.length - 1]! + 80);
    const s = frameStats(ts);
    expect(s.frames).toBe(10);
    expect(s.p50Ms).toBe(16);
    expect(s.maxMs).toBe(80);
    expect(s.over50Share).toBe(0.1);
  });

  it('has no figures without two frames', () => {
    expect(frameStats([5])).toEqual({ frames: 0, p50Ms: null, p95Ms: null, maxMs: null, over50Share: null });
  });
});

function measurements(over: Partial<ConsoleMeasurements> = {}): ConsoleMeasurements {
  return {
    renderer: 'llvmpipe',
    glBackend: 'llvmpipe',
    chromium: '156',
    incidentsIngested: 10_000,
    rowsAll: 10_050,
    firstFullListMs: 2345.6,
    queries: [
      { query: 'a', rows: 10, ms: 50 },
      { query: 'b', rows: 20, ms: 150 },
    ],
    keystrokeMs: [10, 20, 30],
    selects: [
      { select: 'status', value: '', rows: 10_050, ms: 40 },
      { select: 'sort', value: 'oldest', rows: 10_050, ms: 90 },
    ],
    scroll: { frameTimestamps: [0, 16, 32, 48], maxDomRows: 34, reachedBottom: true, stepPx: 870 },
    keyboard: { presses: 4, moved: 4, totalMs: 200, perPressMs: [10, 20, 30, 40] },
    live: {
      ratePerSec: 20,
      seconds: 20,
      sent: 400,
      accepted: 400,
      windowS: 20,
      taskDurationS: 8,
      heapBytesBefore: 20 * 1024 * 1024,
      heapBytesAfter: 22 * 1024 * 1024,
      rowsBefore: 10_050,
      rowsAfter: 10_450,
      newestShown: true,
      hubEvents: 600,
      frameTimestamps: [0, 16, 32],
    },
    idle: { windowS: 10, taskDurationS: 1, hubEvents: 30 },
    offsiteRequests: 0,
    pageErrors: 0,
    ...over,
  };
}

describe('consoleFigures and verdicts', () => {
  it('computes the figures the targets are judged on', () => {
    const f = consoleFigures(measurements(), new Date(0));
    expect(f.firstFullListMs).toBe(2346);
    expect(f.filter.p50Ms).toBe(100);
    expect(f.filter.p95Ms).toBe(145);
    expect(f.keyboard.msPerSelectionChange).toBe(50);
    expect(f.live.mainThreadBusy).toBe(0.4);
    expect(f.live.hubEventsPerSec).toBe(30);
    expect(f.live.heapMbAfter).toBe(22);
    expect(f.idle).toEqual({ mainThreadBusy: 0.1, hubEventsPerSec: 3 });
    expect(consoleVerdicts(f).every((v) => v.ok)).toBe(true);
  });

  it('misses a target that is missed, and says so in the table', () => {
    const f = consoleFigures(
      measurements({
        queries: [{ query: 'slow', rows: 1, ms: 250 }],
        live: { ...measurements().live, taskDurationS: 12 },
      }),
    );
    const missed = consoleVerdicts(f)
      .filter((v) => !v.ok)
      .map((v) => v.name);
    expect(missed).toEqual(['filter p95 < 200 ms', 'main thread < 50% busy (live updates)']);
    const table = formatConsoleTable(f);
    expect(table).toMatch(/MISS\s+filter p95 < 200 ms/);
    expect(table).toMatch(/PASS\s+scroll p95 frame < 50 ms/);
    expect(table).toContain('60.0% busy');
  });

  it('judges the status and sort selects on their own', () => {
    const f = consoleFigures(
      measurements({
        selects: [
          { select: 'status', value: 'resolved', rows: 2, ms: 320 },
          { select: 'sort', value: 'oldest', rows: 10_050, ms: 20 },
        ],
      }),
    );
    const missed = consoleVerdicts(f).filter((v) => !v.ok);
    expect(missed.map((v) => v.name)).toEqual(['status & sort selects p95 < 200 ms']);
  });

  it('does not pass a scroll that rendered no rows', () => {
    const f = consoleFigures(measurements({ scroll: { ...measurements().scroll, maxDomRows: 0 } }));
    expect(consoleVerdicts(f).find((v) => v.name.startsWith('scroll keeps'))!.ok).toBe(false);
  });
});

describe('CPU profiles', () => {
  // root → main → (filter → fold), and main → render; idle beside them
  const frame = (functionName: string, url = '', lineNumber = 0, columnNumber = 0) => ({
    functionName,
    url,
    lineNumber,
    columnNumber,
  });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5] },
      { id: 2, callFrame: frame('main', 'http://x/assets/index.js', 0, 10), children: [3, 6] },
      { id: 3, callFrame: frame('filter', 'http://x/assets/index.js', 0, 20), children: [4] },
      { id: 4, callFrame: frame('fold', 'http://x/assets/index.js', 0, 30) },
      { id: 5, callFrame: frame('(idle)') },
      { id: 6, callFrame: frame('render', 'http://x/assets/index.js', 0, 40) },
    ],
    samples: [4, 4, 3, 6, 5, 5],
    timeDeltas: [1000, 1000, 1000, 1000, 4000, 4000],
  };

  it('splits self and total time, leaving idle out of busy', () => {
    const { busyMs, costs } = profileCosts(profile);
    expect(busyMs).toBe(4);
    const by = (name: string) => costs.find((c) => c.functionName === name)!;
    expect(by('fold')).toMatchObject({ selfMs: 2, totalMs: 2 });
    expect(by('filter')).toMatchObject({ selfMs: 1, totalMs: 3 });
    expect(by('main')).toMatchObject({ selfMs: 0, totalMs: 4 });
    expect(by('(idle)').selfMs).toBe(8);
  });

  it('names sources through the map and lists app functions by total time', () => {
    const sources: Record<number, string> = {
      10: '../../src/main.tsx',
      20: '../../src/features/incidents/filters.ts',
      30: '../../src/features/incidents/filters.ts',
      40: '../../node_modules/react-dom/cjs/react-dom.production.js',
    };
    const text = formatProfile(profile, (_url, _line, col) => ({
      source: sources[col]!,
      line: col,
      name: null,
    }));
    const [head, ...rest] = text.split('\n');
    expect(head).toContain('busy 4 ms');
    expect(rest[0]).toMatch(/2 ms\s+50\.0%\s+fold src\/features\/incidents\/filters\.ts:30/);
    const appPart = text.split('app functions by total time (self + callees):\n')[1]!.split('\n');
    expect(appPart[0]).toMatch(/4 ms .* main src\/main\.tsx:10/);
    expect(appPart[1]).toMatch(/3 ms .* filter src\/features\/incidents\/filters\.ts:20/);
    expect(appPart.some((l) => l.includes('react-dom'))).toBe(false);
  });

  it("counts the CPU in deck.gl's frame function, found through the source map", () => {
    // 'render' stands for a minified name that the map calls deck.gl's _onRenderFrame.
    const locate = (_url: string, _line: number, col: number) =>
      col === 40
        ? { source: '../../node_modules/@deck.gl/core/dist/lib/deck.js', line: 712, name: '_onRenderFrame' }
        : { source: '../../src/main.tsx', line: col, name: null };
    expect(deckFrameCpuMs(profile, locate)).toBe(1);
    // Another package's _onRenderFrame is not deck.gl's.
    const elsewhere = (_url: string, _line: number, col: number) =>
      col === 40 ? { source: '../../node_modules/other/x.js', line: 1, name: '_onRenderFrame' } : null;
    expect(deckFrameCpuMs(profile, elsewhere)).toBe(0);
  });

  it('shortens source paths to what a reader recognises', () => {
    expect(shortSource('../../node_modules/react-dom/x.js')).toBe('node_modules/react-dom/x.js');
    expect(shortSource('../../src/app/App.tsx')).toBe('src/app/App.tsx');
    expect(shortSource('vite/preload-helper')).toBe('vite/preload-helper');
  });
});
