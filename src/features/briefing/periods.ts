import type { KpiPeriodKind } from '../../shared/city/kpiCatalogue';
import { monthsBefore, nextPeriodStart, periodStart, previousPeriodStart } from '../../shared/city/periods';

const DAY_MS = 86_400_000;

/** The briefing's period selector, in the order the presenter's clicker walks it. */
export const BRIEFING_PERIODS = ['today', '7d', 'month', 'quarter', 'year'] as const;
export type BriefingPeriod = (typeof BRIEFING_PERIODS)[number];

/** A span of time as UTC epoch ms, `from` included and `to` excluded. */
export interface TimeRange {
  from: number;
  to: number;
}

const CALENDAR: Record<Exclude<BriefingPeriod, '7d'>, KpiPeriodKind> = {
  today: 'day',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/** Where the chosen period starts in city time: today's midnight, six days before it, the 1st… */
function startOf(period: BriefingPeriod, now: number): number {
  return period === '7d' ? periodStart('day', now) - 6 * DAY_MS : periodStart(CALENDAR[period], now);
}

function previousStart(period: BriefingPeriod, now: number): number {
  // Huế keeps no daylight saving, so seven city days are always seven times 24 hours.
  return period === '7d' ? startOf('7d', now) - 7 * DAY_MS : previousPeriodStart(CALENDAR[period], now);
}

/**
 * The chosen period up to `now` (the city's now): today so far, the last seven city days with today,
 * this month, quarter or year to date. Calendar boundaries are in city time.
 */
export function briefingRange(period: BriefingPeriod, now: number): TimeRange {
  return { from: startOf(period, now), to: now };
}

/**
 * The range a period is compared with: the previous one *to the same point*: yesterday until this
 * time of day, last month until the same day and hour. A month to date set against the whole of last
 * month would look like a fall every morning of the 1st; like for like, counts compare fairly. A
 * previous period shorter than the elapsed part (31 March against February) ends at its own end.
 */
export function previousRange(period: BriefingPeriod, now: number): TimeRange {
  const current = briefingRange(period, now);
  const from = previousStart(period, now);
  return { from, to: Math.min(from + (current.to - current.from), current.from) };
}

/** The granularity a chart of this range is drawn at: days up to a month, months beyond. */
export function bucketKind(range: TimeRange): 'day' | 'month' {
  return range.to - range.from <= 31 * DAY_MS ? 'day' : 'month';
}

/**
 * The span an indicator's trend and sparkline show for the chosen period, wider than the period so
 * that a leader sees where it comes from: the 30 city days to today (the daily history the city keeps)
 * for today, 7 days and the month; the 12 months to this one for the quarter and the year.
 */
export function trendWindow(
  period: BriefingPeriod,
  now: number,
): { range: TimeRange; kind: 'day' | 'month' } {
  if (period === 'quarter' || period === 'year') {
    return { range: { from: monthsBefore(now, 11), to: now }, kind: 'month' };
  }
  return { range: { from: periodStart('day', now) - 29 * DAY_MS, to: now }, kind: 'day' };
}

/** The city days or months a range falls in, each cut to the range: a chart's buckets. */
export function bucketsOf(range: TimeRange, kind: 'day' | 'month'): { start: number; range: TimeRange }[] {
  const out: { start: number; range: TimeRange }[] = [];
  for (let t = periodStart(kind, range.from); t < range.to; t = nextPeriodStart(kind, t)) {
    out.push({
      start: t,
      range: { from: Math.max(t, range.from), to: Math.min(nextPeriodStart(kind, t), range.to) },
    });
  }
  return out;
}
