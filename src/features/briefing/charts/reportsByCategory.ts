import { INCIDENT_CATEGORIES } from '../../../shared/protocol/codes';
import type { Incident } from '../../../shared/protocol/events';
import type { Lang } from '../../../shared/i18n/i18n';
import type { TimeRange } from '../periods';
import { rankedBarsOption } from './rankedBars';
import { formatKpiValue, texts, type ChartTheme } from './theme';
import type { BriefingChartOption } from './trendChart';

const KNOWN: ReadonlySet<string> = new Set(INCIDENT_CATEGORIES);

/**
 * Citizen reports received in a range by category, most first (ties by category). A category the
 * profile does not know counts under "other", as everywhere on the wall.
 */
export function reportsByCategory(
  incidents: readonly Incident[],
  range: TimeRange,
): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const inc of incidents) {
    const at = Date.parse(inc.reportedAt);
    if (at < range.from || at >= range.to) continue;
    const category = KNOWN.has(inc.category) ? inc.category : 'other';
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

export interface ReportsChartInput {
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
