import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App, preloadRouteCode } from './app/App';
import type { SendCommand } from './realtime/commands';
import { audienceFor } from './app/audience';
import { takeConfig } from './app/config';
import { keepWallAlive } from './app/keepAlive';
import { configRead } from './app/configSlice';
import { applyKiosk } from './app/kiosk';
import { channelName, tiledWall } from './app/tiles';
import { makeStore } from './app/store';
import { LampFaultWatch } from './features/lights/lampFaults';
import { LampColumns } from './features/lights/lampColumns';
import { connectRealtime } from './realtime/connect';
import { createHubApi } from './realtime/hubApi';
import { preloadBriefing } from './features/briefing/preload';
import { ResyncNotice } from './features/freshness';
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
      /** the build this page runs (GET /api/version names the hub's) */
      readonly build: string;
      /** one lamp as the map draws it: state, level and the RGBA it uploads; null beyond the inventory */
      lamp(index: number): { state: number; level: number; rgba: number[] } | null;
      /** the fault code the map marks a lamp with (0: none; see src/shared/lights/faults.ts) */
      faultOf(index: number): number;
    };
  }
}

const config = takeConfig(window);
initI18n(config.lang);
applyKiosk(config.kiosk);
// One screen of a tiled wall keeps in step with the others (src/app/tiles.ts).
const screen = config.kiosk.screen;
const tiles = screen
  ? tiledWall(screen, new BroadcastChannel(channelName(window.location.pathname, screen)))
  : null;
const store = makeStore(undefined, tiles ? [tiles.middleware] : []);
tiles?.connect(store);
store.dispatch(configRead({ problems: config.problems, kiosk: config.kiosk }));
const lamps = new LampColumns();
const connection = connectRealtime({
  urls: config.hubUrls,
  token: config.token,
  audience: audienceFor(window.location.pathname, window.location.search),
  // The briefing shows no lamps, incidents or cameras: it is not sent them.
  ...(window.location.pathname.startsWith('/briefing') ? { view: 'briefing' as const } : {}),
  dispatch: store.dispatch,
  lamps,
});
// The lamps are judged for faults here, once for the page, whatever panels are on it.
const faults = new LampFaultWatch(store, lamps, () => cityNow(store.getState().connection.clock, Date.now()));
faults.start();
// A wall runs for days: a stalled page recovers, and a hub upgraded under it reloads it.
keepWallAlive(connection, store);

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
  build: __BUILD_ID__,
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
// The briefing's data is asked for now, while its code and the stream's snapshot are on their way.
preloadRouteCode(window.location.pathname);
if (window.location.pathname.startsWith('/briefing')) preloadBriefing(api);

// The console's commands go out on the page's one socket.
const send: SendCommand = (type, data) => connection.sendCommand(type, data);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App
        lamps={lamps}
        faults={faults}
        route={window.location.pathname}
        send={send}
        api={api}
        tiles={tiles}
      />
      <ResyncNotice />
    </Provider>
  </StrictMode>,
);
