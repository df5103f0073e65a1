import { createSlice } from '@reduxjs/toolkit';
import { snapshotReceived } from '../../../realtime/streamActions';
import type { PowerHistory } from '../../../shared/protocol/events';

/**
 * The hub's record of city lighting power before this page's snapshot. Set only by a snapshot: from
 * then on the page samples the lamps itself (EnergyPanel), so a new history means "start again from
 * this one", as after a resync.
 */
export interface PowerHistoryState {
  history: PowerHistory | null;
}

const initialState: PowerHistoryState = { history: null };

export const powerHistorySlice = createSlice({
  name: 'powerHistory',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (_s, { payload }) => ({ history: payload.power ?? null }));
  },
  selectors: {
    selectPowerHistory: (s) => s.history,
  },
});

export const { selectPowerHistory } = powerHistorySlice.selectors;
