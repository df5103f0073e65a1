import type { Incident } from '../protocol/events';
import { slaHours } from './profile';

// The rule for answering citizen reports in time, one for the wall's counters (src/features/incidents),
// the hub's report summaries (server/reports.ts) and the simulator's seeded past: a report is due its
// category's hours after it came in, and counts as answered in time when resolved by then.

const HOUR_MS = 3_600_000;

/** When a report of this category, received at `reportedAt` (epoch ms), must be answered. */
export function slaDeadlineOf(category: string, reportedAt: number): number {
  return reportedAt + slaHours(category) * HOUR_MS;
}

const deadlines = new WeakMap<object, number>();

/**
 * An incident's deadline (slaDeadlineOf). Remembered per incident object (neither field changes once
 * reported), since lists and counters ask for it every second.
 */
export function slaDeadline(inc: Pick<Incident, 'reportedAt' | 'category'>): number {
  let due = deadlines.get(inc);
  if (due === undefined) {
    due = slaDeadlineOf(inc.category, Date.parse(inc.reportedAt));
    deadlines.set(inc, due);
  }
  return due;
}

/** When the incident was resolved: its last `resolved` step, if it has one. */
export function resolvedAt(inc: Pick<Incident, 'history' | 'status' | 'updatedAt'>): number | null {
  for (let i = inc.history.length - 1; i >= 0; i--) {
    const h = inc.history[i]!;
    if (h.status === 'resolved') return Date.parse(h.at);
  }
  return inc.status === 'resolved' || inc.status === 'closed' ? Date.parse(inc.updatedAt) : null;
}

export interface Compliance {
  resolved: number;
  onTime: number;
  /** onTime / resolved, or null when nothing was resolved in the period */
  rate: number | null;
}

/**
 * SLA compliance over [from, to): of the items resolved in it, the share resolved by their deadline.
 * `resolvedOf` and `deadlineOf` read an item (an incident, a stored report) without copying it.
 */
export function complianceBetween<T>(
  items: Iterable<T>,
  from: number,
  to: number,
  resolvedOf: (item: T) => number | null,
  deadlineOf: (item: T) => number,
): Compliance {
  let resolved = 0;
  let onTime = 0;
  for (const item of items) {
    const at = resolvedOf(item);
    if (at === null || at < from || at >= to) continue;
    resolved++;
    if (at <= deadlineOf(item)) onTime++;
  }
  return complianceOf(resolved, onTime);
}

/** Compliance from its two counts: the rate is null while nothing was resolved. */
export function complianceOf(resolved: number, onTime: number): Compliance {
  return { resolved, onTime, rate: resolved ? onTime / resolved : null };
}
