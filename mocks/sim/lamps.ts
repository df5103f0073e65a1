// Streetlight inventory and schedule. Lamps stand along jittered street grids inside the urban wards
// and are wired to control cabinets of about 50 lamps, each cabinet inside one ward. Everything is
// kept in typed arrays: the city runs 50,000 lamps.
import { Rng } from './rng';
import { MINUTE_MS } from './sun';
import { HUE_WARDS, URBAN_WARD_CODES, isInWard, round6, wardAt, wardBbox, type HueWard } from './wards';

/** Where the city's lit streets are: the urban core with its near suburbs. */
export const LAMP_EXTENT = { west: 107.53, south: 16.42, east: 107.65, north: 16.53 } as const;

export interface Cabinet {
  id: string;
  ward: string;
  /** lamps [start, end) belong to this cabinet: a cabinet's lamps are contiguous */
  start: number;
  end: number;
  /** how late this cabinet's clock switches after the city schedule: staggers the city's switching */
  offsetMs: number;
  /** the lighting schedule it follows (an id of HUE_SCHEDULES) */
  group: string;
}

export interface LampLayout {
  count: number;
  lon: Float64Array;
  lat: Float64Array;
  cabinet: Uint32Array;
  watts: Uint16Array;
  cabinets: Cabinet[];
}

const LAMP_SPACING_M = 32;
const CABINET_SIZE = 50;
const MAX_STAGGER_MS = 10 * MINUTE_MS;
const WATTAGES = [60, 80, 100, 120, 150] as const;
const WATTAGE_WEIGHTS = [2, 3, 3, 2, 1];

interface StreetPiece {
  family: number;
  offset: number;
  along: number;
  lon: number[];
  lat: number[];
  watts: number;
}

function insideExtent(lon: number, lat: number): boolean {
  const e = LAMP_EXTENT;
  return lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north;
}

/** Area (km²) of each urban ward inside the lamp extent, by sampling a grid. */
function urbanAreasInExtent(): Map<string, number> {
  const e = LAMP_EXTENT;
  const n = 80;
  const dLon = (e.east - e.west) / n;
  const dLat = (e.north - e.south) / n;
  const midLat = (e.north + e.south) / 2;
  const cellKm2 = dLon * 111.32 * Math.cos((midLat * Math.PI) / 180) * (dLat * 110.57);
  const areas = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const code = wardAt(e.west + (i + 0.5) * dLon, e.south + (j + 0.5) * dLat)?.code;
      if (code && URBAN_WARD_CODES.includes(code)) areas.set(code, (areas.get(code) ?? 0) + cellKm2);
    }
  }
  return areas;
}

/** Splits `total` in proportion to `weights` (largest remainder), so the parts sum exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * One pass of a rotated, jittered street grid over the ward: runs of lamps every ~32 m along gently
 * curving lines, cut where a line leaves the ward.
 */
function streetGrid(
  rng: Rng,
  ward: HueWard,
  angle: number,
  spacingM: number,
  phase: number,
  out: StreetPiece[],
): number {
  const [bw, bs, be, bn] = wardBbox(ward.code);
  const west = Math.max(bw, LAMP_EXTENT.west);
  const east = Math.min(be, LAMP_EXTENT.east);
  const south = Math.max(bs, LAMP_EXTENT.south);
  const north = Math.min(bn, LAMP_EXTENT.north);
  if (west >= east || south >= north) return 0;
  const lon0 = (west + east) / 2;
  const lat0 = (south + north) / 2;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_574;
  const halfW = ((east - west) * kx) / 2;
  const halfH = ((north - south) * ky) / 2;
  const reach = Math.hypot(halfW, halfH);
  let added = 0;
  for (let family = 0; family < 2; family++) {
    const a = angle + (family * Math.PI) / 2;
    const ux = Math.cos(a);
    const uy = Math.sin(a);
    for (let off = -reach + phase * spacingM; off <= reach; off += spacingM) {
      const offset = off + rng.range(-0.15, 0.15) * spacingM;
      const amp = rng.range(0, 25);
      const wave = rng.range(300, 900);
      const shift = rng.range(0, 2 * Math.PI);
      const watts = WATTAGES[rng.weighted(WATTAGE_WEIGHTS)] ?? 100;
      let piece: StreetPiece | undefined;
      for (let s = -reach; s <= reach; s += LAMP_SPACING_M + rng.range(-3, 3)) {
        const side = offset + amp * Math.sin((2 * Math.PI * s) / wave + shift) + rng.range(-1.5, 1.5);
        const x = s * ux - side * uy;
        const y = s * uy + side * ux;
        const lon = round6(lon0 + x / kx);
        const lat = round6(lat0 + y / ky);
        if (insideExtent(lon, lat) && isInWard(ward.code, lon, lat)) {
          if (!piece) piece = { family, offset, along: s, lon: [], lat: [], watts };
          piece.lon.push(lon);
          piece.lat.push(lat);
        } else if (piece) {
          if (piece.lon.length >= 3) {
            out.push(piece);
            added += piece.lon.length;
          }
          piece = undefined;
        }
      }
      if (piece && piece.lon.length >= 3) {
        out.push(piece);
        added += piece.lon.length;
      }
    }
  }
  return added;
}

