import { createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived, type LightsSummary } from '../../realtime/streamActions';

const initialState: LightsSummary = { version: 0, count: 0, byState: [0, 0, 0, 0], powerW: 0 };

/** Only the summary of the lamp columns: the values themselves live in LampColumns. */
export const lightsSlice = createSlice({
  name: 'lights',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (_s, { payload }) => payload.lights);
    b.addCase(eventsReceived, (s, { payload }) => payload.lights ?? s);
  },
  selectors: {
    selectLightsSummary: (s) => s,
    selectLightsVersion: (s) => s.version,
  },
});

export const { selectLightsSummary, selectLightsVersion } = lightsSlice.selectors;
