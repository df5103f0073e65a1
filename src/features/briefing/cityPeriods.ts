import type { KpiPeriodKind } from '../../shared/city/kpiCatalogue';

/**
 * Calendar periods in city time (Huế is UTC+7 all year, no daylight saving), as UTC epoch ms. The
 * briefing's own copy until src/shared/city/periods.ts lands with the same three functions: then this
 * file goes and its importers point there.
 */
const CITY_OFFSET_MS = 7 * 3_600_000;

/** The months a period of each kind spans; a day is the one kind not made of months. */
const MONTHS: Record<Exclude<KpiPeriodKind, 'day'>, number> = { month: 1, quarter: 3, year: 12 };

/** The start of the city's period of `kind` containing `t`. */
export function periodStart(kind: KpiPeriodKind, t: number): number {
  const local = new Date(t + CITY_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  if (kind === 'day') return Date.UTC(y, m, local.getUTCDate()) - CITY_OFFSET_MS;
  const months = MONTHS[kind];
  return Date.UTC(y, m - (m % months), 1) - CITY_OFFSET_MS;
}

/** The start of the period after the one containing `t`, `steps` periods on (back when negative). */
function shiftedPeriodStart(kind: KpiPeriodKind, t: number, steps: number): number {
  const local = new Date(periodStart(kind, t) + CITY_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  // Date.UTC carries a day or month past the end of its unit into the next one.
  if (kind === 'day') return Date.UTC(y, m, local.getUTCDate() + steps) - CITY_OFFSET_MS;
  return Date.UTC(y, m + steps * MONTHS[kind], 1) - CITY_OFFSET_MS;
}

export const nextPeriodStart = (kind: KpiPeriodKind, t: number) => shiftedPeriodStart(kind, t, 1);
export const previousPeriodStart = (kind: KpiPeriodKind, t: number) => shiftedPeriodStart(kind, t, -1);
