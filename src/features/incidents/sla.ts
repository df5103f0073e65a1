import { complianceBetween, slaDeadline, resolvedAt, type Compliance } from '../../shared/city/sla';
import { OPEN_STATUSES } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';

// The rule itself is shared with the hub's report summaries (src/shared/city/sla.ts).
export { resolvedAt, slaDeadline, type Compliance };

const HOUR = 3_600_000;
/** Huế is UTC+7 all year: the city's day, week and month start at local midnight. */
const CITY_OFFSET_MS = 7 * HOUR;

export interface SlaClock {
  deadline: number;
  /** ms left before the deadline; negative once overdue */
  remainingMs: number;
  overdue: boolean;
}

/** The SLA clock of an open incident at city time `now`; null for one no longer open. */
export function slaClock(inc: Incident, now: number): SlaClock | null {
  if (!OPEN_STATUSES.has(inc.status)) return null;
  const deadline = slaDeadline(inc);
  return { deadline, remainingMs: deadline - now, overdue: now > deadline };
}

export function isOverdue(inc: Incident, now: number): boolean {
  return slaClock(inc, now)?.overdue ?? false;
}

export type SlaPeriod = 'today' | 'week' | 'month';

/** Start of the city's current day, week (Monday) or month, as epoch ms. */
export function periodStart(period: SlaPeriod, now: number): number {
  const local = new Date(now + CITY_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  let start: number;
  if (period === 'today') start = Date.UTC(y, m, d);
  else if (period === 'month') start = Date.UTC(y, m, 1);
  else start = Date.UTC(y, m, d) - ((local.getUTCDay() + 6) % 7) * 24 * HOUR;
  return start - CITY_OFFSET_MS;
}

/** SLA compliance: of the incidents resolved in the period, the share resolved within their target. */
export function slaCompliance(incidents: readonly Incident[], period: SlaPeriod, now: number): Compliance {
  return complianceBetween(incidents, periodStart(period, now), now + 1, resolvedAt, slaDeadline);
}

/** "2 h 05 m" / "-3 h 10 m": an SLA countdown, short enough for a list row. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const body = d > 0 ? `${d} d ${h} h` : `${h} h ${String(m).padStart(2, '0')} m`;
  return sign + body;
}
