import { CityMap } from '../features/map/CityMap';
import type { LightColumns } from '../features/lights/lightColumns';
import { WallPage } from '../features/wall/WallPage';

/** Features meet here: the wall lays out the panels, the map gets the lamp columns it draws. */
export function App({ lamps }: { lamps: LightColumns }) {
  return <WallPage map={<CityMap lamps={lamps} />} />;
}
