import { combineSlices, configureStore } from '@reduxjs/toolkit';
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
);
export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    // The stream's batches are large and already validated; the dev checks would walk every one.
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
