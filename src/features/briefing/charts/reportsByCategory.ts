import type { Lang } from '../../../shared/i18n/i18n';
import { rankedBarsOption } from './rankedBars';
import { formatKpiValue, texts, type ChartTheme } from './theme';
import type { BriefingChartOption } from './trendChart';

export interface ReportsChartInput {
  /** reports received by category, most first (the hub's summary; unknown categories as 'other') */
  rows: readonly { category: string; count: number }[];
  lang: Lang;
  theme: ChartTheme;
}

/** Citizen reports by category over the period: a bar per category, the most reported at the top. */
export function reportsByCategoryOption({ rows, lang, theme }: ReportsChartInput): BriefingChartOption {
  const names = texts(lang).category as Record<string, string>;
  return rankedBarsOption({
    labels: rows.map((r) => names[r.category] ?? names.other ?? r.category),
    data: rows.map((r) => ({ value: r.count, itemStyle: { color: theme.colors.accent } })),
    name: texts(lang).briefing.reports,
    format: (v) => formatKpiValue(v, 'count', lang),
    theme,
  });
}
