import wards from './hue-wards.json';

/**
 * The 40 wards and communes of Huế (2025), from the geodata in public/data/hue (see its SOURCES.md).
 * Names are proper nouns: the same in both languages.
 */
export interface Ward {
  code: string;
  name: string;
  type: string;
  population: number;
  center: [number, number];
  /** a representative point inside the ward (open-admin-data), where its name is drawn */
  point: [number, number];
}

export const HUE_WARDS = wards as Ward[];
const byCode = new Map(HUE_WARDS.map((w) => [w.code, w]));

/** Residents by ward code: the one population every per-resident measure divides by. */
export const WARD_POPULATION: ReadonlyMap<string, number> = new Map(
  HUE_WARDS.map((w) => [w.code, w.population]),
);

export function wardName(code: string | undefined): string | null {
  return code ? (byCode.get(code)?.name ?? null) : null;
}
