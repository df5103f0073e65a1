import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeStore } from '../../app/store';
import { StreamPipeline } from '../../realtime/pipeline';
import type { CityState } from '../../shared/protocol/events';
import {
  cabinetCommands,
  classifyLamps,
  FAULT_CODE_COUNT,
  FAULT_DAY_BURNING,
  FAULT_LAMP,
  FAULT_WRONG_LEVEL,
} from '../../shared/lights/faults';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import {
  FAULT_COLORS,
  faultMarkers,
  faultyLampCount,
  LampFaultWatch,
  lampFaultsJudged,
  lampFaultsSlice,
  selectLampFaultCounts,
} from './lampFaults';
import { LampColumns } from './lampColumns';

const on = { mode: 'auto', level: 100, online: true, override: null } as const;
const off = { mode: 'auto', level: 0, online: true, override: null } as const;

describe('fault markers', () => {
  // lamp i sits at (100 + i, 10 + i)
  const positions = Float32Array.from({ length: 10 }, (_, k) =>
    k % 2 === 0 ? 100 + k / 2 : 10 + (k - 1) / 2,
  );
  const lamps = {
    count: 5,
    cabinet: [0, 0, 1, 1, 1],
    state: [LAMP_ON, LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON],
    level: [100, 60, 0, 0, 100],
  };

  it("places a marker on each faulty lamp, coloured by its kind, from the cabinets' commands", () => {
    const commands = cabinetCommands([{ status: on }, { status: off }]);
    const m = faultMarkers(positions, classifyLamps(lamps, commands, true));
    expect(m.count).toBe(3);
    expect(Array.from(m.lamps)).toEqual([1, 2, 4]);
    expect(Array.from(m.codes)).toEqual([FAULT_WRONG_LEVEL, FAULT_LAMP, FAULT_DAY_BURNING]);
    expect(Array.from(m.positions)).toEqual([101, 11, 102, 12, 104, 14]);
    expect(Array.from(m.colors.subarray(8, 12))).toEqual([...FAULT_COLORS[FAULT_DAY_BURNING]!]);
  });

  it('draws at most `limit` markers, and still knows how many lamps are faulty', () => {
    const commands = cabinetCommands([{ status: on }, { status: off }]);
    const m = faultMarkers(positions, classifyLamps(lamps, commands, true), 2);
    expect(m.count).toBe(2);
    expect(m.total).toBe(3);
    expect(Array.from(m.lamps)).toEqual([1, 2]);
    expect(m.positions).toHaveLength(4);
  });

  it('has no markers for a city without faults', () => {
    const calm = { ...lamps, state: [LAMP_ON, LAMP_ON, LAMP_OFF, LAMP_OFF, LAMP_OFF] };
    const commands = cabinetCommands([{ status: on }, { status: off }]);
    expect(faultMarkers(positions, classifyLamps(calm, commands, true)).count).toBe(0);
  });
});

describe('lamp fault counts in the store', () => {
  it('holds the counts by code and sums the faulty lamps', () => {
    const counts = [40, 3, 2, 1, 0];
    expect(counts).toHaveLength(FAULT_CODE_COUNT);
    const s = lampFaultsSlice.reducer(undefined, lampFaultsJudged({ byCode: counts, version: 1 }));
    expect(selectLampFaultCounts({ lampFaults: s })).toEqual(counts);
    expect(faultyLampCount(counts)).toBe(6);
  });
});

describe('the lamp fault watch', () => {
  // Noon in Huế (05:00 UTC): daylight. Cabinet C1 has no control status, so only failed lamps are faults.
  const noon = Date.UTC(2026, 10, 23, 5);
  const city = (states: number[]): CityState => ({
    city: 'Huế',
    clock: { now: noon, scale: 1, simulated: true },
    incidents: [],
    alerts: [],
    cameras: [],
    kpis: [],
    lamps: {
      count: states.length,
      lon: states.map((_, i) => 107.58 + i / 1000),
      lat: states.map(() => 16.46),
      cabinet: states.map(() => 0),
      state: states,
      level: states.map((s) => (s === LAMP_ON ? 100 : 0)),
      watts: states.map(() => 100),
      cabinets: [{ id: 'C1', ward: '19774' }],
    },
  });

  let store: ReturnType<typeof makeStore>;
  let lamps: LampColumns;
  let pipe: StreamPipeline;
  let watch: LampFaultWatch;
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    store = makeStore();
    lamps = new LampColumns();
    pipe = new StreamPipeline({
      dispatch: store.dispatch,
      lamps,
      scheduleFrame: (flush) => flush(),
      requestResync: () => {},
      now: () => Date.now(),
    });
    watch = new LampFaultWatch(store, lamps, () => noon, 1000);
    stop = watch.start();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('judges the lamps of a snapshot and publishes counts, markers and per-cabinet tallies, with no view mounted', () => {
    pipe.onSnapshot({ seq: 1, state: city([LAMP_ON, LAMP_FAULT, LAMP_OFF, LAMP_FAULT]) });
    const s = store.getState().lampFaults;
    expect(s.byCode[FAULT_LAMP]).toBe(2);
    expect(faultyLampCount(s.byCode)).toBe(2);
    expect(s.version).toBe(1);
    expect(Array.from(watch.judged!.markers.lamps)).toEqual([1, 3]);
    expect(watch.judged!.perCabinet[0 * FAULT_CODE_COUNT + FAULT_LAMP]).toBe(2);
  });

  it('judges again at most once a second, with the latest lamps, however often they change', () => {
    pipe.onSnapshot({ seq: 1, state: city([LAMP_ON, LAMP_ON, LAMP_ON, LAMP_ON]) });
    expect(store.getState().lampFaults.version).toBe(1);
    const states = (seq: number, lamp: number) =>
      pipe.onEvents({
        events: [{ seq, type: 'light.states', ts: noon, data: { i: [lamp], s: [LAMP_FAULT], l: [0] } }],
      });
    states(2, 0);
    vi.advanceTimersByTime(300);
    states(3, 1);
    expect(store.getState().lampFaults.version).toBe(1);
    vi.advanceTimersByTime(700);
    expect(store.getState().lampFaults.version).toBe(2);
    expect(store.getState().lampFaults.byCode[FAULT_LAMP]).toBe(2);
  });

  it('publishes nothing new while nothing it reads has changed', () => {
    pipe.onSnapshot({ seq: 1, state: city([LAMP_FAULT]) });
    vi.advanceTimersByTime(5000);
    pipe.onEvents({ events: [{ seq: 2, type: 'incident.reported', ts: noon, data: report }] });
    vi.advanceTimersByTime(5000);
    expect(store.getState().lampFaults.version).toBe(1);
  });
});

const report = {
  id: 'R1',
  category: 'waste',
  title: 'Rác',
  location: { lon: 107.58, lat: 16.46 },
  severity: 'high',
  source: 'hue-s',
};
