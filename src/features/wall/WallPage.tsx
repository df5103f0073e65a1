import type { ReactNode } from 'react';
import { AlertFeed } from './AlertFeed';
import { HandlingPanel } from './HandlingPanel';
import { Header } from './Header';
import { IncidentFeed } from './IncidentFeed';
import { KpiPanel } from './KpiPanel';
import { CameraTiles, IncidentTile, LightsTile } from './Tiles';
import './wall.css';

/**
 * The video wall: header, counts and feeds around the map, which src/app passes in with the other
 * panels that belong to a feature of their own (the lighting energy). The layout itself reads nothing
 * from the store: each panel subscribes to what it shows.
 */
export function WallPage({ map, energy }: { map: ReactNode; energy?: ReactNode }) {
  return (
    <div className="wall">
      <Header />
      <aside className="wall-left">
        <IncidentTile />
        <HandlingPanel />
        <IncidentFeed />
        <KpiPanel />
      </aside>
      <main className="wall-map">{map}</main>
      <aside className="wall-right">
        <CameraTiles />
        <LightsTile />
        {energy}
        <AlertFeed />
      </aside>
    </div>
  );
}
