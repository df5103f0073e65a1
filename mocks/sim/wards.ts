// The 40 wards and communes of Huế (2025) with their polygons, and the point-in-polygon helpers the
// simulator (and the hub, for ingest checks) place and locate things with.
import { CITY_BOUNDS } from '../../src/shared/protocol/events';
import type { Rng } from './rng';
import { readWards2025 } from './wardsFile';

export interface HueWard {
  /** GSO code, 5 digits */
  code: string;
  name: string;
  type: 'Phường' | 'Xã';
  population: number;
  areaKm2: number;
  /** [lon, lat] */
  center: [number, number];
}

type Ring = number[][];
interface WardFeature {
  properties: {
    id: string;
    name: string;
    type: string;
    area: number;
    population: number;
    center: number[];
  };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** A ring as flat [lon0, lat0, lon1, lat1, ...] for a tight inner loop. */
interface WardShape {
  ward: HueWard;
  /** each polygon: outer ring first, holes after */
  polygons: Float64Array[][];
  bbox: [west: number, south: number, east: number, north: number];
}

const features = (readWards2025() as { features: WardFeature[] }).features;

const SHAPES: WardShape[] = features.map((f) => {
  const p = f.properties;
  const polys: Ring[][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const polygons = polys.map((rings) =>
    rings.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach(([lon = 0, lat = 0], i) => {
        flat[i * 2] = lon;
        flat[i * 2 + 1] = lat;
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      });
      return flat;
    }),
  );
  return {
    ward: {
      code: p.id,
      name: p.name,
      type: p.type === 'Xã' ? 'Xã' : 'Phường',
      population: p.population,
      areaKm2: p.area,
      center: [p.center[0] ?? 0, p.center[1] ?? 0],
    },
    polygons,
    bbox: [west, south, east, north],
  };
});

export const HUE_WARDS: readonly HueWard[] = SHAPES.map((s) => s.ward);

const SHAPE_BY_CODE = new Map(SHAPES.map((s) => [s.ward.code, s]));

export function wardByCode(code: string): HueWard | undefined {
  return SHAPE_BY_CODE.get(code)?.ward;
}

/**
 * The wards of the old city core (the "36 wards" of the seeds were merged into these in 2025).
 * Streetlights live here only.
 */
export const URBAN_WARD_CODES: readonly string[] = [
  '19753', // Phú Xuân: the citadel and Gia Hội
  '19789', // Thuận Hóa: the south bank centre
  '19777', // Vỹ Dạ
  '19815', // An Cựu
  '19774', // Kim Long
  '19804', // Hương An
  '19813', // Thủy Xuân
  '19909', // Dương Nỗ
  '19930', // Mỹ Thượng
];

function ringContains(ring: Float64Array, lon: number, lat: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i * 2]!;
    const yi = ring[i * 2 + 1]!;
    const xj = ring[j * 2]!;
    const yj = ring[j * 2 + 1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function shapeContains(shape: WardShape, lon: number, lat: number): boolean {
  const [w, s, e, n] = shape.bbox;
  if (lon < w || lon > e || lat < s || lat > n) return false;
  for (const rings of shape.polygons) {
    if (!ringContains(rings[0]!, lon, lat)) continue;
    let inHole = false;
    for (let h = 1; h < rings.length && !inHole; h++) inHole = ringContains(rings[h]!, lon, lat);
    if (!inHole) return true;
  }
  return false;
}

/**
 * The ward that holds a point, or undefined outside the city. Simplified borders may overlap by a few
 * metres; the first ward in file order wins, and the simulator places things by this same rule.
 */
export function wardAt(lon: number, lat: number): HueWard | undefined {
  for (const shape of SHAPES) if (shapeContains(shape, lon, lat)) return shape.ward;
  return undefined;
}

const SHAPE_INDEX = new Map(SHAPES.map((s, i) => [s.ward.code, i]));

/** Same answer as `wardAt(lon, lat)?.code === code`, but tests the ward itself first (a hot path). */
export function isInWard(code: string, lon: number, lat: number): boolean {
  const index = SHAPE_INDEX.get(code);
  const shape = index === undefined ? undefined : SHAPES[index];
  if (index === undefined || !shape || !shapeContains(shape, lon, lat)) return false;
  for (let i = 0; i < index; i++) if (shapeContains(SHAPES[i]!, lon, lat)) return false;
  return true;
}

export function wardBbox(code: string): [number, number, number, number] {
  const shape = SHAPE_BY_CODE.get(code);
  if (!shape) throw new Error(`unknown ward ${code}`);
  return shape.bbox;
}

/** The contract's bounds: a few border vertices of the southern communes lie just outside them. */
function inCityBounds(lon: number, lat: number): boolean {
  const b = CITY_BOUNDS;
  return lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A point inside the ward, drawn around its centre (where people live) and falling back to uniform
 * over the polygon. Coordinates are rounded to 6 decimals, and `wardAt` of the result is this ward.
 */
export function randomPointInWard(rng: Rng, code: string): [number, number] {
  const shape = SHAPE_BY_CODE.get(code);
  if (!shape) throw new Error(`unknown ward ${code}`);
  const [w, s, e, n] = shape.bbox;
  const [cx, cy] = shape.ward.center;
  // ~1/4 of the ward's size: most reports come from the settled middle, not the hills.
  const sigmaKm = Math.sqrt(shape.ward.areaKm2) / 4;
  const sigmaLat = sigmaKm / 111;
  const sigmaLon = sigmaKm / (111 * Math.cos((cy * Math.PI) / 180));
  for (let attempt = 0; attempt < 200; attempt++) {
    const around = attempt < 40;
    const lon = round6(around ? cx + rng.normal() * sigmaLon : rng.range(w, e));
    const lat = round6(around ? cy + rng.normal() * sigmaLat : rng.range(s, n));
    if (inCityBounds(lon, lat) && isInWard(code, lon, lat)) return [lon, lat];
  }
  return [round6(cx), round6(cy)];
}
