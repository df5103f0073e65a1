import { kpiDefinition } from '../../../shared/city/kpiCatalogue';
import type { Lang } from '../../../shared/i18n/i18n';
import type { TrendPoint } from '../figures';
import {
  barValueLabel,
  categoryAxis,
  chartGrid,
  formatBucket,
  formatKpiValue,
  texts,
  tooltip,
  valueAxis,
  type ChartTheme,
} from './theme';
import { axisTop, markedValue, type BriefingChartOption } from './trendChart';

const ENERGY_SAVED = kpiDefinition('lighting-energy-saved')!;

export interface EnergySavedInput {
  /** lighting-energy-saved by month, oldest first (trendPoints at 'month') */
  points: readonly TrendPoint[];
  lang: Lang;
  theme: ChartTheme;
}

/** A year of months is too many three-digit labels for the chart's width ("108112104…" ran together). */
const LABEL_EVERY_MONTH_UP_TO = 6;

/**
 * Whether month `i` of `n` has its value on its bar: every month of a short range; of a longer one,
 * every other month counted back from the latest, so the month running is always labelled.
 */
export function labelledMonth(i: number, n: number): boolean {
  return n <= LABEL_EVERY_MONTH_UP_TO || (n - 1 - i) % 2 === 0;
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
  return {
    animation: false,
    grid: { ...chartGrid(theme), top: theme.rem * 2 },
    tooltip: {
      ...tooltip(theme),
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? mwh(v) : t.noData),
    },
    xAxis: categoryAxis(
      theme,
      points.map((p) => formatBucket(p.start, 'month', lang)),
    ),
    yAxis: {
      ...valueAxis(theme, (v) => formatKpiValue(v, 'count', lang)),
      min: 0,
      max: axisTop(ENERGY_SAVED, values, targets),
      name: t.unit.mwh,
    },
    series: [
      {
        id: 'saved',
        name: ENERGY_SAVED.name[lang],
        type: 'bar',
        barMaxWidth: theme.rem * 2.5,
        data: points.map((p) => markedValue(ENERGY_SAVED, p.value, p.target, theme)),
        label: barValueLabel(theme, 'top', (v, i) =>
          labelledMonth(i, points.length) ? formatKpiValue(v, 'count', lang) : '',
        ),
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
