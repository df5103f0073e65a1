import { describe, expect, it } from 'vitest';
import { nextPeriodStart, periodStart, previousPeriodStart } from '../../shared/city/periods';
import { BRIEFING_PERIODS, briefingRange, bucketKind, previousRange, trendWindow } from './periods';

const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();
/** A city wall-clock time (Huế, UTC+7) as a UTC instant. */
const city = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 7 * H;

describe('city calendar periods', () => {
  it('starts days, months, quarters and years at midnight in Huế', () => {
    const t = city(2026, 8, 15, 10, 30);
    expect(iso(periodStart('day', t))).toBe('2026-08-14T17:00:00.000Z');
    expect(iso(periodStart('month', t))).toBe('2026-07-31T17:00:00.000Z');
    expect(iso(periodStart('quarter', t))).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(periodStart('year', t))).toBe('2025-12-31T17:00:00.000Z');
  });

  it('puts 2026-12-31T17:00Z in 2027 already, and 16:59Z still in 2026', () => {
    const newYear = Date.parse('2026-12-31T17:00:00.000Z');
    expect(periodStart('year', newYear)).toBe(newYear);
    expect(periodStart('quarter', newYear)).toBe(newYear);
    expect(periodStart('month', newYear)).toBe(newYear);
    expect(iso(periodStart('year', newYear - 60_000))).toBe('2025-12-31T17:00:00.000Z');
    expect(iso(periodStart('month', newYear - 60_000))).toBe('2026-11-30T17:00:00.000Z');
  });

  it('steps over month ends, quarter ends and leap days', () => {
    expect(iso(nextPeriodStart('month', city(2028, 2, 29, 23)))).toBe(iso(city(2028, 3, 1)));
    expect(iso(nextPeriodStart('day', city(2028, 2, 28, 12)))).toBe(iso(city(2028, 2, 29)));
    expect(iso(nextPeriodStart('quarter', city(2026, 12, 31, 23, 59)))).toBe(iso(city(2027, 1, 1)));
    expect(iso(previousPeriodStart('quarter', city(2026, 1, 5)))).toBe(iso(city(2025, 10, 1)));
    expect(iso(previousPeriodStart('month', city(2026, 3, 31)))).toBe(iso(city(2026, 2, 1)));
    expect(iso(previousPeriodStart('year', city(2026, 1, 1)))).toBe(iso(city(2025, 1, 1)));
  });
});

describe('briefing periods', () => {
  const now = city(2026, 5, 20, 9, 30); // Wednesday 20 May 2026, 09:30 in Huế

  it('runs each choice from its start in city time to now', () => {
    const from = Object.fromEntries(BRIEFING_PERIODS.map((p) => [p, briefingRange(p, now).from]));
    expect(from).toEqual({
      today: city(2026, 5, 20),
      '7d': city(2026, 5, 14),
      month: city(2026, 5, 1),
      quarter: city(2026, 4, 1),
      year: city(2026, 1, 1),
    });
    for (const p of BRIEFING_PERIODS) expect(briefingRange(p, now).to).toBe(now);
  });

  it('compares with the previous period up to the same point', () => {
    expect(previousRange('today', now)).toEqual({ from: city(2026, 5, 19), to: city(2026, 5, 19, 9, 30) });
    expect(previousRange('7d', now)).toEqual({ from: city(2026, 5, 7), to: city(2026, 5, 13, 9, 30) });
    expect(previousRange('month', now)).toEqual({ from: city(2026, 4, 1), to: city(2026, 4, 20, 9, 30) });
    expect(previousRange('quarter', now)).toEqual({ from: city(2026, 1, 1), to: city(2026, 2, 19, 9, 30) });
    expect(previousRange('year', now)).toEqual({ from: city(2025, 1, 1), to: city(2025, 5, 20, 9, 30) });
  });

  it('ends the previous range at its own end when it is the shorter one', () => {
    const lateMarch = city(2026, 3, 31, 20);
    expect(previousRange('month', lateMarch)).toEqual({ from: city(2026, 2, 1), to: city(2026, 3, 1) });
  });

  it('turns the year in city time on the 31st at 17:00 UTC', () => {
    const t = Date.parse('2026-12-31T17:30:00.000Z');
    expect(iso(briefingRange('year', t).from)).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(briefingRange('quarter', t).from)).toBe('2026-12-31T17:00:00.000Z');
    expect(previousRange('year', t)).toEqual({ from: city(2026, 1, 1), to: city(2026, 1, 1, 0, 30) });
    expect(previousRange('today', t).from).toBe(city(2026, 12, 31));
  });

  it('draws up to a month by day and beyond by month', () => {
    expect(bucketKind(briefingRange('month', city(2026, 1, 31, 23)))).toBe('day');
    expect(bucketKind(briefingRange('quarter', city(2026, 3, 2)))).toBe('month');
    expect(trendWindow('month', now)).toEqual({ range: { from: city(2026, 4, 21), to: now }, kind: 'day' });
    expect(trendWindow('year', now)).toEqual({ range: { from: city(2025, 6, 1), to: now }, kind: 'month' });
  });
});
