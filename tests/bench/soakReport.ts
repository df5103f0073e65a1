// The soak benchmark's figures, free of I/O: from the heap read after a forced GC at the start of the
// window and through it, the growth, its verdict and the table.

/** Issue 14: a wall's JS heap stays flat over a 1-hour soak: at most 5 % more at the end than at the start. */
export const SOAK_GROWTH_LIMIT = 0.05;

export interface HeapSample {
  /** seconds since the window began */
  atS: number;
  /** JSHeapUsedSize after HeapProfiler.collectGarbage (the least of a few reads), bytes */
  bytes: number;
}

export interface SoakFigures {
  minutes: number;
  startMiB: number;
  endMiB: number;
  /** the largest sample, MiB: a plateau or a saw-tooth, not only the end */
  peakMiB: number;
  /** (last sample - first sample) / first sample */
  growth: number;
  /** the least-squares line through every sample, at the window's start and end, MiB */
  trendStartMiB: number;
  trendEndMiB: number;
  /** (trend end - trend start) / trend start: the verdict's figure */
  trendGrowth: number;
  pass: boolean;
}

const MIB = 1024 * 1024;
const r1 = (n: number) => Math.round(n * 10) / 10;
const r4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Ordinary least squares of bytes on time: a single sample's noise (about ±0.5 MiB) moves it little. */
function line(samples: readonly HeapSample[]): { at: (s: number) => number } {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.atS, 0) / n;
  const my = samples.reduce((a, s) => a + s.bytes, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.atS - mx) * (s.bytes - my);
    sxx += (s.atS - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { at: (t) => my + slope * (t - mx) };
}

export function soakFigures(samples: readonly HeapSample[], minutes: number): SoakFigures {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || first.bytes <= 0)
    throw new Error('a soak needs heap samples at its start and its end');
  const fit = line(samples);
  const trendStart = fit.at(first.atS);
  const trendEnd = fit.at(last.atS);
  const trendGrowth = (trendEnd - trendStart) / trendStart;
  return {
    minutes,
    startMiB: r1(first.bytes / MIB),
    endMiB: r1(last.bytes / MIB),
    peakMiB: r1(Math.max(...samples.map((s) => s.bytes)) / MIB),
    growth: r4((last.bytes - first.bytes) / first.bytes),
    trendStartMiB: r1(trendStart / MIB),
    trendEndMiB: r1(trendEnd / MIB),
    trendGrowth: r4(trendGrowth),
    pass: trendGrowth <= SOAK_GROWTH_LIMIT,
  };
}

/** The table the scenario prints, like the others: measure, figure, target. */
export function soakTable(f: SoakFigures, extra: readonly [string, string][]): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  return [
    '| measure | figure | target |',
    '| --- | --- | --- |',
    `| JS heap after GC, first sample (after warm-up) | ${f.startMiB} MiB | — |`,
    `| JS heap after GC, last sample (${f.minutes} min later) | ${f.endMiB} MiB (peak ${f.peakMiB} MiB) | — |`,
    `| growth, first sample to last | ${pct(f.growth)} | — |`,
    `| growth of the trend line through every sample | ${pct(f.trendGrowth)} (${f.trendStartMiB} → ${f.trendEndMiB} MiB) | ≤ +${SOAK_GROWTH_LIMIT * 100} % ${f.pass ? '✓' : '✗'} |`,
    ...extra.map(([m, v]) => `| ${m} | ${v} | — |`),
  ].join('\n');
}
