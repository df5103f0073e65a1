/**
 * A sparkline's shape: the points scaled into a `width`×`height` box (y up), as SVG path data for the
 * line and for the area under it. Time runs left to right by the points' own x (a missing month
 * leaves its gap in place, not closed up); a flat series sits in the middle. Empty for no points.
 */
export function sparklinePaths(
  points: readonly (readonly [number, number])[],
  width: number,
  height: number,
  pad = 2,
): { line: string; area: string } {
  if (points.length === 0) return { line: '', area: '' };
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const sx = (x: number) => (x1 === x0 ? width / 2 : pad + ((x - x0) / (x1 - x0)) * (width - 2 * pad));
  const sy = (y: number) =>
    y1 === y0 ? height / 2 : height - pad - ((y - y0) / (y1 - y0)) * (height - 2 * pad);
  const r = (n: number) => Math.round(n * 10) / 10;
  const coords = points.map(([x, y]) => `${r(sx(x))},${r(sy(y))}`);
  const line = `M${coords.join('L')}`;
  const first = r(sx(points[0]![0]));
  const last = r(sx(points[points.length - 1]![0]));
  return { line, area: `${line}L${last},${height}L${first},${height}Z` };
}
