import { selectAllCameras } from '../features/cameras/camerasSlice';
import { selectCabinets } from '../features/lights/cabinetsSlice';
import { selectPowerHistory } from '../features/lights/energy/powerHistorySlice';
import type { ReplayState } from '../features/replay';
import type { LightsSummary } from '../realtime/streamActions';
import type { PowerHistory } from '../shared/protocol/events';
import { snapshotReceived } from '../realtime/streamActions';
import type { RootState } from './store';

/**
 * The snapshot a replay's store is given for one instant: the replayed incidents, alerts, indicators
 * and statuses over the live page's inventory (its cameras and cabinets, which do not change with
 * time), the lighting's power up to the instant (from the hub's meter, which the replay's answer carries), and a clock that runs at the replay's speed (0 when
 * paused) so that the wall's clock shows the replayed time between two steps.
 */
export function replaySnapshot(
  state: ReplayState,
  live: RootState,
  lights: LightsSummary,
  clock: { speed: number; simulated: boolean },
  receivedAt: number,
  /** the hub's meter over the replay's day, when its answer had it */
  hubPower?: PowerHistory,
) {
  // Without the hub's, what the live page was given at load: it ends where the page opened.
  const power = hubPower ?? selectPowerHistory(live);
  return snapshotReceived({
    seq: 0,
    state: {
      // No slice keeps the city's name: the page's own profile names it.
      city: '',
      clock: { now: state.at, scale: clock.speed, simulated: clock.simulated },
      incidents: state.incidents,
      alerts: state.alerts,
      cameras: selectAllCameras(live).map((c) => {
        const online = state.cameraOnline.get(c.id);
        return online === undefined ? c : { ...c, online };
      }),
      kpis: state.kpis,
    },
    lights,
    cabinets: selectCabinets(live).map(({ status: _live, ...c }) => {
      const status = state.cabinets.get(c.id);
      if (!status) return c;
      const { id: _id, ...rest } = status;
      return { ...c, status: rest };
    }),
    power: power ? { ...power, points: power.points.filter(([t]) => t <= state.at) } : null,
    receivedAt,
  });
}
