import type { BarSeriesOption } from 'echarts/charts';
import type { BriefingChartOption } from './trendChart';
import {
  barValueLabel,
  categoryAxis,
  chartGrid,
  targetLine,
  tooltip,
  valueAxis,
  type ChartTheme,
} from './theme';

export interface RankedBarsInput {
  /** one per bar, in the order read from the top */
  labels: readonly string[];
  data: BarSeriesOption['data'];
  name: string;
  format: (v: number) => string;
  theme: ChartTheme;
  /** a dashed line across the bars, with its label */
  target?: { value: number; label: string };
}

/**
 * Horizontal bars read top down, each with its value at its end: the shape of a ranking (wards,
 * report categories), where the names are long and the order is what a leader reads first.
 */
export function rankedBarsOption({
  labels,
  data,
  name,
  format,
  theme,
  target,
}: RankedBarsInput): BriefingChartOption {
  return {
    animation: false,
    grid: chartGrid(theme, 4),
    tooltip: {
      ...tooltip(theme),
      trigger: 'item',
      valueFormatter: (v) => (typeof v === 'number' ? format(v) : '—'),
    },
    xAxis: { ...valueAxis(theme, format), min: 0, splitNumber: 3 },
    // ECharts draws a category axis bottom up: inverse puts the first label at the top.
    yAxis: { ...categoryAxis(theme, labels), inverse: true },
    series: [
      {
        id: 'bars',
        name,
        type: 'bar',
        data,
        barMaxWidth: theme.rem * 1.5,
        label: barValueLabel(theme, 'right', format),
        ...(target ? { markLine: targetLine(theme, target.label, { xAxis: target.value }) } : {}),
      },
    ],
  };
}
