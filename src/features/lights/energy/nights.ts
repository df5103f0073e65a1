import { baselineWh } from '../../../shared/lighting/energy';
import { HUE, localDay, sunTimes, type Place } from '../../../shared/lighting/sun';

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
