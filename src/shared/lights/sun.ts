// Sunrise and sunset for the lighting schedules (issue 5), shared by the hub's simulator and the browser
// so that both switch the lamps at the same instant. NOAA's solar calculator equations (Meeus, low
// precision): good to well under a minute at Huế's latitude, far better than the lamps need, and cheap
// enough to memoise per day.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Julian day of the Unix epoch, 1970-01-01T00:00Z. */
const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian day of J2000.0, 2000-01-01T12:00 TT (the ~1 min between TT and UTC is far below our needs). */
const JD_J2000 = 2_451_545;
/** Sun's centre 50' below the horizon: 16' semi-diameter (upper limb) plus 34' of refraction. */
const ZENITH_DEG = 90.833;

/** A city as the lighting needs it: where the sun is and which fixed offset its clocks keep. */
export interface Place {
  /** degrees, north positive */
  lat: number;
  /** degrees, east positive */
  lon: number;
  /** Vietnam keeps one offset all year (no DST), so a number is enough; no time-zone database needed. */
  utcOffsetHours: number;
}

/** Huế city centre; UTC+7 all year. */
export const HUE: Place = Object.freeze({ lat: 16.4637, lon: 107.5909, utcOffsetHours: 7 });

/** Epoch ms of the sun's upper limb crossing the horizon, on the local day asked for. */
export interface SunTimes {
  sunrise: number;
  sunset: number;
}

const offsetMs = (place: Place): number => place.utcOffsetHours * HOUR_MS;

/** Days since 1970-01-01 in the place's local time: the calendar day a local clock shows at t. */
export function localDay(t: number, place: Place = HUE): number {
  return Math.floor((t + offsetMs(place)) / DAY_MS);
}

/** Epoch ms of the local midnight that starts local day `day`. */
export function localMidnight(day: number, place: Place = HUE): number {
  return day * DAY_MS - offsetMs(place);
}

/** Milliseconds since the local midnight before t, in [0, DAY_MS). */
export function localMsOfDay(t: number, place: Place = HUE): number {
  return t - localMidnight(localDay(t, place), place);
}

const rad = (deg: number): number => (deg * Math.PI) / 180;
const deg = (r: number): number => (r * 180) / Math.PI;

/** What the events need of the sun's position at one instant. */
interface SolarPosition {
  /** declination, radians */
  decl: number;
  /** equation of time, minutes (apparent minus mean solar time) */
  eqTimeMin: number;
}

/** NOAA solar calculator, step by step as in its spreadsheet, at epoch ms t. */
function solarPosition(t: number): SolarPosition {
  const jd = t / DAY_MS + JD_UNIX_EPOCH;
  const T = (jd - JD_J2000) / 36_525; // Julian centuries since J2000
  const meanLong = (((280.46646 + T * (36_000.76983 + T * 0.0003032)) % 360) + 360) % 360;
  const meanAnom = 357.52911 + T * (35_999.05029 - 0.0001537 * T);
  const ecc = 0.016708634 - T * (0.000042037 + 0.0000001267 * T);
  const m = rad(meanAnom);
  const centre =
    Math.sin(m) * (1.914602 - T * (0.004817 + 0.000014 * T)) +
    Math.sin(2 * m) * (0.019993 - 0.000101 * T) +
    Math.sin(3 * m) * 0.000289;
  const trueLong = meanLong + centre;
  // Nutation and aberration, through the longitude of the Moon's ascending node.
  const omega = rad(125.04 - 1934.136 * T);
  const apparentLong = trueLong - 0.00569 - 0.00478 * Math.sin(omega);
  const meanObliq = 23 + (26 + (21.448 - T * (46.815 + T * (0.00059 - T * 0.001813))) / 60) / 60;
  const obliq = rad(meanObliq + 0.00256 * Math.cos(omega));
  const decl = Math.asin(Math.sin(obliq) * Math.sin(rad(apparentLong)));
  const y = Math.tan(obliq / 2) ** 2;
  const l0 = rad(meanLong);
  const eqTime =
    y * Math.sin(2 * l0) -
    2 * ecc * Math.sin(m) +
    4 * ecc * y * Math.sin(m) * Math.cos(2 * l0) -
    0.5 * y * y * Math.sin(4 * l0) -
    1.25 * ecc * ecc * Math.sin(2 * m);
  return { decl, eqTimeMin: 4 * deg(eqTime) };
}

