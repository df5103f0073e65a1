import { slaHours } from '../../shared/city/profile';
import { OPEN_STATUSES } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';

const HOUR = 3_600_000;
/** Huế is UTC+7 all year: the city's day, week and month start at local midnight. */
const CITY_OFFSET_MS = 7 * HOUR;

const deadlines = new WeakMap<object, number>();

/**
 * When the answer is due: the report time plus the category's target. Remembered per incident
 * object (neither field changes once reported), since lists and counters ask for it every second.
 */
export function slaDeadline(inc: Pick<Incident, 'reportedAt' | 'category'>): number {
  let due = deadlines.get(inc);
  if (due === undefined) {
    due = Date.parse(inc.reportedAt) + slaHours(inc.category) * HOUR;
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

export interface Compliance {
  resolved: number;
  onTime: number;
  /** onTime / resolved, or null when nothing was resolved in the period */
  rate: number | null;
}

/** SLA compliance: of the incidents resolved in the period, the share resolved within their target. */
export function slaCompliance(incidents: readonly Incident[], period: SlaPeriod, now: number): Compliance {
  const from = periodStart(period, now);
  let resolved = 0;
  let onTime = 0;
  for (const inc of incidents) {
    const at = resolvedAt(inc);
    if (at === null || at < from || at > now) continue;
    resolved++;
    if (at <= slaDeadline(inc)) onTime++;
  }
  return { resolved, onTime, rate: resolved ? onTime / resolved : null };
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
