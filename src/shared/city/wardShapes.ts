/** Where the page finds the ward boundaries (public/data/hue; see its SOURCES.md). */
export const WARD_SHAPES_URL = '/data/hue/wards-2025.geojson';

type Ring = number[][];

/** One ward or commune as the boundary file gives it: its code (`id`), name and population, and its outline. */
export interface WardFeature {
  type: 'Feature';
  properties: { id: string; name: string; population: number };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

let shapes: Promise<readonly WardFeature[]> | null = null;
let loaded: readonly WardFeature[] | null = null;

/**
 * The ward boundaries, fetched once per page however many views ask for them (the file is 120 kB).
 * A failed fetch resolves to no wards, so that a view draws without them, and is tried again on the
 * next call.
 */
export function loadWardShapes(): Promise<readonly WardFeature[]> {
  shapes ??= fetch(WARD_SHAPES_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`${WARD_SHAPES_URL}: HTTP ${r.status}`);
      return r.json() as Promise<{ features: WardFeature[] }>;
    })
    .then((g) => {
      if (!Array.isArray(g.features)) throw new Error(`${WARD_SHAPES_URL}: no features`);
      return (loaded = g.features);
    })
    .catch(() => {
      shapes = null;
      return [];
    });
  return shapes;
}

/** The ward boundaries if they have loaded, else null: lets a view mounted later draw them at once. */
export function loadedWardShapes(): readonly WardFeature[] | null {
  return loaded;
}

/** The outer and inner rings of a ward's outline, whichever geometry it has. */
export function wardRings(f: WardFeature): Ring[] {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
}
