import { createSelector, createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import type { Cabinet } from '../../shared/protocol/events';

/**
 * The lighting control cabinets (tủ điều khiển): inventory from the snapshot, control status from
 * `cabinet.updated`. About a thousand entries that change a few times a night, so plain Redux state;
 * their lamps stay in LightColumns.
 */
export interface CabinetsState {
  /** inventory order: the lamp columns' `cabinet` indexes it */
  order: string[];
  byId: Record<string, Cabinet>;
}

const initialState: CabinetsState = { order: [], byId: {} };

export const cabinetsSlice = createSlice({
  name: 'cabinets',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (_s, { payload }) => ({
      order: payload.cabinets.map((c) => c.id),
      byId: Object.fromEntries(payload.cabinets.map((c) => [c.id, c])),
    }));
    b.addCase(eventsReceived, (s, { payload }) => {
      for (const ev of payload.events) {
        if (ev.type !== 'cabinet.updated') continue;
        const cab = s.byId[ev.data.id];
        // An update for a cabinet the inventory does not hold changes nothing.
        if (!cab) continue;
        const { id: _id, ...status } = ev.data;
        cab.status = status;
      }
    });
  },
  selectors: {
    selectCabinetById: (s, id: string): Cabinet | undefined => s.byId[id],
  },
});

export const { selectCabinetById } = cabinetsSlice.selectors;

/** Every cabinet in inventory order. */
export const selectCabinets = createSelector([(s: { cabinets: CabinetsState }) => s.cabinets], (st) =>
  st.order.map((id) => st.byId[id]!),
);

/** Cabinets that stopped answering: the wall counts them. */
export const selectOfflineCabinetCount = createSelector([selectCabinets], (list) =>
  list.reduce((n, c) => n + (c.status?.online === false ? 1 : 0), 0),
);
