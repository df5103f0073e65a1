import { baselineWh, savedShare, type PowerSeries } from './energy';
import { HUE, localDay, localMidnight, sunTimes, type Place } from './sun';

// The lighting's day as the wall and the hub report it: the nights the baseline burns over, and the
// energy so far today against that baseline.

/** The power chart's span and the history the hub keeps: the last 24 hours. */
export const DAY_SPAN_MS = 24 * 3_600_000;

/**
 * The nights (sunset to next sunrise) overlapping [from, to], clipped to it, oldest first. The
 * baseline the savings are measured against burns every lamp at full power over exactly these
 * pieces, so the chart's dashed line and the panel's "baseline so far" come from the same list.
 */
export function nightsBetween(from: number, to: number, place: Place = HUE): [number, number][] {
  if (!(to > from)) return [];
  const out: [number, number][] = [];
  // The night that began the evening before `from`'s day may still be running at `from`.
  for (let day = localDay(from, place) - 1; day <= localDay(to, place); day++) {
    const a = Math.max(sunTimes(place, day).sunset, from);
    const b = Math.min(sunTimes(place, day + 1).sunrise, to);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** Watt-hours of the dusk-to-dawn baseline over [from, to]: every lamp at its rating, by night only. */
export function baselineBetweenWh(ratedW: number, from: number, to: number, place: Place = HUE): number {
  return nightsBetween(from, to, place).reduce((sum, [a, b]) => sum + baselineWh(ratedW, a, b), 0);
}

/** The city-wide energy figures at one moment, from the power samples held. */
export interface EnergyTotals {
  /** city time of the oldest sample held: nothing is known before it */
  firstSample: number | null;
  /** start of "today" as far as it is known: local midnight, or the first sample if later */
  since: number;
  todayWh: number;
  baselineWh: number;
  /** share of the baseline saved since `since`; null while the baseline is 0 (no night yet) */
  saved: number | null;
  /** the samples of the last `spanMs` (24 hours), oldest first */
  points: [number, number][];
}

/**
 * Energy today and its dusk-to-dawn baseline over the same span. The span starts at the later of the
 * city's midnight and the first sample: a sum from midnight over a history that starts later would
 * count the hours before it as drawing nothing and show a saving that never happened.
 */
export function energyTotals(
  series: PowerSeries,
  now: number,
  ratedW: number,
  place: Place = HUE,
  spanMs = DAY_SPAN_MS,
): EnergyTotals {
  const points = series.window(now - spanMs, now);
  const firstSample = series.first();
  const midnight = localMidnight(localDay(now, place), place);
  const since = firstSample === null ? now : Math.max(midnight, firstSample);
  const todayWh = series.energyWh(since, now);
  const baselineWh = baselineBetweenWh(ratedW, since, now, place);
  return { firstSample, since, todayWh, baselineWh, saved: savedShare(todayWh, baselineWh), points };
}
