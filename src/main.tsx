import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import type { SendCommand } from './realtime/commands';
import { takeConfig } from './app/config';
import { configRead } from './app/configSlice';
import { makeStore } from './app/store';
import { LampFaultWatch } from './features/lights/lampFaults';
import { LampColumns } from './features/lights/lampColumns';
import { connectRealtime } from './realtime/connect';
import { createHubApi } from './realtime/hubApi';
import { loadCityHistory } from './features/briefing/useBriefingData';
import { cityNow } from './realtime/connectionSlice';
import { mapDiagnostics, type MapDiagnostics } from './shared/diagnostics';
import { initI18n } from './shared/i18n/i18n';
import './shared/ui/theme.css';

declare global {
  interface Window {
    /** diagnostics for operators' tooling and the benchmark; read-only by convention */
    __iocWall?: {
      readonly lampCount: number;
      readonly eventsApplied: number;
      /** events applied, with each lamp of a lamp event counted as one update */
      readonly updatesApplied: number;
      readonly map: MapDiagnostics;
      /** one lamp as the map draws it: state, level and the RGBA it uploads; null beyond the inventory */
      lamp(index: number): { state: number; level: number; rgba: number[] } | null;
      /** the fault code the map marks a lamp with (0: none; see src/shared/lights/faults.ts) */
      faultOf(index: number): number;
    };
  }
}

const config = takeConfig(window);
initI18n(config.lang);
const store = makeStore();
store.dispatch(configRead({ problems: config.problems }));
const lamps = new LampColumns();
const connection = connectRealtime({
  urls: config.hubUrls,
  token: config.token,
  dispatch: store.dispatch,
  lamps,
});
// The lamps are judged for faults here, once for the page, whatever panels are on it.
const faults = new LampFaultWatch(store, lamps, () => cityNow(store.getState().connection.clock, Date.now()));
faults.start();

window.__iocWall = {
  get lampCount() {
    return lamps.count;
  },
  get eventsApplied() {
    return connection.pipeline.applied;
  },
  get updatesApplied() {
    return connection.pipeline.updates;
  },
  map: mapDiagnostics,
  faultOf(index) {
    const f = faults.judged?.markers;
    if (!f) return 0;
    // Marked lamps are in ascending order: a binary search, not a scan of hundreds.
    let lo = 0;
    let hi = f.lamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (f.lamps[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return f.lamps[lo] === index ? f.codes[lo]! : 0;
  },
  lamp(index) {
    if (!Number.isInteger(index) || index < 0 || index >= lamps.count) return null;
    return {
      state: lamps.state[index]!,
      level: lamps.level[index]!,
      rgba: Array.from(lamps.colors.subarray(index * 4, index * 4 + 4)),
    };
  },
};

// The briefing and the wall's trend tiles read the indicators' history from the hub the socket is on.
const api = createHubApi({ baseUrl: () => connection.hubUrl, token: config.token });
// The briefing's history is asked for now, while its code and the stream's snapshot are on their way.
if (window.location.pathname.startsWith('/briefing')) void loadCityHistory(api);

// The console's commands go out on the page's one socket.
const send: SendCommand = (type, data) => connection.sendCommand(type, data);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App lamps={lamps} faults={faults} route={window.location.pathname} send={send} api={api} />
    </Provider>
  </StrictMode>,
);
