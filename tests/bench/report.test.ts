import { describe, expect, it } from 'vitest';
import { figures, formatTable, verdicts, type Measurements } from './report';

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
};

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

  it('prints a table that names every figure', () => {
    const table = formatTable(figures(base));
    expect(table).toMatch(/sustained events\/s\s+4800/);
    expect(table).toMatch(/MISS\s+latency p95 < 250 ms/);
  });
});
