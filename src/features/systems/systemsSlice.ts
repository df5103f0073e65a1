import { createSlice } from '@reduxjs/toolkit';
import { snapshotReceived, systemsReceived } from '../../realtime/streamActions';
import type { SystemsReport } from '../../shared/protocol/events';

/** The upstream systems as the hub last judged them; null until a snapshot or a report says. */
interface SystemsState {
  report: SystemsReport | null;
}

/**
 * The hub judges each system (connected, late, silent) from its last data and heartbeats, which
 * never reach the page: the page shows the hub's judgement, from the snapshot and then from each
 * `systems` message it pushes when a status changes.
 */
export const systemsSlice = createSlice({
  name: 'systems',
  initialState: { report: null } as SystemsState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (s, { payload }) => {
      if (payload.systems) s.report = payload.systems;
    });
    b.addCase(systemsReceived, (s, { payload }) => {
      s.report = payload;
    });
  },
  selectors: { selectSystemsReport: (s) => s.report },
});

export const { selectSystemsReport } = systemsSlice.selectors;
