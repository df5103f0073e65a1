import type { RealtimeConnection } from '../realtime/connect';
import { fetchHubBuild, startBuildCheck } from './buildCheck';
import type { AppStore } from './store';
import { startWatchdog, watchPage } from './watchdog';

/**
 * What keeps a wall going for days unattended, started once for the page: the watchdog (a stalled
 * page reconnects, then reloads) and the build check (a hub upgraded under the page reloads it).
 */
export function keepWallAlive(
  connection: Pick<RealtimeConnection, 'lastMessageAt' | 'reconnect' | 'hubUrl'>,
  store: AppStore,
): () => void {
  const reload = () => window.location.reload();
  const page = watchPage(() => connection.lastMessageAt);
  const stopWatchdog = startWatchdog({
    now: () => performance.now(),
    signals: page.signals,
    reconnect: () => connection.reconnect(),
    hubAnswers: () => fetchHubBuild(connection.hubUrl).then(() => true),
    reload,
  });
  const stopBuildCheck = startBuildCheck({
    page: __BUILD_ID__,
    fetchBuild: () => fetchHubBuild(connection.hubUrl),
    reload,
    storage: window.sessionStorage,
    // The hub says who the page is on every (re)connection: a restarted hub may be a new build.
    onConnected: (listener) => {
      let session = store.getState().connection.session;
      return store.subscribe(() => {
        const now = store.getState().connection.session;
        if (now === session) return;
        session = now;
        if (now) listener();
      });
    },
  });
  return () => {
    page.stop();
    stopWatchdog();
    stopBuildCheck();
  };
}
