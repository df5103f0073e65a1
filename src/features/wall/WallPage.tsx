import type { ReactNode } from 'react';
import { Header } from './Header';
import './wall.css';

/**
 * The video wall's layout: the header across the top, the map in the middle, a column of panels on
 * either side. src/app chooses the panels, each of which belongs to its capability and subscribes to
 * what it shows; the layout itself reads nothing from the store.
 */
export function WallPage({ left, map, right }: { left: ReactNode; map: ReactNode; right: ReactNode }) {
  return (
    <div className="wall">
      <Header />
      <aside className="wall-left">{left}</aside>
      <main className="wall-map">{map}</main>
      <aside className="wall-right">{right}</aside>
    </div>
  );
}
