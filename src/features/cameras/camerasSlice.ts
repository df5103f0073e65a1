import { createEntityAdapter, createSelector, createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import type { Camera, CameraAlert } from '../../shared/protocol/events';

/** Alerts the page keeps, newest first: more than an hour's worth at any realistic rate. */
export const ALERT_LIMIT = 500;

const cameraAdapter = createEntityAdapter<Camera>();

interface CamerasState {
  cameras: ReturnType<typeof cameraAdapter.getInitialState>;
  alerts: CameraAlert[];
}

const initialState: CamerasState = { cameras: cameraAdapter.getInitialState(), alerts: [] };

export const camerasSlice = createSlice({
  name: 'cameras',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (s, { payload }) => {
      cameraAdapter.setAll(s.cameras, payload.state.cameras);
      s.alerts = [...payload.state.alerts].sort((a, b) => b.at.localeCompare(a.at)).slice(0, ALERT_LIMIT);
    });
    b.addCase(eventsReceived, (s, { payload }) => {
      const fresh: CameraAlert[] = [];
      for (const ev of payload.events) {
        if (ev.type === 'camera.status') {
          const cam = s.cameras.entities[ev.data.id];
          if (cam) cam.online = ev.data.online;
        } else if (ev.type === 'camera.alert') {
          if (!s.alerts.some((a) => a.id === ev.data.id)) fresh.push(ev.data);
        }
      }
      if (fresh.length) s.alerts = [...fresh.reverse(), ...s.alerts].slice(0, ALERT_LIMIT);
    });
  },
});

type WithCameras = { cameras: CamerasState };

const cameraSelectors = cameraAdapter.getSelectors((s: WithCameras) => s.cameras.cameras);
export const selectAllCameras = cameraSelectors.selectAll;
export const selectAlerts = (s: WithCameras) => s.cameras.alerts;

export const selectCameraCounts = createSelector([selectAllCameras], (cams) => ({
  total: cams.length,
  online: cams.filter((c) => c.online).length,
}));

/** Alerts raised in the hour before `cityNow` (city time, epoch ms). */
export function countAlertsSince(alerts: readonly CameraAlert[], since: number): number {
  let n = 0;
  for (const a of alerts) if (Date.parse(a.at) >= since) n++;
  return n;
}
