import { readFileSync } from 'node:fs';

// The simulator's one read from disk, at its edge: the wards' polygons, from the copy the page
// itself fetches (public/data/hue, whose SOURCES.md holds their licence). The generators stay pure.

const WARDS_2025 = new URL('../../public/data/hue/wards-2025.geojson', import.meta.url);

/** The 40 wards and communes of Huế (2025), as the parsed GeoJSON FeatureCollection. */
export function readWards2025(): unknown {
  return JSON.parse(readFileSync(WARDS_2025, 'utf8'));
}
