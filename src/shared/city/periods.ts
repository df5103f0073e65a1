/**
 * Calendar periods in city time: the day, month, quarter or year an instant falls in, as Huế's
 * calendar sees it (UTC+7 all year). The simulator's indicator history, the hub's store and the
 * briefing's period selector must cut time at the same instants: 2026-12-31T17:00Z is already
 * 1 January 2027 in Huế, so it starts a new day, month, quarter and year there.
 *
 * Every function takes and returns epoch milliseconds (UTC instants); the offset defaults to Huế's.
 */
import { HUE } from '../lights/sun';
import type { KpiPeriodKind } from './kpiCatalogue';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MONTHS: Record<Exclude<KpiPeriodKind, 'day'>, number> = { month: 1, quarter: 3, year: 12 };

/** The start of the period of this kind that `n` periods after the one containing `t` (n may be negative). */
function shiftedStart(kind: KpiPeriodKind, t: number, n: number, utcOffsetHours: number): number {
  const offset = utcOffsetHours * HOUR_MS;
  const local = t + offset;
  if (kind === 'day') return (Math.floor(local / DAY_MS) + n) * DAY_MS - offset;
  const size = MONTHS[kind];
  const date = new Date(local);
  const month = date.getUTCMonth();
  // Date.UTC carries months beyond 0-11 into the year, both ways.
  return Date.UTC(date.getUTCFullYear(), month - (month % size) + n * size, 1) - offset;
}

/** The start of the period of this kind that contains `t`, in city time. */
export function periodStart(kind: KpiPeriodKind, t: number, utcOffsetHours = HUE.utcOffsetHours): number {
  return shiftedStart(kind, t, 0, utcOffsetHours);
}

/** The start of the period after the one containing `t`: where that period ends (exclusive). */
export function nextPeriodStart(kind: KpiPeriodKind, t: number, utcOffsetHours = HUE.utcOffsetHours): number {
  return shiftedStart(kind, t, 1, utcOffsetHours);
}

/** The start of the period before the one containing `t`: what "against the previous period" compares with. */
export function previousPeriodStart(
  kind: KpiPeriodKind,
  t: number,
  utcOffsetHours = HUE.utcOffsetHours,
): number {
  return shiftedStart(kind, t, -1, utcOffsetHours);
}

/** The start of the month `n` months before the one containing `t`, in city time. */
export function monthsBefore(t: number, n: number, utcOffsetHours = HUE.utcOffsetHours): number {
  return shiftedStart('month', t, -n, utcOffsetHours);
}
