import { describe, expect, it } from 'vitest';
import {
  distinctMapWindows,
  figures,
  formatTable,
  verdicts,
  type MapMetricsSample,
  type Measurements,
} from './report';

const base: Measurements = {
  renderer: 'llvmpipe',
  glBackend: 'llvmpipe',
  chromium: '156',
  lamps: 20_000,
  targetEventsPerSec: 5000,
  windowS: 10,
  ingestAccepted: 50_000,
  ingestRefused: 0,
  ingestFailures: 0,
  hubEvents: 50_400,
  pageApplied: 48_000,
  taskDurationS: 3,
  frames: 300,
  latenciesMs: [100, 120, 140, 160, 300],
  incidentsSent: 5,
  heapBytesBefore: 50 * 1024 * 1024,
  heapBytesAfter: 55 * 1024 * 1024,
  offsiteRequests: 0,
  pageErrors: 0,
  mapMetrics: [],
};

const sample = (cpuTimePerFrame: number, updateAttributesTime: number, framesRedrawn: number, fps = 20) => ({
  cpuTimePerFrame,
  updateAttributesTime,
  fps,
  framesRedrawn,
});

describe('figures', () => {
  it('turns deltas over the window into rates and shares', () => {
    const f = figures(base, new Date(0));
    expect(f.ingestAcceptedPerSec).toBe(5000);
    expect(f.pageAppliedPerSec).toBe(4800);
    // sustained is what both the hub and the page kept up with
    expect(f.sustainedEventsPerSec).toBe(4800);
    expect(f.mainThreadBusy).toBe(0.3);
    expect(f.fps).toBe(30);
    expect(f.latencyMsP50).toBe(140);
    expect(f.latencyMsP95).toBe(272);
    expect(f.heapMbBefore).toBe(50);
    expect(f.heapMbAfter).toBe(55);
  });

  it('says how long the replay log reaches back and what a lamp update costs on the wire', () => {
    const f = figures(
      {
        ...base,
        logSize: 100_000,
        pageEvents: 1000,
        wire: { bytes: 1_200_000, messages: 200, events: 400, lampUpdates: 48_000 },
      },
      new Date(0),
    );
    // 50,400 events into the log in 10 s: 5,040 a second, so 100,000 of them are 19.8 s of stream
    expect(f.logReachS).toBe(19.8);
    expect(f.pageEventsPerSec).toBe(100);
    expect(f.wireLampUpdatesPerSec).toBe(4800);
    expect(f.wireBytesPerSec).toBe(120_000);
    expect(f.wireBytesPerLampUpdate).toBe(25);
    const table = formatTable(f);
    expect(table).toMatch(/replay log reach\s+19\.8 s/);
    expect(table).toMatch(/wire bytes per lamp update\s+25 B \(117 KiB\/s\)/);
  });

  it('leaves the log and wire figures out when they were not measured', () => {
    const f = figures({ ...base, wire: { bytes: 500, messages: 1, events: 1, lampUpdates: 0 } });
    expect(f.logReachS).toBeNull();
    expect(f.wireBytesPerLampUpdate).toBeNull();
  });

  it('keeps JSON honest when nothing was measured', () => {
    const f = figures({ ...base, latenciesMs: [] });
    expect(f.latencyMsP95).toBeNull();
    expect(JSON.parse(JSON.stringify(f)).latencyMsP50).toBeNull();
  });
});