/** Street pieces of one ward holding at least `quota` lamps. */
function wardStreets(rng: Rng, ward: HueWard, quota: number, areaKm2: number): StreetPiece[] {
  // The citadel and its quarter follow the citadel's diagonal grid; other wards get their own.
  const angle = ward.code === '19753' ? Math.PI / 4 : rng.range(0, Math.PI / 2);
  const wanted = quota * 1.25;
  const spacing = Math.min(400, Math.max(45, (2 * areaKm2 * 1e6) / (wanted * LAMP_SPACING_M)));
  const pieces: StreetPiece[] = [];
  let found = 0;
  const phases = [0, 0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875];
  for (const phase of phases) {
    found += streetGrid(rng, ward, angle, spacing, phase, pieces);
    if (found >= quota) break;
  }
  if (found < quota) throw new Error(`ward ${ward.code}: room for ${found} lamps, ${quota} wanted`);
  return pieces;
}

/** The Imperial City (Đại Nội) and its walls: heritage lighting. */
const CITADEL = { west: 107.566, south: 16.459, east: 107.589, north: 16.481 } as const;

/**
 * A cabinet's schedule group: heritage lighting inside the citadel, the main-road schedule for one
 * cabinet in four elsewhere (deterministic, so the layout's random draws stay as they were),
 * residential streets for the rest.
 */
function groupOf(
  ward: string,
  lon: Float64Array,
  lat: Float64Array,
  start: number,
  end: number,
  index: number,
): string {
  let x = 0;
  let y = 0;
  for (let i = start; i < end; i++) {
    x += lon[i]!;
    y += lat[i]!;
  }
  const n = Math.max(1, end - start);
  const [cx, cy] = [x / n, y / n];
  if (ward === '19753' && cx > CITADEL.west && cx < CITADEL.east && cy > CITADEL.south && cy < CITADEL.north)
    return 'di-tich';
  return index % 4 === 0 ? 'truc-chinh' : 'dan-cu';
}

export function buildLampLayout(seed: number, count: number): LampLayout {
  const rng = new Rng(seed);
  const areas = urbanAreasInExtent();
  const urban = HUE_WARDS.filter((w) => URBAN_WARD_CODES.includes(w.code));
  const weights = urban.map((w) => w.population * Math.min(1, (areas.get(w.code) ?? 0) / w.areaKm2));
  const quotas = apportion(count, weights);

  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const cabinet = new Uint32Array(count);
  const watts = new Uint16Array(count);
  const cabinets: Cabinet[] = [];
  let next = 0;

  urban.forEach((ward, w) => {
    const quota = quotas[w] ?? 0;
    if (quota === 0) return;
    const pieces = wardStreets(rng, ward, quota, areas.get(ward.code) ?? 0);
    for (let i = pieces.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [pieces[i], pieces[j]] = [pieces[j]!, pieces[i]!];
    }
    // Light whole streets first, then wire neighbouring streets to the same cabinets.
    const chosen: StreetPiece[] = [];
    let taken = 0;
    for (const piece of pieces) {
      if (taken >= quota) break;
      const keep = Math.min(piece.lon.length, quota - taken);
      chosen.push({ ...piece, lon: piece.lon.slice(0, keep), lat: piece.lat.slice(0, keep) });
      taken += keep;
    }
    chosen.sort((a, b) => a.family - b.family || a.offset - b.offset || a.along - b.along);

    const first = next;
    for (const piece of chosen) {
      for (let k = 0; k < piece.lon.length; k++) {
        lon[next] = piece.lon[k]!;
        lat[next] = piece.lat[k]!;
        watts[next] = piece.watts;
        next++;
      }
    }
    const nCab = Math.max(1, Math.round(quota / CABINET_SIZE));
    let start = first;
    for (let c = 0; c < nCab; c++) {
      const cut = first + Math.round(((c + 1) * quota) / nCab) + rng.int(-6, 6);
      const end = c === nCab - 1 ? first + quota : Math.min(first + quota - 1, Math.max(start + 1, cut));
      const index = cabinets.length;
      cabinets.push({
        id: `CAB-${ward.code}-${String(c + 1).padStart(3, '0')}`,
        ward: ward.code,
        start,
        end,
        offsetMs: Math.round(rng.range(0, MAX_STAGGER_MS) / 1000) * 1000,
        group: groupOf(ward.code, lon, lat, start, end, index),
      });
      cabinet.fill(index, start, end);
      start = end;
    }
  });
  return { count, lon, lat, cabinet, watts, cabinets };
}
