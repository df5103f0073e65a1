import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { KpiDefinition } from '../../../shared/city/kpiCatalogue';
import type { Lang } from '../../../shared/i18n/i18n';
import { isBelowTarget, type TrendPoint } from '../figures';
import {
  categoryAxis,
  chartGrid,
  formatBucket,
  formatKpiValue,
  hoveredIndex,
  texts,
  tooltip,
  valueAxis,
  type ChartTheme,
} from './theme';

export type BriefingChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

/** The smallest 1, 2 or 5 times a power of ten at or above `v`: an axis end a reader takes in at once. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

/** The value axis's top: 100 for a share, else a round figure above the data and the target. */
export function axisTop(def: KpiDefinition, values: readonly (number | null)[], targets: readonly number[]) {
  if (def.unit === 'percent') return 100;
  let max = 0;
  for (const v of [...values, ...targets]) if (v !== null && v > max) max = v;
  return niceCeil(max * 1.15);
}

/**
 * The value axis's bottom: 0, or below it for a negative growth; a share starts at the round ten
 * below its lowest point and target, so that 86 % against 95 % is not a flat line at the top of 0-100.
 */
export function axisFloor(
  def: KpiDefinition,
  values: readonly (number | null)[],
  targets: readonly number[],
) {
  const known = [...values.filter((v): v is number => v !== null), ...targets];
  const low = known.length ? Math.min(...known) : 0;
  if (def.unit === 'percent') return Math.max(0, Math.floor((low - 5) / 10) * 10);
  return Math.min(0, low);
}

/** A bucket's bar or point: plainly red when it misses its target. */
export function markedValue(def: KpiDefinition, value: number | null, target: number, theme: ChartTheme) {
  if (value === null) return { value: null };
  const below = isBelowTarget(def, value, target);
  return { value, itemStyle: { color: below ? theme.colors.bad : theme.colors.accent } };
}

export interface TrendChartInput {
  def: KpiDefinition;
  /** one per day or month, oldest first (trendPoints) */
  points: readonly TrendPoint[];
  kind: 'day' | 'month';
  lang: Lang;
  theme: ChartTheme;
}

/**
 * An indicator's trend: its value per day or month, the target dashed, and the band on the good side
 * of the target shaded (above it when higher is better, below when lower is), so a point outside the
 * band is a bucket that missed. The band is two stacked series: additive targets differ from bucket
 * to bucket (months have 28 to 31 days), which a single mark area cannot follow.
 */
export function trendChartOption({ def, points, kind, lang, theme }: TrendChartInput): BriefingChartOption {
  const t = texts(lang).briefing;
  const values = points.map((p) => p.value);
  const targets = points.map((p) => p.target);
  const top = axisTop(def, values, targets);
  const floor = axisFloor(def, values, targets);
  const format = (v: number) => formatKpiValue(v, def.unit, lang);
  const hidden = { lineStyle: { opacity: 0 }, symbol: 'none', silent: true } as const;
  const band: LineSeriesOption[] = def.higherIsBetter
    ? [
        { id: 'band-base', type: 'line', stack: 'band', data: targets, ...hidden },
        {
          id: 'band',
          name: t.onTarget,
          type: 'line',
          stack: 'band',
          data: targets.map((v) => top - v),
          areaStyle: { color: theme.colors.ok, opacity: 0.12 },
          ...hidden,
        },
      ]
    : [
        {
          id: 'band',
          name: t.onTarget,
          type: 'line',
          data: targets,
          areaStyle: { color: theme.colors.ok, opacity: 0.12, origin: 'start' },
          ...hidden,
        },
      ];
  return {
    animation: false,
    grid: chartGrid(theme),
    tooltip: {
      ...tooltip(theme),
      trigger: 'axis',
      formatter: (params) => {
        const p = points[hoveredIndex(params)];
        if (!p) return '';
        const value = p.value === null ? t.noData : format(p.value);
        return `${formatBucket(p.start, kind, lang)}<br/>${t.value}: ${value}<br/>${t.target}: ${format(p.target)}`;
      },
    },
    xAxis: {
      ...categoryAxis(
        theme,
        points.map((p) => formatBucket(p.start, kind, lang)),
      ),
      boundaryGap: false,
    },
    yAxis: { ...valueAxis(theme, format), min: floor, max: top },
    series: [
      ...band,
      {
        id: 'target',
        name: t.target,
        type: 'line',
        data: targets,
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dashed', width: Math.max(2, theme.rem / 8), color: theme.colors.ok },
      },
      {
        id: 'value',
        name: t.value,
        type: 'line',
        data: points.map((p) => markedValue(def, p.value, p.target, theme)),
        symbolSize: theme.rem / 2,
        lineStyle: { width: Math.max(3, theme.rem / 5), color: theme.colors.accent },
        itemStyle: { color: theme.colors.accent },
      },
    ],
  };
}
