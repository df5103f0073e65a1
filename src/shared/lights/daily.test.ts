import { describe, expect, it } from 'vitest';
import { PowerSeries } from './energy';
import { HUE, localDay, localMidnight, sunTimes } from './sun';
import { baselineBetweenWh, energyTotals, nightsBetween } from './daily';

const HOUR = 3_600_000;
const DAY = localDay(Date.UTC(2026, 5, 15, 5, 0)); // 15 June 2026, noon in Huế
const midnight = localMidnight(DAY);
const today = sunTimes(HUE, DAY);
const tomorrow = sunTimes(HUE, DAY + 1);

describe('nightsBetween', () => {
  it('clips the night running at `from` and the one running at `to`', () => {
    const from = midnight; // still last night
    const to = midnight + 26 * HOUR; // 02:00 the next night
    expect(nightsBetween(from, to)).toEqual([
      [from, today.sunrise],
      [today.sunset, to],
    ]);
  });

  it('has nothing in daylight, and nothing for an empty span', () => {
    expect(nightsBetween(midnight + 9 * HOUR, midnight + 15 * HOUR)).toEqual([]);
    expect(nightsBetween(midnight + 20 * HOUR, midnight + 20 * HOUR)).toEqual([]);
  });

  it('covers a whole night inside a longer span', () => {
    const nights = nightsBetween(midnight + 12 * HOUR, midnight + 36 * HOUR);
    expect(nights).toEqual([[today.sunset, tomorrow.sunrise]]);
  });
});

describe('baselineBetweenWh', () => {
  it('burns the rated watts over the night pieces only', () => {
    const from = midnight + 12 * HOUR;
    const to = midnight + 36 * HOUR; // noon to noon: one whole night
    const nightHours = (tomorrow.sunrise - today.sunset) / HOUR;
    expect(baselineBetweenWh(1000, from, to)).toBeCloseTo(1000 * nightHours, 6);
    expect(baselineBetweenWh(1000, midnight + 9 * HOUR, midnight + 15 * HOUR)).toBe(0);
  });
});

// energyTotals on 23 November 2026
const NOV23 = localDay(Date.UTC(2026, 10, 23, 5, 0));
const nov23Midnight = localMidnight(NOV23);
const nov23 = sunTimes(HUE, NOV23);

describe('energyTotals', () => {
  it('sums from the first sample when the page opened after midnight, against the night part of it', () => {
    const s = new PowerSeries();
    const opened = nov23.sunset + HOUR;
    s.add(opened, 4000);
    const now = opened + 2 * HOUR;
    const r = energyTotals(s, now, 10_000);
    expect(r.firstSample).toBe(opened);
    expect(r.since).toBe(opened);
    expect(r.todayWh).toBeCloseTo(8000, 6);
    expect(r.baselineWh).toBeCloseTo(20_000, 6);
    expect(r.saved).toBeCloseTo(0.6, 9);
  });

  it('sums from midnight once the samples reach back past it', () => {
    const s = new PowerSeries();
    s.add(nov23Midnight - 2 * HOUR, 1000);
    const now = nov23Midnight + HOUR;
    const r = energyTotals(s, now, 1000);
    expect(r.since).toBe(nov23Midnight);
    expect(r.todayWh).toBeCloseTo(1000, 6);
    expect(r.saved).toBeCloseTo(0, 9);
  });

  it('has no saving to show by day and nothing at all before a sample', () => {
    const s = new PowerSeries();
    const noon = nov23Midnight + 12 * HOUR;
    s.add(noon, 0);
    expect(energyTotals(s, noon + HOUR, 5000).saved).toBeNull();
    const empty = energyTotals(new PowerSeries(), noon, 5000);
    expect(empty.firstSample).toBeNull();
    expect(empty.todayWh).toBe(0);
    expect(empty.points).toEqual([]);
  });

  it("counts from the city's own midnight", () => {
    const hueMidnight = Date.UTC(2026, 10, 23, 17, 0);
    const s = new PowerSeries();
    s.add(hueMidnight - 2 * HOUR, 1000);
    s.add(hueMidnight + HOUR, 400);
    expect(energyTotals(s, hueMidnight + 2 * HOUR, 0).todayWh).toBeCloseTo(1000 + 400, 9);
    // The same instant in a city at UTC+0 is 19:00 on the 23rd: its day began before the first sample.
    const london = { lat: 51.5, lon: 0, utcOffsetHours: 0 };
    expect(energyTotals(s, hueMidnight + 2 * HOUR, 0, london).todayWh).toBeCloseTo(1000 * 3 + 400, 9);
  });
});
