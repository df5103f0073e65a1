import { AlertFeed } from '../features/cameras/AlertFeed';
import { CameraTiles } from '../features/cameras/CameraTiles';
import { camerasOnMap } from '../features/cameras/camerasOnMap';
import { HandlingPanel } from '../features/incidents/HandlingPanel';
import { IncidentFeed } from '../features/incidents/IncidentFeed';
import { IncidentTile } from '../features/incidents/IncidentTile';
import { incidentsOnMap } from '../features/incidents/incidentsOnMap';
import { KpiPanel } from '../features/kpis/KpiPanel';
import { EnergyPanel } from '../features/lights/energy/EnergyPanel';
import type { LampColumns } from '../features/lights/lampColumns';
import type { LampFaultWatch } from '../features/lights/lampFaults';
import { lampsOnMap } from '../features/lights/lampsOnMap';
import { LightsTile } from '../features/lights/LightsTile';
import { CityMap } from '../features/map/CityMap';
import { SystemsPanel } from '../features/systems';
import { WallPage } from '../features/wall/WallPage';
import { wardsOnMap } from '../features/wards/wardsOnMap';
import { useMemo } from 'react';
import type { HubApi } from './connection';

/**
 * The wall: its layout with the capabilities' panels, chosen here, in its two columns and the map
 * drawing the lamp columns between them. Loaded only on the wall's route (see App).
 */
export function Wall({ lamps, faults, api }: { lamps: LampColumns; faults: LampFaultWatch; api: HubApi }) {
  // What the map draws, bottom first: each capability brings its layers, tooltips and detail panel.
  const onMap = useMemo(
    () => [wardsOnMap, lampsOnMap(lamps, faults), incidentsOnMap, camerasOnMap],
    [lamps, faults],
  );
  return (
    <WallPage
      left={
        <>
          <IncidentTile />
          <HandlingPanel />
          <IncidentFeed />
          <KpiPanel api={api} />
        </>
      }
      map={<CityMap capabilities={onMap} />}
      strip={<SystemsPanel />}
      right={
        <>
          <CameraTiles />
          <LightsTile />
          <EnergyPanel lamps={lamps} />
          <AlertFeed />
        </>
      }
    />
  );
}
