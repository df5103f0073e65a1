import { AlarmCenter } from '../features/alarms/AlarmCenter';
import { OperatorConsole } from '../features/incidents/OperatorConsole';
import type { SendCommand } from '../realtime/commands';
import type { LightColumns } from '../features/lights/lightColumns';
import { LightsConsole } from '../features/lights/console/LightsConsole';
import { EnergyPanel } from '../features/lights/energy/EnergyPanel';
import { CityMap } from '../features/map/CityMap';
import { Header } from '../features/wall/Header';
import { selectSession } from '../realtime/connectionSlice';
import { useAppSelector } from './hooks';
import { WallPage } from '../features/wall/WallPage';

/**
 * Features meet here. `/operator` is the incident console, `/lights` the lighting console (cabinets);
 * everything else is the wall, with the map drawing the lamp columns.
 */
export function App({ lamps, route, send }: { lamps: LightColumns; route: string; send: SendCommand }) {
  // Commands are offered only to a page the hub has confirmed as an operator's (the hub checks again).
  const operator = useAppSelector(selectSession)?.role === 'operator';
  const acknowledge = operator
    ? (incidentId: string) => send('incident.acknowledge', { incidentId })
    : undefined;
  if (route.startsWith('/lights')) {
    return (
      <div className="console-page">
        <LightsConsole header={<Header />} send={send} lamps={lamps} readOnly={!operator} />
        <AlarmCenter onAcknowledge={acknowledge} />
      </div>
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
      <WallPage map={<CityMap lamps={lamps} />} energy={<EnergyPanel lamps={lamps} />} />
      <AlarmCenter onAcknowledge={acknowledge} />
    </>
  );
}
