import { useEffect, useMemo, useState } from 'react';

interface WardShape {
  properties: { id: string; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

// The ward shapes load once per page, for every mini map.
let wardsPromise: Promise<WardShape[]> | null = null;
function loadWards(): Promise<WardShape[]> {
  wardsPromise ??= fetch('/data/hue/wards-2025.geojson')
    .then((r) => r.json() as Promise<{ features: WardShape[] }>)
    .then((g) => g.features)
    .catch(() => []);
  return wardsPromise;
}

function rings(g: WardShape['geometry']): number[][][] {
  return g.type === 'Polygon' ? (g.coordinates as number[][][]) : (g.coordinates as number[][][][]).flat();
}

const SPAN = 0.03; // degrees of longitude shown: about 3 km

/**
 * A small, flat map around one incident: the ward boundaries near it and a marker. SVG, no WebGL: the
 * console can show it beside a list of thousands without a second map engine.
 */
export function MiniMap({
  lon,
  lat,
  ward,
  color,
}: {
  lon: number;
  lat: number;
  ward?: string;
  color: string;
}) {
  const [wards, setWards] = useState<WardShape[]>([]);
  useEffect(() => {
    let live = true;
    void loadWards().then((w) => live && setWards(w));
    return () => {
      live = false;
    };
  }, []);
  const k = Math.cos((lat * Math.PI) / 180);
  const [w, h] = [SPAN, (SPAN * k * 0.6) / 1];
  const x0 = lon - w / 2;
  const y0 = lat + h / 2;
  const toXY = (p: number[]) =>
    `${(((p[0]! - x0) / w) * 300).toFixed(1)},${(((y0 - p[1]!) / h) * 180).toFixed(1)}`;
  const paths = useMemo(
    () =>
      wards.map((f) => ({
        id: f.properties.id,
        d: rings(f.geometry)
          .map((r) => `M${r.map(toXY).join('L')}Z`)
          .join(''),
      })),
    // The projection depends only on the incident's position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [wards, lon, lat],
  );
  return (
    <svg
      className="mini-map"
      viewBox="0 0 300 180"
      role="img"
      aria-label={`${lat.toFixed(5)}, ${lon.toFixed(5)}`}
    >
      <rect width="300" height="180" className="mini-map-bg" />
      {paths.map((p) => (
        <path key={p.id} d={p.d} className={p.id === ward ? 'mini-map-ward own' : 'mini-map-ward'} />
      ))}
      <circle cx="150" cy="90" r="14" fill="none" stroke={color} strokeWidth="2" opacity="0.6" />
      <circle cx="150" cy="90" r="6" fill={color} stroke="#05080f" strokeWidth="2" />
    </svg>
  );
}
