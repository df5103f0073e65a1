import { describe, expect, it } from 'vitest';
import { HUE, localDay, localMidnight, sunTimes } from '../../../shared/lighting/sun';
import { baselineBetweenWh, nightsBetween } from './nights';

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
