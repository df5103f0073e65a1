import type { LampColumns } from '../features/lights/lampColumns';
import { AlarmCenter } from '../features/alarms/AlarmCenter';
import { OperatorConsole } from '../features/incidents/OperatorConsole';
import { LightsConsole } from '../features/lights/console/LightsConsole';
import type { LampFaultWatch } from '../features/lights/lampFaults';
import { Header } from '../features/wall/Header';
import { SystemsPanel } from '../features/systems';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { selectKiosk } from './configSlice';
import { selectSession, type HubApi, type SendCommand } from './connection';
import { useAppSelector } from './hooks';
import { ReplayScreen } from './ReplayScreen';
import type { TiledWall } from './tiles';

// The wall and the briefing are chunks of their own: the briefing never loads the map (maplibre,
// deck.gl), nor the wall the briefing's charts and export code.
const briefingCode = () => import('../features/briefing/BriefingPage');
const wallCode = () => import('./Wall');
const tourCode = () => import('./Tour');
const BriefingPage = lazy(() => briefingCode().then((m) => ({ default: m.BriefingPage })));
const Wall = lazy(() => wallCode().then((m) => ({ default: m.Wall })));
const Tour = lazy(() => tourCode().then((m) => ({ default: m.Tour })));

/** Starts loading a lazy route's code at once, before React first renders (which it schedules). */
export function preloadRouteCode(route: string): void {
  if (route.startsWith('/briefing')) void briefingCode();
  else if (route.startsWith('/tour')) void tourCode();
  else if (!route.startsWith('/lights') && !route.startsWith('/operator')) void wallCode();
}

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
  tiles = null,
}: {
  lamps: LampColumns;
  faults: LampFaultWatch;
  route: string;
  send: SendCommand;
  /** the hub's HTTP API (history the stream does not carry) */
  api: HubApi;
  /** this window's screen of a tiled wall (`?screen=`), null when it is the whole wall */
  tiles?: TiledWall | null;
}) {
  // Commands are offered only to a page the hub has confirmed as an operator's (the hub checks again),
  // and never on a show-only kiosk (`?interactive=0`).
  const { t } = useTranslation();
  const role = useAppSelector(selectSession)?.role;
  const kiosk = useAppSelector(selectKiosk);
  const operator = role === 'operator' && kiosk.interactive;
  // A tiled wall rings its alarms once, on the leading screen.
  const lead = tiles?.lead ?? true;
  // A visitors' screen rings no alarms and shows none of the consoles (the hub redacts their data too).
  const guest = role === 'guest';
  const acknowledge = operator
    ? (incidentId: string) => send('incident.acknowledge', { incidentId })
    : undefined;
  if (guest && (route.startsWith('/lights') || route.startsWith('/operator'))) {
    return (
      <div className="console-page">
        <Header />
        <p className="guest-closed" data-testid="guest-closed">
          {t('stage.consoleClosed')}
        </p>
      </div>
    );
  }
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
  if (route.startsWith('/tour')) {
    // A delegation's screen: no alarms, no sound, no commands (the page is a guest's, see main.tsx).
    return (
      <Suspense fallback={null}>
        <Tour lamps={lamps} faults={faults} api={api} tiles={tiles} interactive={kiosk.interactive} />
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
      <ReplayScreen lamps={lamps} faults={faults} api={api}>
        {(shown, shownFaults) => (
          <Suspense fallback={null}>
            <Wall lamps={shown} faults={shownFaults} api={api} tiles={tiles} />
          </Suspense>
        )}
      </ReplayScreen>
      {!guest && lead && <AlarmCenter onAcknowledge={acknowledge} />}
    </>
  );
}
