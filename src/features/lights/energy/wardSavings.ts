import { savedShare, type WardEnergy } from '../../../shared/lights/energy';

/** One row of the panel's ward list. */
export interface WardSaving {
  /** index into the ward list */
  ward: number;
  lamps: number;
  /** share of the working lamps' rating not drawn now; null when the ward has no working lamp */
  saved: number | null;
}

/** Lamps per ward from the lamp-to-ward index (lampWardIndex); lamps of no known ward are left out. */
export function wardLampCounts(wardOfLamp: ArrayLike<number>, wardCount: number): Uint32Array {
  const out = new Uint32Array(wardCount);
  for (let i = 0; i < wardOfLamp.length; i++) {
    const w = wardOfLamp[i]!;
    if (w < wardCount) out[w]! += 1;
  }
  return out;
}

/**
 * The saving now in the `limit` wards with most lamps, biggest first. Faulted lamps are taken out of
 * the rating: a dark lamp is a failure, not a saving. Null while no lamp of any ward draws anything:
 * by day every lamp is off and "100 % saved" would be true and meaningless.
 */
export function topWardSavings(
  energy: WardEnergy,
  lampCounts: ArrayLike<number>,
  limit: number,
): WardSaving[] | null {
  const wardCount = Math.min(lampCounts.length, energy.drawW.length);
  let drawn = 0;
  for (let w = 0; w < wardCount; w++) drawn += energy.drawW[w]!;
  if (!(drawn > 0)) return null;
  const wards: number[] = [];
  for (let w = 0; w < wardCount; w++) if (lampCounts[w]! > 0) wards.push(w);
  wards.sort((a, b) => lampCounts[b]! - lampCounts[a]! || a - b);
  return wards.slice(0, limit).map((w) => ({
    ward: w,
    lamps: lampCounts[w]!,
    saved: savedShare(energy.drawW[w]!, energy.ratedW[w]! - energy.faultW[w]!),
  }));
}
