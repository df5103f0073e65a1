import { sparklinePaths } from './sparkline';

const W = 100;
const H = 30;

/**
 * A tile's sparkline: the recent trend's shape and nothing else (the tile prints the figures beside
 * it), stretched to its box. Plain SVG, not a chart instance: a wall or a briefing shows a dozen of
 * them, and each ECharts instance costs its own canvas and setup.
 */
export function Sparkline({
  points,
  bad,
  className,
}: {
  points: readonly (readonly [number, number])[];
  /** drawn in the "below target" colour */
  bad: boolean;
  className?: string;
}) {
  const { line, area } = sparklinePaths(points, W, H);
  const colour = bad ? 'var(--bad)' : 'var(--accent)';
  return (
    <svg className={className} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
      <path d={area} fill={colour} fillOpacity={0.15} stroke="none" />
      <path
        d={line}
        fill="none"
        stroke={colour}
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
    </svg>
  );
}
