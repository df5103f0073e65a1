import { createSelector, createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import type { Cabinet } from '../../shared/protocol/events';

/**
 * The lighting control cabinets (tủ điều khiển): inventory from the snapshot, control status from
 * `cabinet.updated`. About a thousand entries that change a few times a night, so plain Redux state;
 * their lamps stay in LampColumns.
 */
export interface CabinetsState {
  /** inventory order: the lamp columns' `cabinet` indexes it */
  order: string[];
  byId: Record<string, Cabinet>;
  /**
   * Cabinets seen going offline while the page watched, newest first, with the city time of the
   * batch that said so: the wall raises them as alerts until they answer again.
   */
  wentOffline: { id: string; at: number | null }[];
}

/** Offline alerts kept at most: a storm that takes down a district should not grow the list unbounded. */
export const OFFLINE_ALERT_LIMIT = 50;

const initialState: CabinetsState = { order: [], byId: {}, wentOffline: [] };

export const cabinetsSlice = createSlice({
  name: 'cabinets',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (s, { payload }) => {
      const byId = Object.fromEntries(payload.cabinets.map((c) => [c.id, c]));
      return {
        order: payload.cabinets.map((c) => c.id),
        byId,
        // A resync keeps the alerts of cabinets still offline; the others answered meanwhile.
        wentOffline: s.wentOffline.filter((a) => byId[a.id]?.status?.online === false),
      };
    });
    b.addCase(eventsReceived, (s, { payload }) => {
      for (const ev of payload.events) {
        if (ev.type !== 'cabinet.updated') continue;
        const cab = s.byId[ev.data.id];
        // An update for a cabinet the inventory does not hold changes nothing.
        if (!cab) continue;
        const { id: _id, ...status } = ev.data;
        const wasOnline = cab.status?.online !== false;
        cab.status = status;
        if (wasOnline && !status.online) {
          s.wentOffline.unshift({ id: ev.data.id, at: payload.lastTs });
          s.wentOffline.length = Math.min(s.wentOffline.length, OFFLINE_ALERT_LIMIT);
        } else if (!wasOnline && status.online) {
          s.wentOffline = s.wentOffline.filter((a) => a.id !== ev.data.id);
        }
      }
    });
  },
  selectors: {
    selectCabinetById: (s, id: string): Cabinet | undefined => s.byId[id],
  },
});

export const { selectCabinetById } = cabinetsSlice.selectors;

/** Cabinets that went offline while the page watched and have not answered since, newest first. */
export const selectOfflineAlerts = (s: { cabinets: CabinetsState }) => s.cabinets.wentOffline;

/** Every cabinet in inventory order. */
export const selectCabinets = createSelector([(s: { cabinets: CabinetsState }) => s.cabinets], (st) =>
  st.order.map((id) => st.byId[id]!),
);

/** Cabinets that stopped answering: the wall counts them. */
export const selectOfflineCabinetCount = createSelector([selectCabinets], (list) =>
  list.reduce((n, c) => n + (c.status?.online === false ? 1 : 0), 0),
);
