import { lampWardIndex, savedShare, type PowerSeries } from '../../../shared/lighting/energy';
import { HUE, localDay, localMidnight, type Place } from '../../../shared/lighting/sun';
import { CHART_SPAN_MS } from './powerChart';
import { baselineBetweenWh } from './nights';
import { wardLampCounts } from './wardSavings';

/** What the panel needs of the lamp inventory, built once per inventory load. */
export interface LampInventory {
  /** the lamp columns' cabinet array it was built from: a new load replaces that array */
  cabinetOfLamp: ArrayLike<number>;
  wardOfLamp: Uint16Array;
  /** per ward, indexed like the ward list */
  lampCounts: Uint32Array;
  /** every lamp's rating added up, in watts */
  ratedW: number;
}

export function lampInventory(
  lamps: { count: number; cabinet: ArrayLike<number>; watts: ArrayLike<number> },
  cabinets: readonly { ward: string }[],
  wardCodes: readonly string[],
): LampInventory {
  const wardOfLamp = lampWardIndex(lamps.cabinet, cabinets, wardCodes);
  const n = Math.min(lamps.count, lamps.watts.length);
  let ratedW = 0;
  for (let i = 0; i < n; i++) ratedW += lamps.watts[i]!;
  return {
    cabinetOfLamp: lamps.cabinet,
    wardOfLamp,
    lampCounts: wardLampCounts(wardOfLamp, wardCodes.length),
    ratedW,
  };
}

/** The city-wide energy figures at one moment, from the power sampled since the page opened. */
export interface EnergyTotals {
  /** city time of the oldest sample held: the page has no history before it */
  firstSample: number | null;
  /** start of "today" as far as it is known: local midnight, or the first sample if later */
  since: number;
  todayWh: number;
  baselineWh: number;
  /** share of the baseline saved since `since`; null while the baseline is 0 (no night yet) */
  saved: number | null;
  /** the chart's samples, last 24 hours */
  points: [number, number][];
}

/**
 * Energy today and its dusk-to-dawn baseline over the same span. The hub sends no history, so the
 * span starts at the later of the city's midnight and the first sample: a sum from midnight would
 * count the hours before the page opened as drawing nothing and show a saving that never happened.
 */
export function energyTotals(
  series: PowerSeries,
  now: number,
  ratedW: number,
  place: Place = HUE,
): EnergyTotals {
  const points = series.points(now - CHART_SPAN_MS, now);
  const firstSample = series.points(-Infinity, now)[0]?.[0] ?? null;
  const midnight = localMidnight(localDay(now, place), place);
  const since = firstSample === null ? now : Math.max(midnight, firstSample);
  const todayWh = series.energyWh(since, now);
  const baselineWh = baselineBetweenWh(ratedW, since, now, place);
  return { firstSample, since, todayWh, baselineWh, saved: savedShare(todayWh, baselineWh), points };
}
