import type { LampColumns } from '../features/lights/lampColumns';
import { AlarmCenter } from '../features/alarms/AlarmCenter';
import { OperatorConsole } from '../features/incidents/OperatorConsole';
import { LightsConsole } from '../features/lights/console/LightsConsole';
import type { LampFaultWatch } from '../features/lights/lampFaults';
import { Header } from '../features/wall/Header';
import { SystemsPanel } from '../features/systems';
import { lazy, Suspense } from 'react';
import { selectSession, type HubApi, type SendCommand } from './connection';
import { useAppSelector } from './hooks';

// The wall and the briefing are chunks of their own: the briefing never loads the map (maplibre,
// deck.gl), nor the wall the briefing's charts and export code.
const BriefingPage = lazy(() =>
  import('../features/briefing/BriefingPage').then((m) => ({ default: m.BriefingPage })),
);
const Wall = lazy(() => import('./Wall').then((m) => ({ default: m.Wall })));

/**
 * Features meet here. `/operator` is the incident console, `/lights` the lighting console (cabinets),
 * `/briefing` the leaders' briefing; everything else is the wall (Wall.tsx).
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
        <BriefingPage api={api} header={<Header />} footer={<SystemsPanel />} />
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
      <Suspense fallback={null}>
        <Wall lamps={lamps} faults={faults} api={api} />
      </Suspense>
      <AlarmCenter onAcknowledge={acknowledge} />
    </>
  );
}
