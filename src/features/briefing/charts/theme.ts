import type { KpiUnit } from '../../../shared/city/kpiCatalogue';
import { formatNumber } from '../../../shared/format';
import { en } from '../../../shared/i18n/en';
import type { Lang } from '../../../shared/i18n/i18n';
import { vi, type Messages } from '../../../shared/i18n/vi';

/** Colours of the wall's theme (theme.css): a canvas cannot read CSS variables. */
export const WALL_COLORS = {
  bg: '#070b14',
  panel: '#0e1626',
  line: '#1f2d47',
  text: '#e6edf7',
  muted: '#8da2c0',
  accent: '#38bdf8',
  ok: '#22c55e',
  warn: '#eab308',
  bad: '#ef4444',
  lampOn: '#fde68a',
} as const;

/**
 * What the briefing's charts take of the wall's theme: its colours, and the root font size in CSS
 * px (theme.css: 16 px on a 1920 wide screen, 32 px at 3840), which canvas text does not follow by
 * itself. Text is never under one rem: what the rest of the wall holds readable from 5 m.
 */
export interface ChartTheme {
  colors: typeof WALL_COLORS;
  rem: number;
}

export const chartTheme = (rem = 16): ChartTheme => ({ colors: WALL_COLORS, rem });

/** Text sizes in px: axis labels and tooltips at one rem, values drawn on bars a little larger. */
export const textSize = (theme: ChartTheme) => ({ axis: theme.rem, value: Math.round(theme.rem * 1.125) });

/** The page's texts in `lang`, read without i18next so that the builders stay pure functions. */
export const texts = (lang: Lang): Messages => (lang === 'vi' ? vi : en);

/** Decimals worth showing: shares and energy to a tenth, counts and billions whole. */
const DECIMALS: Record<KpiUnit, number> = {
  percent: 1,
  'growth-percent': 1,
  count: 0,
  'billion-vnd': 0,
  mwh: 1,
};

/** A value with its unit as a leader reads it: "95,2 %", "+7,2 %", "1.300 tỷ đồng", "9.000". */
export function formatKpiValue(value: number, unit: KpiUnit, lang: Lang): string {
  const sign = unit === 'growth-percent' && value > 0 ? '+' : '';
  const suffix = (texts(lang).briefing.unit as Partial<Record<KpiUnit, string>>)[unit];
  const n = sign + formatNumber(value, lang, DECIMALS[unit]);
  return suffix ? `${n} ${suffix}` : n;
}

/** The tooltip shared by the briefing's charts: the panel's colours, text at one rem. */
export function tooltip(theme: ChartTheme) {
  return {
    backgroundColor: theme.colors.panel,
    borderColor: theme.colors.line,
    textStyle: { color: theme.colors.text, fontSize: textSize(theme).axis },
  };
}

/** An axis's line, labels and grid in the wall's colours, labels at one rem. */
export function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.colors.line } },
    axisLabel: { color: theme.colors.muted, fontSize: textSize(theme).axis, hideOverlap: true },
    nameTextStyle: { color: theme.colors.muted, fontSize: textSize(theme).axis },
    splitLine: { lineStyle: { color: theme.colors.line } },
  };
}

const CITY_ZONE = 'Asia/Ho_Chi_Minh';
const bucketFormats = new Map<string, Intl.DateTimeFormat>();

/** A bucket's label in city time: "5/3" for a day, "thg 3 2026" / "Mar 2026" for a month. */
export function formatBucket(start: number, kind: 'day' | 'month', lang: Lang): string {
  const key = `${lang}|${kind}`;
  let f = bucketFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day' ? { day: 'numeric', month: 'numeric' } : { month: 'short', year: 'numeric' };
    f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { ...options, timeZone: CITY_ZONE });
    bucketFormats.set(key, f);
  }
  return f.format(start);
}

/** The plot's margins: room for a target label (`rightRem`) and for the labels above the bars. */
export const chartGrid = (theme: ChartTheme, rightRem = 1) => ({
  left: theme.rem,
  right: theme.rem * rightRem,
  top: theme.rem * 1.5,
  bottom: theme.rem / 2,
  containLabel: true,
});

/** An axis of named categories (days, months, wards) in the wall's style. */
export function categoryAxis(theme: ChartTheme, labels: readonly string[]) {
  return { type: 'category' as const, data: [...labels], ...axisStyle(theme), splitLine: { show: false } };
}

/** A value axis in the wall's style with its labels formatted as the chart's values. */
export function valueAxis(theme: ChartTheme, format: (v: number) => string) {
  const style = axisStyle(theme);
  return {
    type: 'value' as const,
    splitNumber: 4,
    ...style,
    axisLabel: { ...style.axisLabel, formatter: format },
  };
}

/** A dashed target line across a chart, with its name: `at` says on which axis it stands. */
export function targetLine(theme: ChartTheme, label: string, at: { xAxis: number } | { yAxis: number }) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'dashed' as const, color: theme.colors.text, width: 2 },
    label: { formatter: label, color: theme.colors.text, fontSize: textSize(theme).axis },
    data: [at],
  };
}

/** The bucket an axis tooltip is about (ECharts passes one parameter per series). */
export function hoveredIndex(params: unknown): number {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
  return first?.dataIndex ?? 0;
}

/** A bar's value written at its end, a little larger than the axes: the figure a leader reads. */
export function barValueLabel(
  theme: ChartTheme,
  position: 'right' | 'top',
  format: (v: number, dataIndex: number) => string,
) {
  return {
    show: true,
    position,
    color: theme.colors.text,
    fontSize: textSize(theme).value,
    formatter: (p: { value?: unknown; dataIndex?: number }) =>
      typeof p.value === 'number' ? format(p.value, p.dataIndex ?? 0) : '',
  };
}