/**
 * Hour angle of sunrise in degrees (sunset is its negative). Throws where the sun does not cross the
 * horizon that day: a NaN would turn into lamps that never switch, silently.
 */
function sunriseHourAngle(place: Place, decl: number, day: number): number {
  const lat = rad(place.lat);
  const cosH = Math.cos(rad(ZENITH_DEG)) / (Math.cos(lat) * Math.cos(decl)) - Math.tan(lat) * Math.tan(decl);
  if (!(cosH >= -1 && cosH <= 1)) {
    const what = cosH < -1 ? 'polar day (the sun never sets)' : 'polar night (the sun never rises)';
    throw new RangeError(
      `no sunrise or sunset at lat ${place.lat}, lon ${place.lon} on local day ${day}: ${what}`,
    );
  }
  return deg(Math.acos(cosH));
}

/**
 * Epoch ms of sunrise (sign -1) or sunset (+1) near solar noon `noon`. The sun's declination and the
 * equation of time are taken at the event itself, not at noon: two rounds of recomputing bring the
 * result to within a second of the fixed point (the first guess is already within ~20 s at Huế).
 */
function eventNear(place: Place, day: number, noon: number, sign: 1 | -1): number {
  let t = noon;
  for (let round = 0; round < 3; round++) {
    const { decl, eqTimeMin } = solarPosition(t);
    const ha = sunriseHourAngle(place, decl, day);
    t = solarNoonWith(place, day, eqTimeMin) + sign * 4 * ha * MINUTE_MS;
  }
  return t;
}

/** Solar noon of local day `day`, for a given equation of time: the transit closest to local noon. */
function solarNoonWith(place: Place, day: number, eqTimeMin: number): number {
  // Transit on the UTC calendar date with the same number; a place whose offset is far from its
  // longitude's (lon/15 h) may need the neighbouring one.
  const transit = day * DAY_MS + (720 - 4 * place.lon - eqTimeMin) * MINUTE_MS;
  const localNoon = localMidnight(day, place) + DAY_MS / 2;
  return transit + Math.round((localNoon - transit) / DAY_MS) * DAY_MS;
}

/** Days from the epoch beyond which the equations drift (and more likely an epoch ms was passed). */
const MAX_ABS_DAY = 100_000;
/** Enough days for every cabinet of a few cities over a couple of years of simulated time. */
const CACHE_LIMIT = 2048;
const cache = new Map<string, Readonly<SunTimes>>();

/**
 * Sunrise and sunset of local day `day` (see localDay) at `place`, in epoch ms. Memoised per (place,
 * day), with the oldest entries dropped beyond a bound, since the schedules ask for the same days over
 * and over. Throws a RangeError on polar day or night (impossible in Vietnam) rather than returning
 * NaN, and on a day that is not a whole number of days within ~270 years of 1970 (an epoch ms passed
 * where a day was meant would otherwise give a plausible-looking wrong answer).
 */
export function sunTimes(place: Place, day: number): Readonly<SunTimes> {
  if (!Number.isInteger(day) || Math.abs(day) > MAX_ABS_DAY) {
    throw new RangeError(`sunTimes: day must be a local day number (see localDay), got ${day}`);
  }
  const key = `${place.lat},${place.lon},${place.utcOffsetHours},${day}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const noon = solarNoonWith(place, day, solarPosition(localMidnight(day, place) + DAY_MS / 2).eqTimeMin);
  const times = Object.freeze({
    sunrise: Math.round(eventNear(place, day, noon, -1)),
    sunset: Math.round(eventNear(place, day, noon, 1)),
  });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, times);
  return times;
}
