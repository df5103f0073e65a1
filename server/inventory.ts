import { z } from 'zod';
import { cabinetSchema, cameraSchema, type CityState } from '../src/shared/protocol/events';

/**
 * What a city is made of, as its first producer describes it: cameras, lamps and their cabinets.
 * The hub checks events against it (a lamp index, a camera id) and stores it once.
 */
export const inventorySchema = z
  .object({
    city: z.string().min(1).max(100),
    cameras: z.array(cameraSchema).max(20_000),
    lamps: z.object({
      count: z.number().int().min(0).max(500_000),
      lon: z.array(z.number().min(-180).max(180)),
      lat: z.array(z.number().min(-90).max(90)),
      cabinet: z.array(z.number().int().min(0)),
      watts: z.array(z.number().min(0).max(10_000)),
      cabinets: z.array(cabinetSchema.omit({ status: true })).max(50_000),
    }),
  })
  .refine(
    (inv) =>
      [inv.lamps.lon, inv.lamps.lat, inv.lamps.cabinet, inv.lamps.watts].every(
        (c) => c.length === inv.lamps.count,
      ),
    { message: 'every lamp column must hold `count` entries', path: ['lamps'] },
  )
  .refine((inv) => inv.lamps.cabinet.every((c) => c < inv.lamps.cabinets.length), {
    message: 'a lamp names a cabinet index beyond `cabinets`',
    path: ['lamps', 'cabinet'],
  });

export type Inventory = z.infer<typeof inventorySchema>;

/** The inventory of a state: its cameras and the lamp columns that never change (not their state). */
export function inventoryOf(
  state: Pick<CityState, 'city' | 'cameras'> & { lamps: Omit<CityState['lamps'], 'state' | 'level'> },
): Inventory {
  const { lamps } = state;
  return {
    city: state.city,
    cameras: state.cameras,
    lamps: {
      count: lamps.count,
      lon: lamps.lon,
      lat: lamps.lat,
      cabinet: lamps.cabinet,
      watts: lamps.watts,
      cabinets: lamps.cabinets.map(({ status: _status, ...c }) => c),
    },
  };
}
