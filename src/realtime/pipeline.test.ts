import type { UnknownAction } from '@reduxjs/toolkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeStore } from '../app/store';
import { LampColumns } from '../features/lights/lampColumns';
import type { CityState, IncidentReported } from '../shared/protocol/events';
import { StreamPipeline } from './pipeline';
import { eventsReceived } from './streamActions';

function emptyCity(lamps = 4): CityState {
  return {
    city: 'Huế',
    clock: { now: Date.UTC(2026, 10, 23, 10), scale: 1, simulated: true },
    incidents: [],
    alerts: [],
    cameras: [],
    kpis: [],
    lamps: {
      count: lamps,
      lon: Array(lamps).fill(107.58),
      lat: Array(lamps).fill(16.46),
      cabinet: Array(lamps).fill(0),
      state: Array(lamps).fill(0),
      level: Array(lamps).fill(0),
      watts: Array(lamps).fill(100),
      cabinets: [{ id: 'C1', ward: '19774' }],
    },
  };
}

const report = (id: string): IncidentReported => ({
  id,
  category: 'waste',
  title: `Rác ${id}`,
  location: { lon: 107.58, lat: 16.46 },
  severity: 'high',
  source: 'hue-s',
});

/** A light.states batch from [lamp, state, level] entries. */
const batch = (...entries: [number, number, number][]) => ({
  i: entries.map((e) => e[0]),
  s: entries.map((e) => e[1]),
  l: entries.map((e) => e[2]),
});

const ev = (seq: number, type: string, data: unknown) => ({
  seq,
  type,
  ts: Date.UTC(2026, 10, 23, 10) + seq,
  data,
});

