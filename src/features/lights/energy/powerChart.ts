import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatCityTime, formatNumber } from '../../../shared/format';
import type { Lang } from '../../../shared/i18n/i18n';
import { HUE, type Place } from '../../../shared/lights/sun';
import { DAY_SPAN_MS, nightsBetween } from '../../../shared/lights/daily';

export type PowerChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface PowerChartInput {
  /** city draw as (city time ms, watts) samples, oldest first: PowerSeries.points */
  points: readonly (readonly [number, number])[];
  /** city time ms: the right edge of the chart */
  now: number;
  /** every lamp's rating added up: what the city would draw with no dimming */
  ratedW: number;
  lang: Lang;
  /** series names, in the page's language (the tooltip shows them) */
  labels: { power: string; baseline: string };
  place?: Place;
  /** the wall's UI scale (useUiScale): the labels and lines grow with the screen like the rest of it */
  scale?: number;
}

/** Colours of the wall's theme (theme.css): canvas cannot read CSS variables. */
const COLOR = { power: '#fde68a', baseline: '#8da2c0', line: '#1f2d47', text: '#8da2c0' };

const kW = (watts: number) => watts / 1000;

/**
 * The dusk-to-dawn baseline as a step line in kW: the rating by night, 0 by day, from `from` to `to`.
 * Each point holds until the next (step 'end'), and the last one closes the line at `to`.
 */
function baselinePoints(ratedW: number, from: number, to: number, place: Place): [number, number][] {
  const out: [number, number][] = [];
  // A night starting at `from` replaces the day point there rather than stacking a second one on it.
  const put = (t: number, v: number) => {
    const prev = out[out.length - 1];
    if (prev && prev[0] === t) prev[1] = v;
    else out.push([t, v]);
  };
  put(from, 0);
  for (const [a, b] of nightsBetween(from, to, place)) {
    put(a, kW(ratedW));
    if (b < to) put(b, 0);
  }
  const end = out[out.length - 1]!;
  if (end[0] < to) out.push([to, end[1]]);
  return out;
}

/**
 * The power samples in kW, within the chart's span. The newest value holds until now (the series is
 * a step function), so the line is drawn on to the right edge instead of stopping at the last sample.
 */
function powerPoints(points: PowerChartInput['points'], from: number, now: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [t, w] of points) if (t >= from && t <= now) out.push([t, kW(w)]);
  const newest = out[out.length - 1];
  if (newest && newest[0] < now) out.push([now, newest[1]]);
  return out;
}

/**
 * ECharts option for "city lighting power, last 24 hours": the draw as a solid step line and the
 * dusk-to-dawn baseline dashed, both in kW, on a time axis labelled in city time. Pure, so that the
 * chart is tested without a canvas; EChart only hands it on.
 */
export function powerChartOption({
  points,
  now,
  ratedW,
  lang,
  labels,
  place = HUE,
  scale = 1,
}: PowerChartInput): PowerChartOption {
  const from = now - DAY_SPAN_MS;
  const px = (n: number) => Math.round(n * scale * 10) / 10;
  const kWText = (v: number) => `${formatNumber(v, lang, 1)} kW`;
  return {
    animation: false,
    grid: { left: px(8), right: px(12), top: px(22), bottom: px(4), containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? kWText(v) : '—'),
    },
    xAxis: {
      type: 'time',
      min: from,
      max: now,
      splitNumber: 4,
      axisLine: { lineStyle: { color: COLOR.line } },
      axisLabel: {
        color: COLOR.text,
        fontSize: px(12),
        hideOverlap: true,
        formatter: (v: number) => formatCityTime(v, lang),
      },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'kW',
      min: 0,
      splitNumber: 3,
      nameTextStyle: { color: COLOR.text, fontSize: px(12) },
      axisLabel: { color: COLOR.text, fontSize: px(12), formatter: (v: number) => formatNumber(v, lang) },
      splitLine: { lineStyle: { color: COLOR.line } },
    },
    series: [
      {
        id: 'baseline',
        name: labels.baseline,
        type: 'line',
        step: 'end',
        symbol: 'none',
        lineStyle: { type: 'dashed', width: px(1), color: COLOR.baseline },
        itemStyle: { color: COLOR.baseline },
        data: baselinePoints(ratedW, from, now, place),
      },
      {
        id: 'power',
        name: labels.power,
        type: 'line',
        step: 'end',
        symbol: 'none',
        lineStyle: { width: px(2), color: COLOR.power },
        itemStyle: { color: COLOR.power },
        areaStyle: { color: COLOR.power, opacity: 0.12 },
        data: powerPoints(points, from, now),
      },
    ],
  };
}
