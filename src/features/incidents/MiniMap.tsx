import { useMemo } from 'react';
import { wardRings, type WardFeature } from '../../shared/city/wardShapes';
import { useWardShapes } from '../../shared/ui/useWardShapes';

// One flat projection for the whole city, fixed at Huế's latitude: ward paths are built once per page
// and each incident only moves the SVG's viewBox, so stepping through the list costs no path building.
const UNITS_PER_DEGREE = 10_000;
const K = Math.cos((16.46 * Math.PI) / 180);
const LON0 = 107;
const LAT0 = 17;
const project = (lon: number, lat: number): [number, number] => [
  (lon - LON0) * UNITS_PER_DEGREE * K,
  (LAT0 - lat) * UNITS_PER_DEGREE,
];

interface WardPath {
  id: string;
  d: string;
}
// Paths by the page's one copy of the shapes: built by the first mini map, reused by every later one.
const pathsByShapes = new WeakMap<readonly WardFeature[], WardPath[]>();
function wardPaths(shapes: readonly WardFeature[]): WardPath[] {
  let paths = pathsByShapes.get(shapes);
  if (!paths) {
    paths = shapes.map((f) => ({
      id: f.properties.id,
      d: wardRings(f)
        .map(
          (r) =>
            `M${r
              .map((p) =>
                project(p[0]!, p[1]!)
                  .map((v) => v.toFixed(1))
                  .join(','),
              )
              .join('L')}Z`,
        )
        .join(''),
    }));
    pathsByShapes.set(shapes, paths);
  }
  return paths;
}

/** Degrees of longitude shown: about 3 km. */
const SPAN = 0.03;
const VIEW_W = SPAN * UNITS_PER_DEGREE * K;
const VIEW_H = VIEW_W * 0.6;
/** Marker sizes are given for a 300-unit-wide picture and scaled to the projection. */
const PX = VIEW_W / 300;

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
  const shapes = useWardShapes();
  const paths = useMemo(() => wardPaths(shapes), [shapes]);
  const [cx, cy] = project(lon, lat);
  return (
    <svg
      className="mini-map"
      viewBox={`${(cx - VIEW_W / 2).toFixed(1)} ${(cy - VIEW_H / 2).toFixed(1)} ${VIEW_W.toFixed(1)} ${VIEW_H.toFixed(1)}`}
      role="img"
      aria-label={`${lat.toFixed(5)}, ${lon.toFixed(5)}`}
    >
      <rect x={cx - VIEW_W / 2} y={cy - VIEW_H / 2} width={VIEW_W} height={VIEW_H} className="mini-map-bg" />
      {paths.map((p) => (
        <path
          key={p.id}
          d={p.d}
          vectorEffect="non-scaling-stroke"
          className={p.id === ward ? 'mini-map-ward own' : 'mini-map-ward'}
        />
      ))}
      <circle
        cx={cx}
        cy={cy}
        r={14 * PX}
        fill="none"
        stroke={color}
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        opacity="0.6"
      />
      <circle
        cx={cx}
        cy={cy}
        r={6 * PX}
        fill={color}
        stroke="#05080f"
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
