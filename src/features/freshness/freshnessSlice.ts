import { createSlice } from '@reduxjs/toolkit';
import {
  connectionChanged,
  eventsReceived,
  resyncRequested,
  snapshotReceived,
  systemsReceived,
} from '../../realtime/streamActions';
import { kpiDefinition, type KpiPeriodKind, type KpiSystem } from '../../shared/city/kpiCatalogue';
import {
  freshness,
  latest,
  realTimeOf,
  worstOf,
  type Freshness,
  type FreshSource,
} from '../../shared/freshness/freshness';
import { KPI_IDS } from '../../shared/protocol/codes';
import type { Kpi, StreamEvent, SystemStatus } from '../../shared/protocol/events';

/** The kinds of data that arrive as events of their own. */
type Arriving = 'lamps' | 'incidents' | 'cameras' | 'systems';

/** A resync after a gap in the stream, shown briefly so that the wall does not jump silently. */
export interface ResyncNotice {
  /** real ms (page clock) when the stream came back */
  at: number;
  /** real ms without data */
  gapMs: number;
  /** a whole new snapshot, or the missed events replayed */
  kind: 'snapshot' | 'replay';
}

/**
 * Every time here is real epoch ms on the page's clock (see src/shared/freshness for why real time).
 * Times the hub stamps in city time are turned into the page's real time as they arrive, with the
 * city clock's scale and an anchor taken at the same moment, so the hub's clock and the page's need
 * not agree.
 */
export interface FreshnessState {
  /** when data of each kind last arrived */
  arrived: Record<Arriving, number | null>;
  /** when the hub last heard from each upstream system (its data or its heartbeat) */
  heard: Partial<Record<KpiSystem, number>>;
  /** the hub's time of last data (city time, as it sent it) each `heard` was worked out from */
  lastAtSeen: Partial<Record<KpiSystem, string>>;
  /** when each city indicator (no ward) was measured */
  kpiAt: Record<string, number>;
  /** the city clock's speed against real time (the last snapshot's) */
  scale: number;
  /** the last data of any kind; the gap before a resync is measured from it */
  lastDataAt: number | null;
  /** the stream broke (disconnect, gap in seq) since lastDataAt: the next data is a resync */
  interrupted: boolean;
  resync: ResyncNotice | null;
}

const initialState: FreshnessState = {
  arrived: { lamps: null, incidents: null, cameras: null, systems: null },
  heard: {},
  lastAtSeen: {},
  kpiAt: {},
  scale: 1,
  lastDataAt: null,
  interrupted: false,
  resync: null,
};

function kindOf(e: StreamEvent): Arriving | null {
  switch (e.type) {
    case 'incident.reported':
    case 'incident.updated':
      return 'incidents';
    case 'camera.alert':
    case 'camera.status':
      return 'cameras';
    case 'cabinet.updated':
    case 'light.state':
    case 'light.states':
      return 'lamps';
    default:
      return null;
  }
}

/**
 * The hub's word on when it last heard from each system. A time of last data is turned into the page's
 * real time when it moves, and only then: a report that repeats it says nothing new, and the
 * time worked out when it first came stays the page's own measure of its age.
 */
function noteHeard(s: FreshnessState, systems: readonly SystemStatus[], reportAt: number, real: number) {
  for (const sys of systems) {
    if (sys.lastAt === null || s.lastAtSeen[sys.system] === sys.lastAt) continue;
    s.lastAtSeen[sys.system] = sys.lastAt;
    s.heard[sys.system] = realTimeOf(Date.parse(sys.lastAt), reportAt, real, s.scale);
  }
}

/** An indicator measured at its `at`, when the city clock read `cityRef` at real time `real`. */
function noteKpi(s: FreshnessState, k: Kpi, cityRef: number, real: number) {
  if (k.ward !== undefined) return;
  s.kpiAt[k.id] = realTimeOf(Date.parse(k.at), cityRef, real, s.scale);
}

/** Data arrived at `at`: after a break, that is a resync the wall tells about. */
function dataArrived(s: FreshnessState, at: number, kind: ResyncNotice['kind']) {
  if (s.interrupted && s.lastDataAt !== null) s.resync = { at, gapMs: Math.max(0, at - s.lastDataAt), kind };
  s.interrupted = false;
  s.lastDataAt = at;
}

