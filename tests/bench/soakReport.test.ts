import { describe, expect, it } from 'vitest';
import { soakFigures, soakTable } from './soakReport';

const MIB = 1024 * 1024;
const minuteSamples = (mib: number[]) => mib.map((m, i) => ({ atS: i * 60, bytes: m * MIB }));

describe('soakFigures', () => {
  it('measures the growth from the first sample to the last, and keeps the peak', () => {
    const f = soakFigures(minuteSamples([40, 44, 41]), 2);
    expect(f).toMatchObject({ minutes: 2, startMiB: 40, endMiB: 41, peakMiB: 44, growth: 0.025 });
  });

  it('judges the trend line, so one low first sample or one spike does not decide', () => {
    // Flat at 22 MiB but for a low first read and a transient spike: first to last says +10 %.
    const f = soakFigures(minuteSamples([20, 22, 22, 23.5, 22, 22, 22, 22, 22, 22, 22]), 10);
    expect(f.growth).toBeCloseTo(0.1, 3);
    expect(f.trendGrowth).toBeLessThan(0.05);
    expect(f.pass).toBe(true);
  });

  it('fails a heap that keeps growing, even when its last sample dips', () => {
    // +0.25 MiB a minute from 40 MiB, the last read 1 MiB low: first to last +4.4 %, the trend +6 %.
    const mib = Array.from({ length: 11 }, (_, i) => 40 + i * 0.25);
    mib[10] = mib[10]! - 0.75;
    const f = soakFigures(minuteSamples(mib), 10);
    expect(f.growth).toBeLessThan(0.05);
    expect(f.trendGrowth).toBeGreaterThan(0.05);
    expect(f.pass).toBe(false);
    expect(soakTable(f, [['events applied', '1,000']])).toMatch(
      /\| growth of the trend line through every sample \| \+\d\.\d % \(\d+(\.\d)? → \d+(\.\d)? MiB\) \| ≤ \+5 % ✗ \|/,
    );
  });

  it('needs a start and an end', () => {
    expect(() => soakFigures([], 1)).toThrow(/start and its end/);
  });
});
