import { act } from '@testing-library/react';
import { makeStore, type AppStore } from '../../src/app/store';
import { LampFaultWatch } from '../../src/features/lights/lampFaults';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { StreamPipeline } from '../../src/realtime/pipeline';
import { cityNow } from '../../src/realtime/connectionSlice';
import type {
  Cabinet,
  CityEvent,
  CityState,
  Incident,
  IncidentReported,
} from '../../src/shared/protocol/events';
import type * as protocol from '../../src/shared/protocol/events';

// A small city for component tests, delivered to the page as the hub delivers one: a snapshot, then
// events, through the real stream pipeline into the real store and lamp columns.

/** 19:00 in Huế on a November evening: after sunset, so the street lamps should be on. */
export const CITY_NOW = Date.UTC(2026, 10, 23, 12, 0);

/** An open incident in Phú Xuân, reported ten minutes before CITY_NOW; `over` changes what a test needs. */
export function anIncident(id: string, over: Partial<Incident> = {}): Incident {
  const reportedAt = new Date(CITY_NOW - 10 * 60_000).toISOString();
  return {
    id,
    category: 'waste',
    title: `Rác thải ${id}`,
    location: { lon: 107.58, lat: 16.478 },
    ward: '19753',
    severity: 'medium',
    source: 'hue-s',
    reportedAt,
    status: 'received',
    updatedAt: reportedAt,
    history: [],
    ...over,
  };
}

/**
 * A report that came in at 10:00 `daysAgo` city days before CITY_NOW, resolved `afterH` hours later
 * when given (open otherwise): for counts and SLA figures over days.
 */
export function aReportOfDay(id: string, daysAgo: number, afterH?: number): Incident {
  const reportedAt = new Date(CITY_NOW - daysAgo * 86_400_000 - 9 * 3_600_000).toISOString();
  if (afterH === undefined) return anIncident(id, { reportedAt, updatedAt: reportedAt });
  const at = new Date(Date.parse(reportedAt) + afterH * 3_600_000).toISOString();
  return anIncident(id, {
    reportedAt,
    status: 'resolved',
    updatedAt: at,
    history: [
      { status: 'received', by: 'hue-s', at: reportedAt },
      { status: 'resolved', by: 'op', at },
    ],
  });
}

/** What a producer reports for an incident (`incident.reported`), taken from anIncident. */
export function aReport(id: string, over: Partial<Incident> = {}): IncidentReported {
  const {
    status: _s,
    updatedAt: _u,
    history: _h,
    acknowledgedAt: _a,
    acknowledgedBy: _b,
    department: _d,
    ...report
  } = anIncident(id, over);
  return report;
}

/** A cabinet and the states (LAMP_* codes) of its lamps, in inventory order. */
export interface CabinetLamps {
  cabinet: Cabinet;
  lamps: readonly number[];
}

/** A lamp inventory of these cabinets, as the snapshot carries it: 150 W lamps at full level when on. */
export function lampInventory(cabinets: readonly CabinetLamps[]): protocol.LampColumns {
  const cabinet: number[] = [];
  const state: number[] = [];
  cabinets.forEach((c, index) =>
    c.lamps.forEach((s) => {
      cabinet.push(index);
      state.push(s);
    }),
  );
  const count = state.length;
  return {
    count,
    lon: Array<number>(count).fill(107.58),
    lat: Array<number>(count).fill(16.478),
    cabinet,
    state,
    level: state.map((s) => (s === 1 ? 100 : s === 2 ? 50 : 0)),
    watts: Array<number>(count).fill(150),
    cabinets: cabinets.map((c) => c.cabinet),
  };
}

/** The hub's state of a city with these incidents and lamps, at CITY_NOW unless `now` says otherwise. */
export function aCity(
  parts: { incidents?: Incident[]; lamps?: protocol.LampColumns; now?: number } = {},
): CityState {
  return {
    city: 'Huế',
    clock: { now: parts.now ?? CITY_NOW, scale: 1, simulated: false },
    incidents: parts.incidents ?? [],
    alerts: [],
    cameras: [],
    kpis: [],
    lamps: parts.lamps ?? lampInventory([]),
  };
}

export interface TestCity {
  store: AppStore;
  /** the lamp columns the page's map and lights console read */
  lamps: LampColumns;
  /** the page's lamp fault judgement, made at every change here (the page's throttles it to once a second) */
  faults: LampFaultWatch;
  /** events the hub sends next, with the next seqs, applied as one frame (inside React's act) */
  receive(...events: CityEvent[]): void;
  /** the next `n` events are lost on the way: the page sees a gap in the seqs after them */
  lose(n: number): void;
  /** a snapshot as of `seq`, as the hub answers a resync it cannot replay (inside React's act) */
  snapshot(state: CityState, seq: number): void;
  /** the last seq the page held each time it asked the hub to resync */
  resyncs: number[];
}

/**
 * A store that received `state` as its snapshot (seq `seq`), the way a page opening its socket does.
 * Snapshots are validated like the hub's: a fixture that breaks the protocol fails here. `systems`:
 * the upstream systems' statuses the first snapshot carries.
 */
export function openCity(state: CityState, seq = 100, systems?: protocol.SystemStatus[]): TestCity {
  const store = makeStore();
  const lamps = new LampColumns();
  const resyncs: number[] = [];
  const pipeline = new StreamPipeline({
    dispatch: store.dispatch,
    lamps,
    // One frame per delivery: the test decides when the page sees what arrived.
    scheduleFrame: (flush) => flush(),
    requestResync: (lastSeq) => resyncs.push(lastSeq),
    now: () => Date.now(),
  });
  const faults = new LampFaultWatch(
    store,
    lamps,
    () => cityNow(store.getState().connection.clock, Date.now()),
    0,
  );
  faults.start();
  let nextSeq = seq + 1;
  const load = (s: CityState, at: number, withSystems?: protocol.SystemStatus[]) => {
    if (!pipeline.onSnapshot({ seq: at, state: s, ...(withSystems ? { systems: withSystems } : {}) }))
      throw new Error('the test city is not a valid snapshot');
    nextSeq = at + 1;
  };
  load(state, seq, systems);
  return {
    store,
    lamps,
    faults,
    resyncs,
    receive(...events) {
      const ts = Math.round(cityNow(store.getState().connection.clock, Date.now()) ?? state.clock.now);
      const sent = events.map((e) => ({ ...e, seq: nextSeq++, ts }));
      act(() => pipeline.onEvents({ events: sent }));
    },
    lose(n) {
      nextSeq += n;
    },
    snapshot(s, at) {
      act(() => load(s, at));
    },
  };
}
