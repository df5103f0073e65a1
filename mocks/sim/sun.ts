// Rough sunrise/sunset for Huế (NOAA's fractional-year approximation, good to a couple of minutes):
// enough to switch simulated streetlights; the exact astronomical schedule belongs to the lighting issue.

export const HUE_LON = 107.5909;
export const HUE_LAT = 16.4637;
/** Huế keeps UTC+7 all year. */
export const UTC_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** Days since 1970-01-01 in Huế local time. */
export function localDay(t: number): number {
  return Math.floor((t + UTC_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since local midnight. */
export function localMsOfDay(t: number): number {
  return t + UTC_OFFSET_MS - localDay(t) * DAY_MS;
}

/** Epoch ms of local midnight of a local day. */
export function localMidnight(day: number): number {
  return day * DAY_MS - UTC_OFFSET_MS;
}

export interface SunTimes {
  /** minutes after local midnight */
  sunrise: number;
  sunset: number;
}

const cache = new Map<number, SunTimes>();

export function sunTimes(day: number): SunTimes {
  const hit = cache.get(day);
  if (hit) return hit;
  const date = new Date(day * DAY_MS);
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const doy = Math.floor((day * DAY_MS - startOfYear) / DAY_MS) + 1;
  const g = ((2 * Math.PI) / 365) * (doy - 1);
  const eqTime =
    229.18 *
    (0.000075 +
      0.001868 * Math.cos(g) -
      0.032077 * Math.sin(g) -
      0.014615 * Math.cos(2 * g) -
      0.040849 * Math.sin(2 * g));
  const decl =
    0.006918 -
    0.399912 * Math.cos(g) +
    0.070257 * Math.sin(g) -
    0.006758 * Math.cos(2 * g) +
    0.000907 * Math.sin(2 * g) -
    0.002697 * Math.cos(3 * g) +
    0.00148 * Math.sin(3 * g);
  const lat = (HUE_LAT * Math.PI) / 180;
  const zenith = (90.833 * Math.PI) / 180;
  const ha =
    (Math.acos(Math.cos(zenith) / (Math.cos(lat) * Math.cos(decl)) - Math.tan(lat) * Math.tan(decl)) * 180) /
    Math.PI;
  const offsetMin = UTC_OFFSET_MS / MINUTE_MS;
  const times = {
    sunrise: 720 - 4 * (HUE_LON + ha) - eqTime + offsetMin,
    sunset: 720 - 4 * (HUE_LON - ha) - eqTime + offsetMin,
  };
  if (cache.size > 4000) cache.clear();
  cache.set(day, times);
  return times;
}
