import type { ChartTheme } from './theme';
import type { BriefingChartOption } from './trendChart';

export interface SparklineInput {
  /** [bucket start, value], oldest first (sparklinePoints) */
  points: readonly (readonly [number, number])[];
  /** the headline's verdict: the line turns red when the indicator is below target */
  belowTarget: boolean | null;
  theme: ChartTheme;
}

/**
 * A tile's sparkline: the shape of the recent trend and nothing else (no axes, labels or tooltip; the
 * tile prints the figures beside it), drawn edge to edge, thick enough to see from 5 m.
 */
export function sparklineOption({ points, belowTarget, theme }: SparklineInput): BriefingChartOption {
  const color = belowTarget ? theme.colors.bad : theme.colors.accent;
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 2, bottom: 2 },
    tooltip: { show: false },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        id: 'spark',
        type: 'line',
        silent: true,
        symbol: 'none',
        data: points.map(([t, v]) => [t, v]),
        lineStyle: { width: Math.max(2, theme.rem / 8), color },
        areaStyle: { color, opacity: 0.15 },
      },
    ],
  };
}