describe('StreamPipeline', () => {
  let store: ReturnType<typeof makeStore>;
  let lamps: LampColumns;
  let frames: (() => void)[];
  let resyncs: number[];
  let actions: UnknownAction[];
  let pipe: StreamPipeline;

  beforeEach(() => {
    store = makeStore();
    lamps = new LampColumns();
    frames = [];
    resyncs = [];
    actions = [];
    pipe = new StreamPipeline({
      dispatch: (a) => {
        actions.push(a);
        return store.dispatch(a);
      },
      lamps,
      scheduleFrame: (f) => frames.push(f),
      requestResync: (s) => resyncs.push(s),
      now: () => 0,
    });
    expect(pipe.onSnapshot({ seq: 10, state: emptyCity() })).toBe(true);
  });

  const runFrames = () => frames.splice(0).forEach((f) => f());

  it('batches everything that arrived before a frame into one action', () => {
    pipe.onEvents({
      events: [ev(11, 'incident.reported', report('a')), ev(12, 'light.states', batch([1, 1, 100]))],
    });
    pipe.onEvents({ events: [ev(13, 'light.states', batch([2, 2, 50]))] });
    expect(frames).toHaveLength(1);
    runFrames();
    const batches = actions.filter((a) => eventsReceived.match(a));
    expect(batches).toHaveLength(1);
    const s = store.getState();
    expect(s.connection.lastSeq).toBe(13);
    expect(s.connection.received).toBe(3);
    expect(pipe.applied).toBe(3);
    expect(pipe.updates).toBe(3);
    expect(s.incidents.ids).toEqual(['a']);
    expect(s.lights.byState).toEqual([2, 1, 1, 0]);
    expect(lamps.state[2]).toBe(2);
    expect(lamps.level[2]).toBe(50);
  });

  it('applies a whole batch under its one seq, and counts its lamps as updates', () => {
    pipe.onEvents({ events: [ev(11, 'light.states', batch([3, 3, 0], [0, 1, 100], [1, 2, 30]))] });
    pipe.onEvents({ events: [ev(12, 'light.states', batch([3, 1, 100]))] });
    runFrames();
    expect(Array.from(lamps.state)).toEqual([1, 2, 0, 1]);
    expect(Array.from(lamps.level)).toEqual([100, 30, 0, 100]);
    const s = store.getState();
    expect(s.connection.lastSeq).toBe(12);
    expect(s.lights.byState).toEqual([1, 2, 1, 0]);
    expect(pipe.applied).toBe(2);
    expect(pipe.updates).toBe(4);
  });

  it('drops a batch with bad columns whole, keeps its seq, and applies the next', () => {
    pipe.onEvents({
      events: [
        ev(11, 'light.states', { i: [0, 1], s: [1], l: [100, 100] }), // unequal columns
        ev(12, 'light.states', batch([0, 1, 100], [4, 1, 100])), // index past the 4 lamps
        ev(13, 'light.states', { i: [0, 1], s: [1, 1], l: [100, Number.NaN] }), // NaN level
        ev(14, 'light.states', batch([2, 1, 100], [2, 3, 0])), // lamp 2 twice
        ev(15, 'light.states', batch([1, 2, 50])),
      ],
    });
    runFrames();
    const s = store.getState();
    expect(resyncs).toEqual([]);
    expect(s.connection.lastSeq).toBe(15);
    expect(s.connection.dropped['invalid-data']).toBe(4);
    // Nothing of the bad batches reached the columns, not even their good entries.
    expect(Array.from(lamps.state)).toEqual([0, 2, 0, 0]);
    expect(pipe.updates).toBe(1);
  });

  it('still applies a version 1 light.state, as a replayed log may hold one', () => {
    pipe.onEvents({ events: [ev(11, 'light.state', [2, 3, 0]), ev(12, 'light.states', batch([1, 1, 100]))] });
    runFrames();
    expect(Array.from(lamps.state)).toEqual([0, 1, 3, 0]);
    expect(store.getState().connection.lastSeq).toBe(12);
  });

  it('drops and counts duplicates without applying them twice', () => {
    pipe.onEvents({ events: [ev(11, 'incident.reported', report('a'))] });
    pipe.onEvents({
      events: [ev(11, 'incident.reported', report('a')), ev(9, 'light.states', batch([0, 1, 100]))],
    });
    runFrames();
    const s = store.getState();
    expect(s.connection.dropped.duplicate).toBe(2);
    expect(s.incidents.ids).toEqual(['a']);
    expect(lamps.state[0]).toBe(0);
  });

  it('sorts out-of-order events within a batch', () => {
    pipe.onEvents({
      events: [
        ev(13, 'light.states', batch([0, 3, 0])),
        ev(11, 'light.states', batch([0, 1, 100])),
        ev(12, 'light.states', batch([0, 2, 40])),
      ],
    });
    runFrames();
    expect(resyncs).toEqual([]);
    // seq order, not arrival order: the fault (seq 13) is the latest state.
    expect(lamps.state[0]).toBe(3);
    expect(store.getState().connection.lastSeq).toBe(13);
  });

  it('asks for a resync on a gap, holds back what lies beyond it, and resumes with the replay', () => {
    pipe.onEvents({
      events: [ev(11, 'light.states', batch([0, 1, 100])), ev(14, 'light.states', batch([1, 1, 100]))],
    });
    expect(resyncs).toEqual([11]);
    // More live events while the resync is outstanding: no second request.
    pipe.onEvents({ events: [ev(15, 'light.states', batch([2, 1, 100]))] });
    expect(resyncs).toEqual([11]);
    runFrames();
    expect(store.getState().connection.lastSeq).toBe(11);
    expect(lamps.state[1]).toBe(0);
    // The replay brings 12.. in order, the live stream continues after it.
    pipe.onEvents({
      events: [
        ev(12, 'light.states', batch([3, 1, 100])),
        ev(13, 'light.states', batch([3, 2, 30])),
        ev(14, 'light.states', batch([1, 1, 100])),
        ev(15, 'light.states', batch([2, 1, 100])),
      ],
    });
    pipe.onEvents({ events: [ev(16, 'light.states', batch([0, 0, 0]))] });
    runFrames();
    const s = store.getState();
    expect(s.connection.lastSeq).toBe(16);
    expect(s.connection.resyncs).toBe(1);
    expect(s.connection.dropped['beyond-gap']).toBe(2);
    expect(Array.from(lamps.state)).toEqual([0, 1, 1, 2]);
  });

  it('drops invalid events but keeps their seq, so that they do not look like a gap', () => {
    pipe.onEvents({
      events: [
        ev(11, 'incident.reported', { ...report('bad'), location: { lon: 2.35, lat: 48.85 } }),
        ev(12, 'light.states', batch([99, 1, 100])),
        ev(13, 'no.such.type', {}),
        { seq: 'x', type: 'light.state' },
        null,
        ev(14, 'incident.reported', report('good')),
      ],
    });
    pipe.onEvents('not even an object');
    runFrames();
    const s = store.getState();
    expect(resyncs).toEqual([]);
    expect(s.connection.lastSeq).toBe(14);
    expect(s.incidents.ids).toEqual(['good']);
    expect(s.connection.dropped).toMatchObject({ 'invalid-data': 2, 'unknown-type': 1, malformed: 3 });
  });

  it('a snapshot replaces the state and discards what it already covers', () => {
    pipe.onEvents({ events: [ev(11, 'incident.reported', report('a'))] });
    const city = emptyCity(2);
    city.incidents = [];
    pipe.onSnapshot({ seq: 20, state: city });
    pipe.onEvents({
      events: [ev(20, 'incident.reported', report('old')), ev(21, 'incident.reported', report('new'))],
    });
    runFrames();
    const s = store.getState();
    expect(s.incidents.ids).toEqual(['new']);
    expect(s.lights.count).toBe(2);
    expect(s.connection.lastSeq).toBe(21);
  });

  it('takes the power history of a snapshot, and drops and counts a bad one without the state', () => {
    const power = { spacingMs: 60_000, points: [[1000, 2500] as [number, number]] };
    expect(pipe.onSnapshot({ seq: 20, state: emptyCity(), power })).toBe(true);
    expect(store.getState().powerHistory.history).toEqual(power);
    const bad = { spacingMs: 60_000, points: [[2000, -5]] };
    expect(pipe.onSnapshot({ seq: 30, state: emptyCity(), power: bad })).toBe(true);
    runFrames();
    const s = store.getState();
    expect(s.connection.lastSeq).toBe(30);
    expect(s.powerHistory.history).toBeNull();
    expect(s.connection.dropped['invalid-data']).toBe(1);
  });

  it('refuses a malformed snapshot and keeps the state it had', () => {
    pipe.onEvents({ events: [ev(11, 'incident.reported', report('a'))] });
    runFrames();
    expect(pipe.onSnapshot({ seq: 30, state: { city: 'Huế' } })).toBe(false);
    expect(store.getState().incidents.ids).toEqual(['a']);
    expect(pipe.lastSeq).toBe(11);
  });
});