describe('verdicts', () => {
  it('checks the issue targets', () => {
    const byName = Object.fromEntries(verdicts(figures(base)).map((v) => [v.name, v.ok]));
    expect(byName['main thread < 50% busy']).toBe(true);
    expect(byName['latency p95 < 250 ms']).toBe(false);
    expect(byName['sustained >= 95% of target']).toBe(true);
  });

  it('holds the heap to 10% growth over a window of a minute, and judges no shorter one', () => {
    const MB = 1024 * 1024;
    const heap = (after: number, windowS = 60) =>
      Object.fromEntries(
        verdicts(figures({ ...base, windowS, heapBytesBefore: 20 * MB, heapBytesAfter: after * MB })).map(
          (v) => [v.name, v.ok],
        ),
      )['JS heap within 10% after a minute'];
    expect(heap(22)).toBe(true);
    expect(heap(22.1)).toBe(false);
    expect(heap(30, 10)).toBeNull();
    const f = figures({ ...base, windowS: 60, heapBytesSeries: [20 * MB, 21 * MB, 20.5 * MB] });
    expect(f.heapMbSeries).toEqual([20, 21, 20.5]);
    expect(formatTable(f)).toMatch(/after GC along the way\s+20, 21, 20\.5 MB/);
    expect(formatTable(f)).toMatch(/JS heap before -> after\s+50 -> 55 MB \(\+10\.0%\)/);
  });

  it('judges no latency when no incident was sent', () => {
    const byName = Object.fromEntries(
      verdicts(figures({ ...base, incidentsSent: 0, latenciesMs: [] })).map((v) => [v.name, v.ok]),
    );
    expect(byName['latency p95 < 250 ms']).toBeNull();
    expect(byName['every incident shown']).toBeNull();
  });

  it('prints a table that names every figure', () => {
    const table = formatTable(figures(base));
    expect(table).toMatch(/sustained updates\/s\s+4800/);
    expect(table).toMatch(/MISS\s+latency p95 < 250 ms/);
    expect(table).toMatch(/hub \+ simulator \+ load CPU\s+n\/a/);
  });

  it("gives the hub's process CPU as cores over the window", () => {
    const f = figures({ ...base, windowS: 60, hubProcessCpuS: 27 });
    expect(f.hubProcessCores).toBe(0.45);
    expect(formatTable(f)).toMatch(/hub \+ simulator \+ load CPU\s+45% of a core/);
  });
});

describe('distinctMapWindows', () => {
  it('keeps each deck.gl window once, and drops the report made before any frame', () => {
    const a = sample(4, 30, 60);
    const b = sample(6, 90, 30);
    const first: MapMetricsSample = { cpuTimePerFrame: 0, updateAttributesTime: 0, fps: 0, framesRedrawn: 0 };
    expect(distinctMapWindows([null, first, first, a, { ...a }, a, b, b])).toEqual([a, b]);
  });

  it('keeps a window that comes back after another one', () => {
    const a = sample(4, 30, 60);
    const b = sample(6, 90, 30);
    expect(distinctMapWindows([a, b, a])).toEqual([a, b, a]);
  });
});

describe('map figures', () => {
  it('averages deck.gl windows: CPU per frame, attribute updates per window and per frame', () => {
    const f = figures({
      ...base,
      mapMetrics: [sample(4, 30, 60, 20), sample(4, 30, 60, 20), sample(8, 90, 30, 10)],
    });
    expect(f.mapMetricWindows).toBe(2);
    expect(f.mapCpuMsPerFrame).toBe(6);
    expect(f.mapUpdateAttributesMs).toBe(60);
    // 120 ms over 90 redrawn frames, not the mean of 0.5 and 3
    expect(f.mapUpdateAttributesMsPerFrame).toBe(1.333);
    expect(f.mapFps).toBe(15);
  });

  it('says n/a, not 0, when the map reported nothing', () => {
    const f = figures({ ...base, mapMetrics: [null, null] });
    expect(f.mapCpuMsPerFrame).toBeNull();
    expect(f.mapUpdateAttributesMsPerFrame).toBeNull();
    expect(f.mapMetricWindows).toBe(0);
    const byName = Object.fromEntries(verdicts(f).map((v) => [v.name, v.ok]));
    expect(byName['map CPU per frame < 10 ms']).toBeNull();
    expect(formatTable(f)).toMatch(/map CPU per frame \(deck\.gl\)\s+n\/a \(0 windows\)/);
    expect(formatTable(f)).toMatch(/n\/a\s+map CPU per frame < 10 ms/);
  });

  it('passes the 10 ms target below it and misses it above', () => {
    const under = figures({ ...base, mapMetrics: [sample(9.9, 10, 60)] });
    const over = figures({ ...base, mapMetrics: [sample(10.1, 10, 60)] });
    expect(formatTable(under)).toMatch(/PASS\s+map CPU per frame < 10 ms/);
    expect(formatTable(over)).toMatch(/MISS\s+map CPU per frame < 10 ms/);
    expect(formatTable(under)).toMatch(/map attribute updates\s+10 ms per window, 0\.167 ms per frame/);
  });
});
