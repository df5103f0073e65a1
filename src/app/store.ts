import { combineSlices, configureStore, type Middleware } from '@reduxjs/toolkit';
import { connectionSlice } from '../realtime/connectionSlice';
import { configSlice } from './configSlice';
import { alarmsSlice } from '../features/alarms/alarmsSlice';
import { camerasSlice } from '../features/cameras/camerasSlice';
import { incidentsSlice } from '../features/incidents/incidentsSlice';
import { kpisSlice } from '../features/kpis/kpisSlice';
import { cabinetsSlice } from '../features/lights/cabinetsSlice';
import { lightsSlice } from '../features/lights/lightsSlice';
import { lampFaultsSlice } from '../features/lights/lampFaults';
import { powerHistorySlice } from '../features/lights/energy/powerHistorySlice';
import { mapSlice } from '../features/map/mapSlice';
import { systemsSlice } from '../features/systems/systemsSlice';
import { stageSlice } from '../features/stage/stageSlice';
import { freshnessSlice } from '../features/freshness/freshnessSlice';
import { withLeaderState } from './tiles';

const rootReducer = combineSlices(
  configSlice,
  connectionSlice,
  incidentsSlice,
  camerasSlice,
  kpisSlice,
  lightsSlice,
  cabinetsSlice,
  lampFaultsSlice,
  powerHistorySlice,
  mapSlice,
  alarmsSlice,
  systemsSlice,
  stageSlice,
  freshnessSlice,
);
export type RootState = ReturnType<typeof rootReducer>;

/** `extra`: middleware put first (a tiled wall's relay, src/app/tiles.ts). */
export function makeStore(preloadedState?: Partial<RootState>, extra: Middleware[] = []) {
  return configureStore({
    // A tiled wall's late window takes the leader's map and stage whole (src/app/tiles.ts).
    reducer: withLeaderState(rootReducer),
    preloadedState,
    // The stream's batches are large and already validated; the dev checks would walk every one.
    middleware: (getDefault) =>
      getDefault({ serializableCheck: false, immutableCheck: false }).prepend(...extra),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
