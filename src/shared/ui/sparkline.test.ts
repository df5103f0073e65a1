import { describe, expect, it } from 'vitest';
import { sparklinePaths } from './sparkline';

describe('sparklinePaths', () => {
  it('scales the points into the box, the highest at the top, time by its own spacing', () => {
    const { line, area } = sparklinePaths(
      [
        [0, 10],
        [1, 20],
        [3, 15],
      ],
      100,
      40,
      0,
    );
    // x: 0, 1 and 3 of 3 → 0, 33.3 and 100; y: 10 at the bottom (40), 20 at the top (0)
    expect(line).toBe('M0,40L33.3,0L100,20');
    expect(area).toBe('M0,40L33.3,0L100,20L100,40L0,40Z');
  });

  it('keeps a flat or single point in the middle, and draws nothing for no points', () => {
    expect(sparklinePaths([[5, 7]], 100, 40).line).toBe('M50,20');
    expect(
      sparklinePaths(
        [
          [0, 7],
          [10, 7],
        ],
        100,
        40,
      ).line,
    ).toBe('M2,20L98,20');
    expect(sparklinePaths([], 100, 40)).toEqual({ line: '', area: '' });
  });
});
