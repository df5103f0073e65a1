import { AlarmCenter } from '../features/alarms/AlarmCenter';
import { OperatorConsole } from '../features/incidents/OperatorConsole';
import type { SendCommand } from '../realtime/commands';
import type { LightColumns } from '../features/lights/lightColumns';
import { CityMap } from '../features/map/CityMap';
import { Header } from '../features/wall/Header';
import { WallPage } from '../features/wall/WallPage';

/**
 * Features meet here. `/operator` is the operator console; everything else is the wall, with the map
 * drawing the lamp columns.
 */
export function App({ lamps, route, send }: { lamps: LightColumns; route: string; send: SendCommand }) {
  if (route.startsWith('/operator')) {
    // Operators acknowledge alarms where they work: on the console.
    const acknowledge = (incidentId: string) => send('incident.acknowledge', { incidentId });
    return (
      <div className="console-page">
        <OperatorConsole header={<Header />} send={send} />
        <AlarmCenter onAcknowledge={acknowledge} />
      </div>
    );
  }
  return (
    <>
      <WallPage map={<CityMap lamps={lamps} />} />
      <AlarmCenter />
    </>
  );
}
