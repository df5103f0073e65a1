import { describe, expect, it } from 'vitest';
import { seriesById } from './optionProbe';
import { sparklineOption } from './sparkline';
import { chartTheme, WALL_COLORS } from './theme';

describe('sparklineOption', () => {
  const points: [number, number][] = [
    [1, 10],
    [2, 12],
    [3, 9],
  ];

  it('draws the points alone: no axis, label or tooltip', () => {
    const option = sparklineOption({ points, belowTarget: false, theme: chartTheme(16) });
    expect(seriesById(option, 'spark').data).toEqual(points);
    expect(option.xAxis).toMatchObject({ show: false });
    expect(option.yAxis).toMatchObject({ show: false });
    expect(option.tooltip).toEqual({ show: false });
  });

  it('turns red below target and thickens with the wall', () => {
    const below = sparklineOption({ points, belowTarget: true, theme: chartTheme(32) });
    const spark = seriesById(below, 'spark') as { lineStyle: { color: string; width: number } };
    expect(spark.lineStyle.color).toBe(WALL_COLORS.bad);
    expect(spark.lineStyle.width).toBe(4);
    const fine = sparklineOption({ points, belowTarget: null, theme: chartTheme(16) });
    expect((seriesById(fine, 'spark') as { lineStyle: { color: string } }).lineStyle.color).toBe(
      WALL_COLORS.accent,
    );
  });
});
