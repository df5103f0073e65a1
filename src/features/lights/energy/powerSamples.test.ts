import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCity, CITY_NOW } from '../../../../tests/support/city';
import { makeStore } from '../../../app/store';
import { eventsReceived, snapshotReceived, type LightsSummary } from '../../../realtime/streamActions';
import type { PowerHistory } from '../../../shared/protocol/events';
import { powerSamplesOf } from './powerSamples';

const REAL = 1_800_000_000_000;
const MIN = 60_000;
const lit = (powerW: number): LightsSummary => ({ version: 1, count: 100, byState: [100, 0, 0, 0], powerW });

function snapshot(power: PowerHistory | null, powerW: number) {
  const { lamps: _l, ...state } = { ...aCity(), clock: { now: CITY_NOW, scale: 60, simulated: true } };
  return snapshotReceived({
    seq: 1,
    state,
    lights: lit(powerW),
    cabinets: [],
    power,
    receivedAt: Date.now(),
  });
}

const lampsChanged = (powerW: number) =>
  eventsReceived({
    events: [],
    lights: lit(powerW),
    lastSeq: 2,
    lastTs: CITY_NOW,
    count: 1,
    dropped: {},
    receivedAt: Date.now(),
  });

describe('a store’s power samples', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(REAL);
  });
  afterEach(() => vi.useRealTimers());

  it('start from the hub’s history and go on sampling the store, shown by a panel or not', () => {
    const store = makeStore();
    const history = { spacingMs: MIN, points: [[CITY_NOW - 10 * MIN, 500] as [number, number]] };
    store.dispatch(snapshot(history, 800));
    const series = powerSamplesOf(store);
    expect(series.window(CITY_NOW - 10 * MIN, CITY_NOW)).toEqual([
      [CITY_NOW - 10 * MIN, 500],
      [CITY_NOW, 800],
    ]);
    // A real second at ×60 is a city minute: the lamps dim while no panel reads the series.
    vi.setSystemTime(REAL + 5000);
    store.dispatch(lampsChanged(300));
    // A panel that comes back to the store finds the same series, with what it did not see.
    expect(powerSamplesOf(store)).toBe(series);
    expect(series.window(CITY_NOW, CITY_NOW + 5 * MIN).at(-1)).toEqual([CITY_NOW + 5 * MIN, 300]);
  });

  it('start again from a new snapshot’s history, and keep each store’s apart', () => {
    const store = makeStore();
    store.dispatch(snapshot(null, 800));
    const series = powerSamplesOf(store);
    const other = makeStore();
    other.dispatch(snapshot(null, 50));
    expect(powerSamplesOf(other)).not.toBe(series);
    store.dispatch(snapshot({ spacingMs: MIN, points: [[CITY_NOW - 30 * MIN, 1200]] }, 900));
    expect(series.window(CITY_NOW - 60 * MIN, CITY_NOW)).toEqual([
      [CITY_NOW - 30 * MIN, 1200],
      [CITY_NOW, 900],
    ]);
    expect(powerSamplesOf(other).window(CITY_NOW, CITY_NOW)).toEqual([[CITY_NOW, 50]]);
  });
});
