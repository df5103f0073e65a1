import type { Lang } from '../../../shared/i18n/i18n';
import {
  categoryAxis,
  chartGrid,
  formatBucket,
  formatKpiValue,
  hoveredIndex,
  targetLine,
  texts,
  tooltip,
  valueAxis,
  type ChartTheme,
} from './theme';
import type { BriefingChartOption } from './trendChart';

export interface SlaBucket {
  start: number;
  resolved: number;
  onTime: number;
  /** onTime / resolved; null when nothing was resolved in the bucket */
  rate: number | null;
}

/**
 * SLA compliance per city day or month, from the hub's report summary (GET /api/reports/summary,
 * counted by the incidents' own rule: of those resolved in the bucket, the share by their deadline).
 */
export function slaBuckets(
  counts: readonly { start: number; resolved: number; onTime: number }[],
): SlaBucket[] {
  return counts.map((b) => ({
    start: b.start,
    resolved: b.resolved,
    onTime: b.onTime,
    rate: b.resolved === 0 ? null : b.onTime / b.resolved,
  }));
}

export interface SlaChartInput {
  buckets: readonly SlaBucket[];
  kind: 'day' | 'month';
  /** the share to reach, in percent (the city's target for reports answered in time) */
  target: number;
  lang: Lang;
  theme: ChartTheme;
}

/** SLA compliance over the period: a bar per day or month in percent, red under the target line. */
export function slaChartOption({ buckets, kind, target, lang, theme }: SlaChartInput): BriefingChartOption {
  const t = texts(lang).briefing;
  const percent = (v: number) => formatKpiValue(v, 'percent', lang);
  return {
    animation: false,
    grid: chartGrid(theme, 4),
    tooltip: {
      ...tooltip(theme),
      trigger: 'axis',
      formatter: (params) => {
        const b = buckets[hoveredIndex(params)];
        if (!b) return '';
        const rate = b.rate === null ? t.noData : percent(b.rate * 100);
        return `${formatBucket(b.start, kind, lang)}<br/>${t.sla}: ${rate}<br/>${t.slaOnTime}: ${b.onTime} / ${t.slaResolved}: ${b.resolved}`;
      },
    },
    xAxis: categoryAxis(
      theme,
      buckets.map((b) => formatBucket(b.start, kind, lang)),
    ),
    yAxis: { ...valueAxis(theme, percent), min: 0, max: 100 },
    series: [
      {
        id: 'sla',
        name: t.sla,
        type: 'bar',
        barMaxWidth: theme.rem * 2,
        data: buckets.map((b) => {
          if (b.rate === null) return { value: null };
          const v = b.rate * 100;
          return { value: v, itemStyle: { color: v < target ? theme.colors.bad : theme.colors.ok } };
        }),
        markLine: targetLine(theme, t.target, { yAxis: target }),
      },
    ],
  };
}
