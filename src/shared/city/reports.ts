import { INCIDENT_CATEGORIES } from '../protocol/codes';
import type { Incident } from '../protocol/events';
import { nextPeriodStart, periodStart } from './periods';
import { complianceBetween, resolvedAt, slaDeadline } from './sla';

// Citizen reports over any period, counted the same way whether they were seeded as the city's past
// or lived through by the hub: the SLA and category panels of the briefing read these figures.

/** A citizen report as the summaries count it: when it came in, when it was answered, when it was due. */
export interface ReportRecord {
  id: string;
  category: string;
  /** a ward code of src/shared/city/wards.ts, when the report named one */
  ward?: string;
  /** epoch ms */
  reportedAt: number;
  /** the last `resolved` step, epoch ms; null while open, and for a rejected report */
  resolvedAt: number | null;
  /** epoch ms (src/shared/city/sla.ts) */
  deadline: number;
  /** made up by the simulator as the city's past */
  simulated?: boolean;
}

/** An incident as a report record, by the incidents feature's own rule for its answer and deadline. */
export function reportRecordOf(inc: Incident): ReportRecord {
  return {
    id: inc.id,
    category: inc.category,
    ...(inc.ward ? { ward: inc.ward } : {}),
    reportedAt: Date.parse(inc.reportedAt),
    resolvedAt: resolvedAt(inc),
    deadline: slaDeadline(inc),
  };
}

export type ReportBucketKind = 'day' | 'month';
export const REPORT_BUCKET_KINDS: readonly ReportBucketKind[] = ['day', 'month'];

export interface ReportBucket {
  /** the UTC instant the city day or month starts (UTC+7) */
  start: number;
  /** reports received in the bucket */
  received: number;
  /** reports resolved in the bucket, and of those, how many by their deadline */
  resolved: number;
  onTime: number;
}

/** A count of reports of one category. */
export interface CategoryCount {
  category: string;
  count: number;
}

/** The order the summary lists categories in: most first, ties by category. */
export const byCountThenCategory = (a: CategoryCount, b: CategoryCount): number =>
  b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0);

export interface ReportsSummary {
  buckets: ReportBucket[];
  /** reports received over the range by category, most first (then by name); unknown ones as 'other' */
  categories: CategoryCount[];
  /** whether any record counted was simulated */
  simulated: boolean;
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(INCIDENT_CATEGORIES);

/** The starts of the city days or months that [from, to) touches, oldest first. */
export function reportBucketStarts(from: number, to: number, kind: ReportBucketKind): number[] {
  const starts: number[] = [];
  for (let t = periodStart(kind, from); t < to; t = nextPeriodStart(kind, t)) starts.push(t);
  return starts;
}

/**
 * Reports over [from, to) by city day or month: each bucket's reports received, resolved and
 * resolved in time (counted within the range, so the first and last buckets may be partial), and the
 * range's reports received by category.
 */
export function summarizeReports(
  records: readonly ReportRecord[],
  from: number,
  to: number,
  kind: ReportBucketKind,
): ReportsSummary {
  const starts = reportBucketStarts(from, to, kind);
  const received = new Array<number>(starts.length).fill(0);
  const resolving: ReportRecord[][] = starts.map(() => []);
  const byCategory = new Map<string, number>();
  /** the bucket holding `t`, which lies inside [from, to) */
  const bucketOf = (t: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let simulated = false;
  for (const r of records) {
    let counted = false;
    if (r.reportedAt >= from && r.reportedAt < to) {
      received[bucketOf(r.reportedAt)]!++;
      const category = KNOWN_CATEGORIES.has(r.category) ? r.category : 'other';
      byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
      counted = true;
    }
    if (r.resolvedAt !== null && r.resolvedAt >= from && r.resolvedAt < to) {
      resolving[bucketOf(r.resolvedAt)]!.push(r);
      counted = true;
    }
    if (counted && r.simulated) simulated = true;
  }
  const buckets = starts.map((start, i) => {
    const end = Math.min(to, starts[i + 1] ?? to);
    const { resolved, onTime } = complianceBetween(
      resolving[i]!,
      Math.max(from, start),
      end,
      (r) => r.resolvedAt,
      (r) => r.deadline,
    );
    return { start, received: received[i]!, resolved, onTime };
  });
  const categories = [...byCategory]
    .map(([category, count]) => ({ category, count }))
    .sort(byCountThenCategory);
  return { buckets, categories, simulated };
}
