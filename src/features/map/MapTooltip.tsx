/** What the pointer is over, as lines of plain text: producers' strings never become HTML. */
export interface Hover {
  x: number;
  y: number;
  lines: string[];
}

export function MapTooltip({ hover }: { hover: Hover }) {
  if (hover.lines.length === 0) return null;
  return (
    <div className="map-tooltip" data-testid="map-tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
      {hover.lines.map((l, i) => (
        <div key={i} className={i === 0 ? 'map-tooltip-title' : undefined}>
          {l}
        </div>
      ))}
    </div>
  );
}
