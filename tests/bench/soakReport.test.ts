import { describe, expect, it } from 'vitest';
import { soakFigures, soakTable } from './soakReport';

const MIB = 1024 * 1024;

describe('soakFigures', () => {
  it('measures the growth from the first sample to the last, and keeps the peak', () => {
    const f = soakFigures(
      [
        { atS: 0, bytes: 40 * MIB },
        { atS: 60, bytes: 44 * MIB },
        { atS: 120, bytes: 41 * MIB },
      ],
      2,
    );
    expect(f).toEqual({ minutes: 2, startMiB: 40, endMiB: 41, peakMiB: 44, growth: 0.025, pass: true });
  });

  it('fails a heap that grew by more than 5 %', () => {
    const f = soakFigures(
      [
        { atS: 0, bytes: 40 * MIB },
        { atS: 60, bytes: 42.1 * MIB },
      ],
      1,
    );
    expect(f.pass).toBe(false);
    expect(soakTable(f, [['events applied', '1,000']])).toContain('| growth | +5.3 % | ≤ +5 % ✗ |');
  });

  it('needs a start and an end', () => {
    expect(() => soakFigures([], 1)).toThrow(/start and its end/);
  });
});