export const freshnessSlice = createSlice({
  name: 'freshness',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (s, { payload }) => {
      const real = payload.receivedAt;
      const { clock } = payload.state;
      s.scale = clock.scale;
      dataArrived(s, real, 'snapshot');
      s.arrived.systems = real;
      if (payload.systems) noteHeard(s, payload.systems.systems, clock.now, real);
      // A hub that does not say when it heard from its systems: the snapshot is all we know.
      else s.arrived = { lamps: real, incidents: real, cameras: real, systems: real };
      for (const k of payload.state.kpis) noteKpi(s, k, clock.now, real);
    });
    b.addCase(eventsReceived, (s, { payload }) => {
      const real = payload.receivedAt;
      if (payload.count > 0) dataArrived(s, real, 'replay');
      if (payload.lights) s.arrived.lamps = real;
      for (const e of payload.events) {
        const kind = kindOf(e);
        if (kind) s.arrived[kind] = real;
        // The hub stamps an event with the city time it committed it: the clock's reading on arrival.
        else if (e.type === 'kpi.updated') noteKpi(s, e.data, e.ts, real);
      }
    });
    b.addCase(systemsReceived, (s, { payload, meta }) => {
      s.arrived.systems = meta.receivedAt;
      noteHeard(s, payload.systems, Date.parse(payload.at), meta.receivedAt);
    });
    b.addCase(connectionChanged, (s, { payload }) => {
      if (payload.status !== 'live' && s.lastDataAt !== null) s.interrupted = true;
    });
    b.addCase(resyncRequested, (s) => {
      if (s.lastDataAt !== null) s.interrupted = true;
    });
  },
  selectors: { selectResyncNotice: (s) => s.resync },
});

export const { selectResyncNotice } = freshnessSlice.selectors;

/** What a badge stands for: a widget of the wall and the data it shows. */
export type FreshWidget =
  'lamps' | 'energy' | 'incidents' | 'cameras' | 'alerts' | 'kpis' | 'systems' | 'map';

type State = { freshness: FreshnessState };

/** One source's freshness: the later of its own data and its system's last word to the hub. */
function sourceFreshness(s: FreshnessState, source: Arriving, system: KpiSystem | null, now: number) {
  return freshness(source, latest(s.arrived[source], system ? s.heard[system] : null), now);
}

const lamps = (s: FreshnessState, now: number) => sourceFreshness(s, 'lamps', 'lighting', now);
const incidents = (s: FreshnessState, now: number) => sourceFreshness(s, 'incidents', 'hue-s', now);
const cameras = (s: FreshnessState, now: number) => sourceFreshness(s, 'cameras', 'cameras', now);

/** The wall's indicators, each judged by its own period: the panel is as fresh as its oldest. */
function kpis(s: FreshnessState, now: number): Freshness {
  return worstOf(
    KPI_IDS.flatMap((id) => {
      const period: KpiPeriodKind | undefined = kpiDefinition(id)?.period;
      const at = s.kpiAt[id];
      return period && at !== undefined ? [freshness(`kpi-${period}` as FreshSource, at, now)] : [];
    }),
  );
}

/**
 * The freshness of a widget's data at real time `now`. Lamps and the energy drawn from them are the
 * lighting's; reports are Hue-S's; camera tiles and alerts the cameras'; the map is as fresh as the
 * oldest of the layers it draws live.
 */
export function selectWidgetFreshness(st: State, widget: FreshWidget, now: number): Freshness {
  const s = st.freshness;
  switch (widget) {
    case 'lamps':
    case 'energy':
      return lamps(s, now);
    case 'incidents':
      return incidents(s, now);
    case 'cameras':
    case 'alerts':
      return cameras(s, now);
    case 'kpis':
      return kpis(s, now);
    case 'systems':
      return freshness('systems', s.arrived.systems, now);
    case 'map':
      return worstOf([lamps(s, now), incidents(s, now), cameras(s, now)]);
  }
}
