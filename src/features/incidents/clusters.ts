import { SEVERITIES, type Severity } from '../../shared/protocol/codes';

export interface Located {
  id: string;
  severity: Severity;
  location: { lon: number; lat: number };
}

export interface Cluster {
  /** the id of the cluster's first incident: stable while the cluster lasts */
  key: string;
  position: [number, number];
  count: number;
  worst: Severity;
  ids: string[];
}

const rank = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** Web-Mercator x, y in [0, 1). */
function mercator(lon: number, lat: number): [number, number] {
  const s = Math.sin((lat * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/**
 * Groups incidents that lie within `radiusPx` pixels of a cluster's first incident at `zoom` (greedy,
 * in input order, with a grid to find the candidates). A plain grid would split two neighbours that
 * straddle a cell border. Each cluster sits at the mean of its incidents and takes the worst severity
 * among them. Pure: the map calls it when the incidents or the zoom bucket change, never per frame.
 */
export function clusterIncidents(items: readonly Located[], zoom: number, radiusPx = 40): Cluster[] {
  const worldPx = 256 * 2 ** zoom;
  const r = radiusPx / worldPx;
  const grid = new Map<string, number[]>();
  const seeds: {
    x: number;
    y: number;
    lon: number;
    lat: number;
    count: number;
    worst: Severity;
    ids: string[];
  }[] = [];
  for (const it of items) {
    const [x, y] = mercator(it.location.lon, it.location.lat);
    const gx = Math.floor(x / r);
    const gy = Math.floor(y / r);
    let best = -1;
    let bestD = r * r;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const k of grid.get(`${gx + dx}:${gy + dy}`) ?? []) {
          const s = seeds[k]!;
          const d = (s.x - x) ** 2 + (s.y - y) ** 2;
          if (d <= bestD) {
            bestD = d;
            best = k;
          }
        }
      }
    }
    if (best < 0) {
      const key = `${gx}:${gy}`;
      grid.set(key, [...(grid.get(key) ?? []), seeds.length]);
      seeds.push({
        x,
        y,
        lon: it.location.lon,
        lat: it.location.lat,
        count: 1,
        worst: it.severity,
        ids: [it.id],
      });
    } else {
      const c = seeds[best]!;
      c.lon += it.location.lon;
      c.lat += it.location.lat;
      c.count++;
      c.ids.push(it.id);
      if (rank[it.severity] > rank[c.worst]) c.worst = it.severity;
    }
  }
  return seeds.map((c) => ({
    key: c.ids[0]!,
    position: [c.lon / c.count, c.lat / c.count],
    count: c.count,
    worst: c.worst,
    ids: c.ids,
  }));
}
