import { createAction } from '@reduxjs/toolkit';
import type {
  Cabinet,
  CityClock,
  CityState,
  PowerHistory,
  Session,
  StreamEvent,
  SystemsReport,
} from '../shared/protocol/events';
import type { DropReason } from './validate';

/**
 * The actions the realtime pipeline dispatches. Feature slices listen to these (extraReducers) and
 * take what concerns them; no feature talks to the socket.
 */

/** Lamp telemetry as Redux sees it: a version to re-render on, and counts. The values stay in typed arrays. */
export interface LightsSummary {
  version: number;
  count: number;
  /** lamps per LAMP_* state code: [off, on, dimmed, fault] */
  byState: [number, number, number, number];
  /** current draw of all lamps, watts */
  powerW: number;
}

export type StateWithoutLamps = Omit<CityState, 'lamps'>;

export const snapshotReceived = createAction<{
  seq: number;
  state: StateWithoutLamps;
  lights: LightsSummary;
  /** the lamp inventory's cabinets (the lamp columns themselves went into LampColumns) */
  cabinets: Cabinet[];
  /** the lighting's power before the snapshot, when the hub keeps one */
  power: PowerHistory | null;
  /** the upstream systems' statuses as the hub judged them at the snapshot (absent from older hubs) */
  systems?: SystemsReport;
  receivedAt: number;
}>('stream/snapshotReceived');

/** One per animation frame at most: every event that arrived since the last frame, in seq order. */
export const eventsReceived = createAction<{
  /** all events but the lamp batches (`light.states`), which went straight into the lamp columns */
  events: StreamEvent[];
  lights: LightsSummary | null;
  lastSeq: number;
  lastTs: number | null;
  /** how many events this frame carried in all, lamp updates included */
  count: number;
  /** what was dropped since the last frame, by reason */
  dropped: Partial<Record<DropReason, number>>;
  receivedAt: number;
}>('stream/eventsReceived');

export const connectionChanged = createAction<{
  status: 'connecting' | 'live' | 'reconnecting' | 'offline';
  error?: string;
}>('stream/connectionChanged');

/** The page opened its socket to this hub: the first of its list, or the next after a failover. */
export const hubSelected = createAction<{
  /** the hub's origin; '' for the page's own */
  url: string;
  /** host:port, for the header */
  host: string;
  /** its place in the list, and how many the list has */
  index: number;
  count: number;
}>('stream/hubSelected');

export const resyncRequested = createAction<{ fromSeq: number }>('stream/resyncRequested');

export type { CityClock };

/** The hub said who this client is signed in as (once per connection). */
export const sessionReceived = createAction<Session>('stream/sessionReceived');

/**
 * The hub told its viewers the upstream systems' statuses (a status changed, or their last data moved).
 * `meta.receivedAt` is when, on the page's real clock: the freshness badges age the systems from it.
 */
export const systemsReceived = createAction('stream/systemsReceived', (report: SystemsReport) => ({
  payload: report,
  meta: { receivedAt: Date.now() },
}));
