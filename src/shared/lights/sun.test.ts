import { describe, expect, it } from 'vitest';
import { HUE, localDay, localMidnight, localMsOfDay, sunTimes, type Place } from './sun';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Reference days for Huế city centre (copied from shared/data/hue/sun-times.json): NOAA solar
 * calculator, upper limb at the horizon with refraction, local time (UTC+7) rounded to the minute.
 */
const REFERENCE = [
  { date: '2026-01-15', sunrise: '06:21', sunset: '17:37' },
  { date: '2026-03-20', sunrise: '05:54', sunset: '18:00' },
  { date: '2026-06-21', sunrise: '05:18', sunset: '18:25' },
  { date: '2026-09-23', sunrise: '05:39', sunset: '17:45' },
  { date: '2026-12-21', sunrise: '06:13', sunset: '17:22' },
];

/** Epoch ms of a Huế wall-clock time, built without the helpers under test. */
function hue(date: string, hhmm: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) - 7 * HOUR;
}

/** The local day number of a date, by its own definition: days since 1970-01-01. */
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;

describe('sunTimes', () => {
  it.each(REFERENCE)(
    'matches the reference for Huế on $date within 2 minutes',
    ({ date, sunrise, sunset }) => {
      const times = sunTimes(HUE, dayOf(date));
      expect(Math.abs(times.sunrise - hue(date, sunrise))).toBeLessThanOrEqual(2 * MIN);
      expect(Math.abs(times.sunset - hue(date, sunset))).toBeLessThanOrEqual(2 * MIN);
    },
  );

  it('gives the events of the local day asked for, sunrise first', () => {
    for (let day = dayOf('2026-01-01'); day < dayOf('2027-01-01'); day += 7) {
      const { sunrise, sunset } = sunTimes(HUE, day);
      expect(localDay(sunrise, HUE)).toBe(day);
      expect(localDay(sunset, HUE)).toBe(day);
      expect(sunset - sunrise).toBeGreaterThan(10 * HOUR);
      expect(sunset - sunrise).toBeLessThan(14 * HOUR);
    }
  });

  it('handles a place whose clock is behind UTC', () => {
    // Quito: on the equator, UTC-5; days last about 12 h 7 min all year round. Solar noon: 78.47° W is
    // 13.9 min west of the UTC-5 meridian, and in late June the sun runs 1.7 min behind the mean sun.
    const quito: Place = { lat: -0.1807, lon: -78.4678, utcOffsetHours: -5 };
    const day = dayOf('2026-06-21');
    const { sunrise, sunset } = sunTimes(quito, day);
    expect(localDay(sunrise, quito)).toBe(day);
    expect(localDay(sunset, quito)).toBe(day);
    expect(Math.abs(sunset - sunrise - (12 * HOUR + 7 * MIN))).toBeLessThan(3 * MIN);
    const noon = (sunrise + sunset) / 2;
    expect(Math.abs(localMsOfDay(noon, quito) - (12 * HOUR + 15.6 * MIN))).toBeLessThan(MIN);
  });

  it('returns the memoised result for the same place and day, and stays bounded', () => {
    const day = dayOf('2026-11-23');
    const first = sunTimes(HUE, day);
    expect(sunTimes(HUE, day)).toBe(first);
    expect(sunTimes({ ...HUE }, day)).toBe(first);
    // A different place is a different entry.
    expect(sunTimes({ ...HUE, lat: 21.0285 }, day)).not.toEqual(first);
    // Thousands of other days push the first out; the recomputed value is equal, not the same object.
    for (let d = 1; d <= 5000; d++) sunTimes(HUE, day + d);
    const again = sunTimes(HUE, day);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('throws on polar night and polar day instead of returning NaN', () => {
    const svalbard: Place = { lat: 78.2232, lon: 15.6267, utcOffsetHours: 1 };
    expect(() => sunTimes(svalbard, dayOf('2026-12-21'))).toThrow(/polar night/);
    expect(() => sunTimes(svalbard, dayOf('2026-06-21'))).toThrow(/polar day/);
  });

  it('rejects a day that is not a local day number', () => {
    expect(() => sunTimes(HUE, 20_000.5)).toThrow(RangeError);
    expect(() => sunTimes(HUE, Number.NaN)).toThrow(RangeError);
    // an epoch ms passed by mistake
    expect(() => sunTimes(HUE, Date.UTC(2026, 10, 23))).toThrow(RangeError);
  });
});

describe('local time helpers', () => {
  const beforeMidnight = hue('2026-11-23', '23:59');
  const midnight = hue('2026-11-24', '00:00');

  it('splits days at local midnight, not at UTC midnight', () => {
    expect(localDay(beforeMidnight)).toBe(dayOf('2026-11-23'));
    expect(localDay(midnight)).toBe(dayOf('2026-11-24'));
    expect(localDay(midnight - 1)).toBe(dayOf('2026-11-23'));
    // 00:00 local is still the previous day in UTC
    expect(new Date(midnight).getUTCDate()).toBe(23);
  });

  it('finds local midnight and the time of day', () => {
    expect(localMidnight(dayOf('2026-11-24'))).toBe(midnight);
    expect(localMidnight(localDay(beforeMidnight))).toBe(hue('2026-11-23', '00:00'));
    expect(localMsOfDay(beforeMidnight)).toBe(23 * HOUR + 59 * MIN);
    expect(localMsOfDay(midnight)).toBe(0);
    expect(localMsOfDay(midnight - 1)).toBe(DAY - 1);
  });

  it('follows the place given', () => {
    const utc: Place = { lat: 51.4779, lon: 0, utcOffsetHours: 0 };
    // 23:59 in Huế is 16:59 in Greenwich, the same calendar day; 00:00 in Huế is still the 23rd there.
    expect(localDay(midnight, utc)).toBe(dayOf('2026-11-23'));
    expect(localMsOfDay(midnight, utc)).toBe(17 * HOUR);
    expect(localMidnight(dayOf('2026-11-24'), utc)).toBe(Date.UTC(2026, 10, 24));
  });
});
