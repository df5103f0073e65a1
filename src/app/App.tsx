import { AlarmCenter } from '../features/alarms/AlarmCenter';
import { OperatorConsole } from '../features/incidents/OperatorConsole';
import type { LampColumns } from '../features/lights/lampColumns';
import { LightsConsole } from '../features/lights/console/LightsConsole';
import type { LampFaultWatch } from '../features/lights/lampFaults';
import { EnergyPanel } from '../features/lights/energy/EnergyPanel';
import { camerasOnMap } from '../features/cameras/camerasOnMap';
import { incidentsOnMap } from '../features/incidents/incidentsOnMap';
import { lampsOnMap } from '../features/lights/lampsOnMap';
import { CityMap } from '../features/map/CityMap';
import { wardsOnMap } from '../features/wards/wardsOnMap';
import { Header } from '../features/wall/Header';
import { lazy, Suspense, useMemo } from 'react';
import { selectSession, type HubApi, type SendCommand } from './connection';
import { useAppSelector } from './hooks';
import { WallPage } from '../features/wall/WallPage';
import { AlertFeed } from '../features/cameras/AlertFeed';
import { CameraTiles } from '../features/cameras/CameraTiles';
import { HandlingPanel } from '../features/incidents/HandlingPanel';
import { IncidentFeed } from '../features/incidents/IncidentFeed';
import { IncidentTile } from '../features/incidents/IncidentTile';
import { KpiPanel } from '../features/kpis/KpiPanel';
import { LightsTile } from '../features/lights/LightsTile';

// The briefing is its own chunk: the wall and the consoles never load its charts and export code.
const BriefingPage = lazy(() =>
  import('../features/briefing/BriefingPage').then((m) => ({ default: m.BriefingPage })),
);

/**
 * Features meet here. `/operator` is the incident console, `/lights` the lighting console (cabinets);
 * everything else is the wall: its layout with the capabilities' panels, chosen here, in its two columns
 * and the map drawing the lamp columns between them.
 */
export function App({
  lamps,
  faults,
  route,
  send,
  api,
}: {
  lamps: LampColumns;
  faults: LampFaultWatch;
  route: string;
  send: SendCommand;
  /** the hub's HTTP API (history the stream does not carry) */
  api: HubApi;
}) {
  // Commands are offered only to a page the hub has confirmed as an operator's (the hub checks again).
  const operator = useAppSelector(selectSession)?.role === 'operator';
  // What the map draws, bottom first: each capability brings its layers, tooltips and detail panel.
  const onMap = useMemo(
    () => [wardsOnMap, lampsOnMap(lamps, faults), incidentsOnMap, camerasOnMap],
    [lamps, faults],
  );
  const acknowledge = operator
    ? (incidentId: string) => send('incident.acknowledge', { incidentId })
    : undefined;
  if (route.startsWith('/lights')) {
    return (
      <div className="console-page">
        <LightsConsole header={<Header />} send={send} lamps={lamps} faults={faults} readOnly={!operator} />
        <AlarmCenter onAcknowledge={acknowledge} />
      </div>
    );
  }
  if (route.startsWith('/briefing')) {
    return (
      <Suspense fallback={null}>
        <BriefingPage api={api} header={<Header />} />
      </Suspense>
    );
  }
  if (route.startsWith('/operator')) {
    return (
      <div className="console-page">
        <OperatorConsole header={<Header />} send={send} readOnly={!operator} />
        <AlarmCenter onAcknowledge={acknowledge} />
      </div>
    );
  }
  return (
    <>
      <WallPage
        left={
          <>
            <IncidentTile />
            <HandlingPanel />
            <IncidentFeed />
            <KpiPanel />
          </>
        }
        map={<CityMap capabilities={onMap} />}
        right={
          <>
            <CameraTiles />
            <LightsTile />
            <EnergyPanel lamps={lamps} />
            <AlertFeed />
          </>
        }
      />
      <AlarmCenter onAcknowledge={acknowledge} />
    </>
  );
}
