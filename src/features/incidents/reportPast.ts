import { useEffect, useState } from 'react';
import type { HubApi, ReportsSummary } from '../../app/connection';
import { byCountThenCategory, type CategoryCount } from '../../shared/city/reports';
import { complianceOf, type Compliance } from '../../shared/city/sla';
import { periodStart } from '../../shared/city/periods';

// The page holds finished reports for a week only (src/shared/protocol/retention.ts), so a month's
// figures cannot be counted from it alone. The days before today come from the hub's store, by day;
// today is counted live from the page's own incidents, which hold every report of the last week.

const DAY_MS = 86_400_000;
/** How far back the days asked of the hub reach: the month so far, or a fortnight, whichever is longer. */
export const PAST_DAYS = 14;
/** How long a failed ask waits before it is made again (real time). */
const RETRY_MS = 15_000;

/** The reports of one city day, or of today so far. */
export interface DayReports {
  start: number;
  received: number;
  resolved: number;
  onTime: number;
}

/** The city days before `now`'s that the wall reads from the hub: [from, to), `to` today's midnight. */
export function pastRange(now: number): { from: number; to: number } {
  const today = periodStart('day', now);
  return { from: Math.min(periodStart('month', now), today - PAST_DAYS * DAY_MS), to: today };
}

/** A day's (or a period's) figures as the panels show them: received, resolved and SLA compliance. */
export function figuresOf(d: Omit<DayReports, 'start'>): Compliance & { received: number } {
  return { received: d.received, ...complianceOf(d.resolved, d.onTime) };
}

/** The reports from `from` (a city midnight) to now: the past days' from the hub, with today's. */
export function reportsSince(
  past: readonly DayReports[],
  today: DayReports,
  from: number,
): Compliance & { received: number } {
  const sum = { received: today.received, resolved: today.resolved, onTime: today.onTime };
  for (const d of past) {
    if (d.start < from || d.start >= today.start) continue;
    sum.received += d.received;
    sum.resolved += d.resolved;
    sum.onTime += d.onTime;
  }
  return figuresOf(sum);
}

/** The city days of the week before today's, `to` today's midnight: the leaders' week by category. */
export function weekRange(now: number): { from: number; to: number } {
  const today = periodStart('day', now);
  return { from: today - 6 * DAY_MS, to: today };
}

/** The hub's days' categories with today's live ones, in the hub's order. */
export function addCategories(
  past: readonly CategoryCount[],
  today: readonly CategoryCount[],
): CategoryCount[] {
  const sum = new Map<string, number>();
  for (const c of [...past, ...today]) sum.set(c.category, (sum.get(c.category) ?? 0) + c.count);
  return [...sum].map(([category, count]) => ({ category, count })).sort(byCountThenCategory);
}

/** The first categories, with the rest summed into one count when more than `rows` would be shown. */
export function topCategories(
  all: readonly CategoryCount[],
  rows: number,
): { shown: CategoryCount[]; rest: number } {
  if (all.length <= rows) return { shown: [...all], rest: 0 };
  const shown = all.slice(0, rows - 1);
  return { shown, rest: all.slice(rows - 1).reduce((n, c) => n + c.count, 0) };
}

type Range = { from: number; to: number };
const keyOf = (r: Range) => `${r.from}/${r.to}`;

/** The hub's answer for a range, or one ask's failure. */
type Answer<T> = { key: string; value: T } | { key: string; failed: true };

const asked = new WeakMap<HubApi, Map<string, { to: number; answer: Promise<ReportsSummary> }>>();

/** One ask per hub and range however many panels want it: the handling panel and the leaders' panel. */
function askSummary(api: HubApi, range: Range): Promise<ReportsSummary> {
  const key = keyOf(range);
  let byKey = asked.get(api);
  if (!byKey) asked.set(api, (byKey = new Map()));
  const before = byKey.get(key);
  if (before) return before.answer;
  // Once the city's day has turned, the answers that end at an earlier midnight are not asked again.
  for (const [k, a] of byKey) if (a.to < range.to) byKey.delete(k);
  const answer = api.reportsSummary({ ...range, bucket: 'day' });
  byKey.set(key, { to: range.to, answer });
  // A failed answer is not kept: the next ask tries again.
  answer.catch(() => {
    if (byKey.get(key)?.answer === answer) byKey.delete(key);
  });
  return answer;
}

/**
 * What the hub's store answers for a range of city days before today, asked again when the range
 * changes (the city's day turns) and, after a failure, every RETRY_MS. Null until the hub has answered
 * for the present range. `read` picks the part wanted; it must be the same function on every render.
 */
function useHubDays<T>(api: HubApi, range: Range | null, read: (s: ReportsSummary, r: Range) => T): T | null {
  const key = range ? keyOf(range) : '';
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!range) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    askSummary(api, range).then(
      (s) => live && setAnswer({ key, value: read(s, range) }),
      () => {
        if (!live) return;
        setAnswer({ key, failed: true });
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      live = false;
      clearTimeout(retry);
    };
    // The range is wholly named by its key, and `read` does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, attempt]);
  return answer && answer.key === key && 'value' in answer ? answer.value : null;
}

const daysOf = (s: ReportsSummary, r: Range): readonly DayReports[] =>
  s.buckets.filter((b) => b.start >= r.from && b.start < r.to);
const categoriesOf = (s: ReportsSummary): readonly CategoryCount[] => s.categories;

/**
 * The city days before today from the hub's store (pastRange). Null until the hub has answered: a
 * month's figure is not shown from the week the page holds, which would understate it.
 */
export const useReportPast = (api: HubApi, now: number | null) =>
  useHubDays(api, now === null ? null : pastRange(now), daysOf);

/** The reports of the six days before today by category, from the hub's store (weekRange). */
export const useWeekCategories = (api: HubApi, now: number | null) =>
  useHubDays(api, now === null ? null : weekRange(now), categoriesOf);
