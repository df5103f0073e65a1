import { createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import type { Kpi } from '../../shared/protocol/events';

type KpisState = Record<string, Kpi>;

export const kpisSlice = createSlice({
  name: 'kpis',
  initialState: {} as KpisState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (_s, { payload }) =>
      Object.fromEntries(payload.state.kpis.map((k) => [k.id, k])),
    );
    b.addCase(eventsReceived, (s, { payload }) => {
      for (const ev of payload.events) if (ev.type === 'kpi.updated') s[ev.data.id] = ev.data;
    });
  },
  selectors: { selectKpis: (s) => s },
});

export const { selectKpis } = kpisSlice.selectors;
