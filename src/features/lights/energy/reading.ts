import { lampWardIndex } from '../../../shared/lights/energy';
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
