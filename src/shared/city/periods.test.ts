import { describe, expect, it } from 'vitest';
import { KPI_PERIODS } from './kpiCatalogue';
import { nextPeriodStart, periodStart, previousPeriodStart } from './periods';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

describe('periods in city time (Huế, UTC+7)', () => {
  it('starts a day at local midnight, 17:00 UTC the day before', () => {
    expect(iso(periodStart('day', at('2026-11-23T10:00:00Z')))).toBe('2026-11-22T17:00:00.000Z');
    // 16:59 UTC is still the 23rd in Huế; 17:00 is the 24th.
    expect(iso(periodStart('day', at('2026-11-23T16:59:59.999Z')))).toBe('2026-11-22T17:00:00.000Z');
    expect(iso(periodStart('day', at('2026-11-23T17:00:00Z')))).toBe('2026-11-23T17:00:00.000Z');
    expect(iso(nextPeriodStart('day', at('2026-11-23T10:00:00Z')))).toBe('2026-11-23T17:00:00.000Z');
    expect(iso(previousPeriodStart('day', at('2026-11-23T10:00:00Z')))).toBe('2026-11-21T17:00:00.000Z');
  });

  it('cuts months where Huế does: December 2026 starts at 2026-11-30T17:00Z', () => {
    expect(iso(periodStart('month', at('2026-11-30T16:59:59.999Z')))).toBe('2026-10-31T17:00:00.000Z');
    expect(iso(periodStart('month', at('2026-11-30T17:00:00Z')))).toBe('2026-11-30T17:00:00.000Z');
    expect(iso(periodStart('month', at('2026-12-15T00:00:00Z')))).toBe('2026-11-30T17:00:00.000Z');
    expect(iso(nextPeriodStart('month', at('2026-12-15T00:00:00Z')))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(previousPeriodStart('month', at('2026-12-15T00:00:00Z')))).toBe('2026-10-31T17:00:00.000Z');
    // February of a leap year, and the month before March.
    expect(iso(nextPeriodStart('month', at('2028-02-10T00:00:00Z')))).toBe('2028-02-29T17:00:00.000Z');
    expect(iso(previousPeriodStart('month', at('2028-03-10T00:00:00Z')))).toBe('2028-01-31T17:00:00.000Z');
  });

  it('cuts quarters at January, April, July and October, local time', () => {
    expect(iso(periodStart('quarter', at('2026-06-30T16:59:59Z')))).toBe('2026-03-31T17:00:00.000Z');
    expect(iso(periodStart('quarter', at('2026-06-30T17:00:00Z')))).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(periodStart('quarter', at('2026-11-23T10:00:00Z')))).toBe('2026-09-30T17:00:00.000Z');
    expect(iso(nextPeriodStart('quarter', at('2026-11-23T10:00:00Z')))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(previousPeriodStart('quarter', at('2026-02-01T00:00:00Z')))).toBe('2025-09-30T17:00:00.000Z');
  });

  it('turns the year at 17:00 UTC on 31 December: 2026-12-31T17:00Z is already 2027', () => {
    expect(iso(periodStart('year', at('2026-12-31T16:59:59.999Z')))).toBe('2025-12-31T17:00:00.000Z');
    for (const kind of KPI_PERIODS) {
      expect(iso(periodStart(kind, at('2026-12-31T17:00:00Z'))), kind).toBe('2026-12-31T17:00:00.000Z');
    }
    expect(iso(nextPeriodStart('year', at('2026-12-31T17:00:00Z')))).toBe('2027-12-31T17:00:00.000Z');
    expect(iso(previousPeriodStart('year', at('2026-12-31T17:00:00Z')))).toBe('2025-12-31T17:00:00.000Z');
  });

  it('chains: the next period of the previous one is this one, for every kind', () => {
    const t = at('2027-01-01T03:00:00Z');
    for (const kind of KPI_PERIODS) {
      const start = periodStart(kind, t);
      expect(start, kind).toBeLessThanOrEqual(t);
      expect(nextPeriodStart(kind, t), kind).toBeGreaterThan(t);
      expect(nextPeriodStart(kind, previousPeriodStart(kind, t)), kind).toBe(start);
      expect(periodStart(kind, start), kind).toBe(start);
    }
  });

  it('takes another offset for another city', () => {
    expect(iso(periodStart('month', at('2026-11-30T20:00:00Z'), 0))).toBe('2026-11-01T00:00:00.000Z');
    expect(iso(periodStart('day', at('2026-11-30T20:00:00Z'), -5))).toBe('2026-11-30T05:00:00.000Z');
  });
});
