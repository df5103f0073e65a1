import { useEffect, useState } from 'react';
import type { HubApi, ReportsSummary } from '../../app/connection';
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

/** The hub's days, as the summary answered them, or one ask's failure. */
type Past = { key: string; days: readonly DayReports[] } | { key: string; failed: true };

const asked = new WeakMap<HubApi, { key: string; answer: Promise<readonly DayReports[]> }>();

/** One ask per hub and range however many panels want it: the handling panel and the leaders' panel. */
function askPast(api: HubApi, range: { from: number; to: number }): Promise<readonly DayReports[]> {
  const key = `${range.from}/${range.to}`;
  const before = asked.get(api);
  if (before?.key === key) return before.answer;
  const answer = api
    .reportsSummary({ ...range, bucket: 'day' })
    .then((s: ReportsSummary) => s.buckets.filter((b) => b.start >= range.from && b.start < range.to));
  asked.set(api, { key, answer });
  // A failed answer is not kept: the next ask tries again.
  answer.catch(() => {
    if (asked.get(api)?.answer === answer) asked.delete(api);
  });
  return answer;
}

/**
 * The city days before today from the hub's store (pastRange), asked again when the city's day turns
 * and, after a failure, every RETRY_MS. Null until the hub has answered for the present range: a
 * month's figure is not shown from the week the page holds, which would understate it.
 */
export function useReportPast(api: HubApi, now: number | null): readonly DayReports[] | null {
  const range = now === null ? null : pastRange(now);
  const key = range ? `${range.from}/${range.to}` : '';
  const [past, setPast] = useState<Past | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!range) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    askPast(api, range).then(
      (days) => live && setPast({ key, days }),
      () => {
        if (!live) return;
        setPast({ key, failed: true });
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      live = false;
      clearTimeout(retry);
    };
    // The range is wholly named by its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, attempt]);
  return past && past.key === key && 'days' in past ? past.days : null;
}
