import type { ReactNode } from 'react';
import './panels.css';

interface CountTileProps {
  name: string;
  label: string;
  value: number;
  display: string;
  tone?: string;
  children?: ReactNode;
}

/** A big number the room can read from 5 m. `data-value` is the raw count, for tests and tooling. */
export function CountTile({ name, label, value, display, tone, children }: CountTileProps) {
  return (
    <div className="tile" data-testid={`tile-${name}`} data-value={value}>
      <div className="tile-label">{label}</div>
      <div className="tile-value num" style={tone ? { color: tone } : undefined}>
        {display}
      </div>
      {children}
    </div>
  );
}

/** A small labelled count inside a tile (one severity, one lamp state). */
export function SubCount({
  name,
  label,
  value,
  display,
  tone,
}: {
  name: string;
  label: string;
  value: number;
  display: string;
  tone: string;
}) {
  return (
    <div className="subcount" data-testid={`tile-${name}`} data-value={value}>
      <span className="swatch" style={{ background: tone }} />
      <span className="subcount-label">{label}</span>
      <span className="subcount-value num">{display}</span>
    </div>
  );
}
