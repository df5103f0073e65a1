import { describe, expect, it } from 'vitest';
import { monthsBefore, nextPeriodStart } from '../../src/shared/city/periods';
import { INCIDENT_CATEGORIES } from '../../src/shared/protocol/codes';
import { HUE_WARDS } from '../../src/shared/city/wards';
import type { ReportRecord } from '../../src/shared/city/reports';
import { createCitySim, DEFAULT_START } from './city';
import { REPORT_HISTORY_MONTHS, reportHistory } from './reportHistory';
import { streamRng, STREAMS } from './rng';

const H = 3_600_000;
const YEAR_END = DEFAULT_START;
const YEAR_START = monthsBefore(YEAR_END, 12);
const t0 = performance.now();
const year = reportHistory(streamRng(1, STREAMS.reportHistory), YEAR_START, YEAR_END);
const drawMs = performance.now() - t0;

/** Month (0-11) of a report in city time. */
const monthOf = (r: ReportRecord) => new Date(r.reportedAt + 7 * H).getUTCMonth();
const floodShare = (months: number[]) => {
  const inMonths = year.filter((r) => months.includes(monthOf(r)));
  return inMonths.filter((r) => r.category === 'flooding').length / inMonths.length;
};

describe('the seeded history of citizen reports', () => {
  it('is the same for the same seed, and another for another', () => {
    const again = reportHistory(streamRng(1, STREAMS.reportHistory), YEAR_START, YEAR_END);
    expect(again).toEqual(year);
    const other = reportHistory(streamRng(2, STREAMS.reportHistory), YEAR_START, YEAR_END);
    expect(other.slice(0, 20)).not.toEqual(year.slice(0, 20));
  });

  it('has about 4,000 reports a year, in the range, simulated, drawn in well under a second', () => {
    expect(year.length).toBeGreaterThan(3_700);
    expect(year.length).toBeLessThan(4_400);
    expect(year.every((r) => r.reportedAt >= YEAR_START && r.reportedAt < YEAR_END)).toBe(true);
    expect(year.every((r) => r.simulated === true)).toBe(true);
    expect(new Set(year.map((r) => r.id)).size).toBe(year.length);
    expect(drawMs).toBeLessThan(1000);
  });

  it('brings more reports, and far more floods, in the October-November rains', () => {
    const perDay = (month: number) => {
      const start = Date.UTC(month === 11 ? 2025 : 2026, month === 11 ? 11 : month, 1) - 7 * H;
      const days = (nextPeriodStart('month', start) - start) / (24 * H);
      return year.filter((r) => r.reportedAt >= start && r.reportedAt < start + days * 24 * H).length / days;
    };
    expect(perDay(9)).toBeGreaterThan(perDay(3) * 1.2);
    expect(floodShare([9, 10])).toBeGreaterThan(floodShare([2, 3, 4, 5]) * 2);
  });

  it('uses the city profile: its categories, its wards, the deadline rule, most answered in time', () => {
    const categories = new Set<string>(INCIDENT_CATEGORIES);
    const wards = new Set(HUE_WARDS.map((w) => w.code));
    expect(year.every((r) => categories.has(r.category) && wards.has(r.ward!))).toBe(true);
    expect(new Set(year.map((r) => r.category)).size).toBe(INCIDENT_CATEGORIES.length);
    const flood = year.find((r) => r.category === 'flooding')!;
    expect(flood.deadline - flood.reportedAt).toBe(24 * H);
    const waste = year.find((r) => r.category === 'waste')!;
    expect(waste.deadline - waste.reportedAt).toBe(48 * H);
    const resolved = year.filter((r) => r.resolvedAt !== null);
    const onTime = resolved.filter((r) => r.resolvedAt! <= r.deadline).length / resolved.length;
    expect(resolved.length / year.length).toBeGreaterThan(0.9);
    expect(onTime).toBeGreaterThan(0.6);
    expect(onTime).toBeLessThan(0.95);
    expect(resolved.every((r) => r.resolvedAt! > r.reportedAt)).toBe(true);
  });

  it('reaches the city start without a gap or an overlap with the reports of its first state', () => {
    const sim = createCitySim({ seed: 3, lamps: 0 });
    const past = sim.reportHistory();
    const live = sim.state().incidents;
    const from = monthsBefore(DEFAULT_START, REPORT_HISTORY_MONTHS);
    expect(Math.min(...past.map((r) => r.reportedAt))).toBeGreaterThanOrEqual(from);
    expect(past.every((r) => r.reportedAt < DEFAULT_START && r.simulated)).toBe(true);
    const ids = new Set(past.map((r) => r.id));
    expect(live.filter((i) => ids.has(i.id))).toEqual([]);
    // The warm-up's weeks have their ~11 reports a day, from its finished reports or the state's.
    const all = [...past.map((r) => r.reportedAt), ...live.map((i) => Date.parse(i.reportedAt))];
    const warmUp = all.filter((t) => t >= DEFAULT_START - 35 * 24 * H && t < DEFAULT_START - 8 * 24 * H);
    expect(warmUp.length / 27).toBeGreaterThan(8);
  });
});
