// The soak benchmark's figures, free of I/O: from the heap read after a forced GC at the start of the
// window and through it, the growth, its verdict and the table.

/** Issue 14: a wall's JS heap stays flat over a 1-hour soak: at most 5 % more at the end than at the start. */
export const SOAK_GROWTH_LIMIT = 0.05;

export interface HeapSample {
  /** seconds since the window began */
  atS: number;
  /** JSHeapUsedSize after HeapProfiler.collectGarbage, bytes */
  bytes: number;
}

export interface SoakFigures {
  minutes: number;
  startMiB: number;
  endMiB: number;
  /** the largest sample, MiB: a plateau or a saw-tooth, not only the end */
  peakMiB: number;
  /** (end - start) / start */
  growth: number;
  pass: boolean;
}

const MIB = 1024 * 1024;
const r1 = (n: number) => Math.round(n * 10) / 10;

export function soakFigures(samples: readonly HeapSample[], minutes: number): SoakFigures {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || first.bytes <= 0)
    throw new Error('a soak needs heap samples at its start and its end');
  const growth = (last.bytes - first.bytes) / first.bytes;
  return {
    minutes,
    startMiB: r1(first.bytes / MIB),
    endMiB: r1(last.bytes / MIB),
    peakMiB: r1(Math.max(...samples.map((s) => s.bytes)) / MIB),
    growth: Math.round(growth * 10_000) / 10_000,
    pass: growth <= SOAK_GROWTH_LIMIT,
  };
}

/** The table the scenario prints, like the others: measure, figure, target. */
export function soakTable(f: SoakFigures, extra: readonly [string, string][]): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  return [
    '| measure | figure | target |',
    '| --- | --- | --- |',
    `| JS heap after GC, start of the window (after warm-up) | ${f.startMiB} MiB | — |`,
    `| JS heap after GC, end (${f.minutes} min later) | ${f.endMiB} MiB (peak ${f.peakMiB} MiB) | — |`,
    `| growth | ${pct(f.growth)} | ≤ +${SOAK_GROWTH_LIMIT * 100} % ${f.pass ? '✓' : '✗'} |`,
    ...extra.map(([m, v]) => `| ${m} | ${v} | — |`),
  ].join('\n');
}
