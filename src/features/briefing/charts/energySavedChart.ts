import { kpiDefinition } from '../../../shared/city/kpiCatalogue';
import type { Lang } from '../../../shared/i18n/i18n';
import type { TrendPoint } from '../figures';
import { axisStyle, formatBucket, formatKpiValue, texts, textSize, tooltip, type ChartTheme } from './theme';
import { axisTop, markedValue, type BriefingChartOption } from './trendChart';

const ENERGY_SAVED = kpiDefinition('lighting-energy-saved')!;

export interface EnergySavedInput {
  /** lighting-energy-saved by month, oldest first (trendPoints at 'month') */
  points: readonly TrendPoint[];
  lang: Lang;
  theme: ChartTheme;
}

/**
 * Street-lighting energy saved by month: a bar per month in MWh with its value on top, red when the
 * month fell short of its target, the target as a dashed step (the month still running is held to
 * the part of its target it has had time for).
 */
export function energySavedOption({ points, lang, theme }: EnergySavedInput): BriefingChartOption {
  const t = texts(lang).briefing;
  const mwh = (v: number) => formatKpiValue(v, 'mwh', lang);
  const values = points.map((p) => p.value);
  const targets = points.map((p) => p.target);
  const style = axisStyle(theme);
  return {
    animation: false,
    grid: {
      left: theme.rem,
      right: theme.rem,
      top: theme.rem * 2,
      bottom: theme.rem / 2,
      containLabel: true,
    },
    tooltip: {
      ...tooltip(theme),
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? mwh(v) : t.noData),
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => formatBucket(p.start, 'month', lang)),
      ...style,
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: axisTop(ENERGY_SAVED, values, targets),
      splitNumber: 4,
      ...style,
      axisLabel: { ...style.axisLabel, formatter: (v: number) => formatKpiValue(v, 'count', lang) },
      name: t.unit.mwh,
    },
    series: [
      {
        id: 'saved',
        name: ENERGY_SAVED.name[lang],
        type: 'bar',
        barMaxWidth: theme.rem * 2.5,
        data: points.map((p) => markedValue(ENERGY_SAVED, p.value, p.target, theme)),
        label: {
          show: true,
          position: 'top',
          color: theme.colors.text,
          fontSize: textSize(theme).value,
          formatter: (p) => (typeof p.value === 'number' ? formatKpiValue(p.value, 'count', lang) : ''),
        },
      },
      {
        id: 'target',
        name: t.target,
        type: 'line',
        step: 'middle',
        symbol: 'none',
        silent: true,
        data: targets,
        lineStyle: { type: 'dashed', width: 2, color: theme.colors.text },
      },
    ],
  };
}
