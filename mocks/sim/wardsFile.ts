import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The simulator's one read from disk, at its edge: the wards' polygons, from the copy the page
// itself fetches (public/data/hue, whose SOURCES.md holds their licence). The generators stay pure.

// A path, not a URL: under a DOM test environment the global URL is the DOM's, which fs does not take.
const WARDS_2025 = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../public/data/hue/wards-2025.geojson',
);

/** The 40 wards and communes of Huế (2025), as the parsed GeoJSON FeatureCollection. */
export function readWards2025(): unknown {
  return JSON.parse(readFileSync(WARDS_2025, 'utf8'));
}
