import type { BarSeriesOption } from 'echarts/charts';
import type { BriefingChartOption } from './trendChart';
import { axisStyle, textSize, tooltip, type ChartTheme } from './theme';

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
  const style = axisStyle(theme);
  const size = textSize(theme);
  return {
    animation: false,
    grid: {
      left: theme.rem,
      right: theme.rem * 4,
      top: theme.rem * 1.5,
      bottom: theme.rem / 2,
      containLabel: true,
    },
    tooltip: {
      ...tooltip(theme),
      trigger: 'item',
      valueFormatter: (v) => (typeof v === 'number' ? format(v) : '—'),
    },
    xAxis: {
      type: 'value',
      min: 0,
      splitNumber: 3,
      ...style,
      axisLabel: { ...style.axisLabel, formatter: format },
    },
    // ECharts draws a category axis bottom up: inverse puts the first label at the top.
    yAxis: { type: 'category', inverse: true, data: [...labels], ...style, splitLine: { show: false } },
    series: [
      {
        id: 'bars',
        name,
        type: 'bar',
        data,
        barMaxWidth: theme.rem * 1.5,
        label: {
          show: true,
          position: 'right',
          color: theme.colors.text,
          fontSize: size.value,
          formatter: (p) => (typeof p.value === 'number' ? format(p.value) : ''),
        },
        ...(target
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: theme.colors.text, width: 2 },
                label: { formatter: target.label, color: theme.colors.text, fontSize: size.axis },
                data: [{ xAxis: target.value }],
              },
            }
          : {}),
      },
    ],
  };
}
