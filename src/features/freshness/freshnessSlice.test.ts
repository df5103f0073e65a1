import { describe, expect, it } from 'vitest';
import { aCity, CITY_NOW } from '../../../tests/support/city';
import { makeStore } from '../../app/store';
import {
  connectionChanged,
  eventsReceived,
  resyncRequested,
  snapshotReceived,
  systemsReceived,
  type LightsSummary,
} from '../../realtime/streamActions';
import type { Kpi, StreamEvent, SystemStatus } from '../../shared/protocol/events';
import { selectResyncNotice, selectWidgetFreshness } from './freshnessSlice';

/** The page's real clock when the snapshot arrives. */
const REAL = 1_800_000_000_000;
const SCALE = 720;
const iso = (ms: number) => new Date(ms).toISOString();
const lights: LightsSummary = { version: 1, count: 0, byState: [0, 0, 0, 0], powerW: 0 };

/** A page that got a ×720 city's snapshot at REAL, in which the hub last heard `heard` (city ms before). */
function pageWith(heard: Partial<Record<SystemStatus['system'], number>>, kpis: Kpi[] = []) {
  const store = makeStore();
  const state = aCity();
  const { lamps: _l, ...rest } = { ...state, clock: { now: CITY_NOW, scale: SCALE, simulated: true }, kpis };
  const systems: SystemStatus[] = Object.entries(heard).map(([system, ago]) => ({
    system: system as SystemStatus['system'],
    status: 'connected',
    lastAt: iso(CITY_NOW - ago!),
  }));
  store.dispatch(
    snapshotReceived({
      seq: 10,
      state: rest,
      lights,
      cabinets: [],
      power: null,
      systems: { at: iso(CITY_NOW), systems },
      receivedAt: REAL,
    }),
  );
  const at = (widget: Parameters<typeof selectWidgetFreshness>[1], now: number) =>
    selectWidgetFreshness(store.getState(), widget, now);
  return { store, at };
}

const frame = (receivedAt: number, events: StreamEvent[], withLamps = false) =>
  eventsReceived({
    events,
    lights: withLamps ? lights : null,
    lastSeq: 11,
    lastTs: CITY_NOW,
    count: events.length + (withLamps ? 1 : 0),
    dropped: {},
    receivedAt,
  });

