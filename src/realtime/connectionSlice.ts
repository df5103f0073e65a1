import { createSlice } from '@reduxjs/toolkit';
import type { CityClock, Session } from '../shared/protocol/events';
import {
  connectionChanged,
  eventsReceived,
  hubSelected,
  resyncRequested,
  sessionReceived,
  snapshotReceived,
} from './streamActions';
import type { DropReason } from './validate';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  error: string | null;
  lastSeq: number;
  /** city time of the last applied event */
  lastTs: number | null;
  /** how far the last applied event lags the city clock, in real milliseconds */
  lagMs: number | null;
  received: number;
  dropped: Record<DropReason, number>;
  resyncs: number;
  snapshots: number;
  /** the city clock as of `receivedAt` (real epoch ms) */
  clock: (CityClock & { receivedAt: number }) | null;
  /** who the hub says this page is signed in as; null until it says */
  session: Session | null;
  /** the hub the socket is open to (of `count` in the page's list); null before the first */
  hub: { url: string; host: string; index: number; count: number } | null;
  /** how many times the page moved to another hub of its list */
  failovers: number;
}

const initialState: ConnectionState = {
  status: 'connecting',
  error: null,
  lastSeq: 0,
  lastTs: null,
  lagMs: null,
  received: 0,
  dropped: { malformed: 0, 'unknown-type': 0, 'invalid-data': 0, duplicate: 0, 'beyond-gap': 0 },
  resyncs: 0,
  snapshots: 0,
  clock: null,
  session: null,
  hub: null,
  failovers: 0,
};

/** City time now, extrapolated from the last clock reading at the city's time scale. */
export function cityNow(clock: ConnectionState['clock'], realNow: number): number | null {
  if (!clock) return null;
  return clock.now + (realNow - clock.receivedAt) * clock.scale;
}

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(connectionChanged, (s, { payload }) => {
      s.status = payload.status;
      s.error = payload.error ?? null;
    });
    b.addCase(sessionReceived, (s, { payload }) => {
      s.session = payload;
    });
    b.addCase(snapshotReceived, (s, { payload }) => {
      s.lastSeq = payload.seq;
      s.snapshots++;
      s.clock = { ...payload.state.clock, receivedAt: payload.receivedAt };
      s.lastTs = payload.state.clock.now;
      s.lagMs = 0;
    });
    b.addCase(eventsReceived, (s, { payload }) => {
      s.lastSeq = payload.lastSeq;
      for (const [reason, n] of Object.entries(payload.dropped) as [DropReason, number][])
        s.dropped[reason] += n;
      s.received += payload.count;
      if (payload.lastTs === null) return;
      s.lastTs = payload.lastTs;
      const now = cityNow(s.clock, payload.receivedAt);
      if (s.clock && now !== null) {
        // The hub stamps ts with city time; behind the extrapolated clock by more than a tick is lag.
        s.lagMs = Math.max(0, (now - payload.lastTs) / s.clock.scale);
        // Re-anchor the clock on the stream so that drift does not build up.
        if (payload.lastTs > now)
          s.clock = { ...s.clock, now: payload.lastTs, receivedAt: payload.receivedAt };
      }
    });
    b.addCase(hubSelected, (s, { payload }) => {
      if (s.hub !== null) s.failovers++;
      s.hub = payload;
    });
    b.addCase(resyncRequested, (s) => {
      s.resyncs++;
    });
  },
  selectors: {
    selectConnection: (s) => s,
    selectSession: (s) => s.session,
    selectStatus: (s) => s.status,
    selectHub: (s) => s.hub,
    selectDroppedTotal: (s) => Object.values(s.dropped).reduce((a, b) => a + b, 0),
  },
});

export const { selectConnection, selectSession, selectStatus, selectHub, selectDroppedTotal } =
  connectionSlice.selectors;
