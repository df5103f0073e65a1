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
      for (const ev of payload.events) {
        if (ev.type !== 'kpi.updated') continue;
        const k = ev.data;
        // The wall shows the city's figure for the latest period: a ward's value, or a correction of an
        // earlier period, belongs to the history (the briefing reads it from the hub), not here.
        if (k.ward !== undefined) continue;
        const held = s[k.id];
        if (held?.period && k.period && k.period.start < held.period.start) continue;
        s[k.id] = k;
      }
    });
  },
  selectors: { selectKpis: (s) => s },
});

export const { selectKpis } = kpisSlice.selectors;