describe('freshness of the widgets', () => {
  it("ages the lamps in real time from the hub's last word from the lighting, not in city time", () => {
    // 12 city minutes at ×720 are one real second.
    const { at } = pageWith({ lighting: 12 * 60_000 });
    expect(at('lamps', REAL + 28_000)).toEqual({ ageMs: 29_000, quality: 'good', stale: false });
    expect(at('lamps', REAL + 29_000)).toMatchObject({ quality: 'uncertain', stale: true });
    expect(at('energy', REAL + 29_000).quality).toBe('uncertain');
  });

  it('keeps the lamps fresh while their telemetry arrives, and dims them 30 s after it stops', () => {
    const { store, at } = pageWith({ lighting: 0 });
    store.dispatch(frame(REAL + 40_000, [], true));
    expect(at('lamps', REAL + 69_000).quality).toBe('good');
    expect(at('lamps', REAL + 70_000).quality).toBe('uncertain');
    expect(at('lamps', REAL + 40_000 + 5 * 60_000).quality).toBe('bad');
  });

  it("moves a system's time when the hub reports it heard from it, whatever the hub's clock says", () => {
    const { store, at } = pageWith({ cameras: 0 });
    // The hub's report is stamped in city time far from the page's clock: only differences count.
    const reportAt = CITY_NOW + 3_600_000;
    store.dispatch({
      ...systemsReceived({
        at: iso(reportAt),
        systems: [{ system: 'cameras', status: 'connected', lastAt: iso(reportAt - 720_000) }],
      }),
      meta: { receivedAt: REAL + 100_000 },
    });
    expect(at('cameras', REAL + 100_000)).toMatchObject({ ageMs: 1000, quality: 'good' });
    expect(at('alerts', REAL + 160_000).quality).toBe('uncertain');
    expect(at('systems', REAL + 114_000).quality).toBe('good');
    expect(at('systems', REAL + 115_000).quality).toBe('uncertain');
    // A later report that repeats the time says nothing new: the age goes on from the page's own clock.
    store.dispatch({
      ...systemsReceived({
        at: iso(reportAt + 720_000),
        systems: [{ system: 'cameras', status: 'connected', lastAt: iso(reportAt - 720_000) }],
      }),
      meta: { receivedAt: REAL + 130_000 },
    });
    expect(at('cameras', REAL + 130_000).ageMs).toBe(31_000);
  });

  it('takes an incident or a camera event as data of its own', () => {
    const { store, at } = pageWith({});
    expect(at('incidents', REAL)).toEqual({ ageMs: null, quality: 'bad', stale: true });
    store.dispatch(
      frame(REAL + 5000, [
        { type: 'camera.status', data: { id: 'CAM-1', online: true }, seq: 11, ts: CITY_NOW },
      ]),
    );
    expect(at('cameras', REAL + 6000).quality).toBe('good');
    expect(at('incidents', REAL + 6000).quality).toBe('bad');
  });

  it('judges each indicator by its period, from when it was measured in real time', () => {
    const kpi = (at: number): Kpi => ({
      id: 'online-services-rate',
      value: 90,
      unit: 'percent',
      at: iso(at),
    });
    // Measured 30 city days ago: an hour of real time at ×720; a monthly figure is still good.
    const { store, at } = pageWith({}, [kpi(CITY_NOW - 30 * 86_400_000)]);
    expect(at('kpis', REAL)).toMatchObject({ ageMs: 3_600_000, quality: 'good' });
    // 45 days of real time later it is overdue.
    expect(at('kpis', REAL + 45 * 86_400_000).quality).toBe('uncertain');
    // A new figure, measured a city hour before the hub sent it (five real seconds).
    const sentAt = CITY_NOW + 45 * 86_400_000 * SCALE;
    store.dispatch(
      frame(REAL + 45 * 86_400_000, [
        { type: 'kpi.updated', data: kpi(sentAt - 3_600_000), seq: 11, ts: sentAt },
      ]),
    );
    expect(at('kpis', REAL + 45 * 86_400_000).ageMs).toBe(5000);
    expect(at('kpis', REAL + 45 * 86_400_000).quality).toBe('good');
  });

  it('shows the map as fresh as the oldest of its live layers', () => {
    const { at } = pageWith({ lighting: 0, 'hue-s': 0, cameras: 720 * 40_000 });
    expect(at('map', REAL)).toMatchObject({ ageMs: 40_000, quality: 'good' });
    expect(at('map', REAL + 21_000)).toMatchObject({ ageMs: 61_000, quality: 'uncertain' });
  });
});

describe('the resync notice', () => {
  it('tells of a replay after a disconnection, with the gap in the data', () => {
    const { store } = pageWith({});
    expect(selectResyncNotice(store.getState())).toBeNull();
    store.dispatch(frame(REAL + 1000, [], true));
    store.dispatch(connectionChanged({ status: 'reconnecting' }));
    store.dispatch(connectionChanged({ status: 'live' }));
    store.dispatch(frame(REAL + 43_000, [], true));
    expect(selectResyncNotice(store.getState())).toEqual({
      at: REAL + 43_000,
      gapMs: 42_000,
      kind: 'replay',
    });
    // Data flowing on is no new resync.
    store.dispatch(frame(REAL + 44_000, [], true));
    expect(selectResyncNotice(store.getState())?.at).toBe(REAL + 43_000);
  });

  it('tells of a snapshot after a gap in the seqs', () => {
    const { store } = pageWith({});
    store.dispatch(resyncRequested({ fromSeq: 10 }));
    const { lamps: _l, ...state } = aCity();
    store.dispatch(
      snapshotReceived({ seq: 50, state, lights, cabinets: [], power: null, receivedAt: REAL + 7000 }),
    );
    expect(selectResyncNotice(store.getState())).toEqual({ at: REAL + 7000, gapMs: 7000, kind: 'snapshot' });
  });

  it('says nothing about the first snapshot, even after a failed first connection', () => {
    const store = makeStore();
    store.dispatch(connectionChanged({ status: 'reconnecting' }));
    const { lamps: _l, ...state } = aCity();
    store.dispatch(snapshotReceived({ seq: 5, state, lights, cabinets: [], power: null, receivedAt: REAL }));
    expect(selectResyncNotice(store.getState())).toBeNull();
  });
});
