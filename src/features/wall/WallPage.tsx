import type { ReactNode } from 'react';
import { Header } from './Header';
import './wall.css';

/**
 * The video wall's layout: the header across the top, the map in the middle with a status strip
 * under it, a column of panels on either side. src/app chooses the panels, each of which belongs to its capability and subscribes to
 * what it shows; the layout itself reads nothing from the store.
 */
export function WallPage({
  left,
  map,
  right,
  strip,
}: {
  left: ReactNode;
  map: ReactNode;
  right: ReactNode;
  /** a row under the map (the upstream systems); the columns beside it keep their height */
  strip?: ReactNode;
}) {
  return (
    <div className={strip ? 'wall wall-with-strip' : 'wall'}>
      <Header />
      <aside className="wall-left">{left}</aside>
      <main className="wall-map">{map}</main>
      {strip && <div className="wall-strip">{strip}</div>}
      <aside className="wall-right">{right}</aside>
    </div>
  );
}
