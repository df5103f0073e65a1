import { describe, expect, it } from 'vitest';
import { applyEvents, wireState } from '../../server/state';
import { createCitySim } from '../../mocks/sim/city';
import { makeStore } from '../../src/app/store';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { StreamPipeline } from '../../src/realtime/pipeline';
import type { CityState, StreamEvent } from '../../src/shared/protocol/events';
import { canonicalJson, cityChecksum } from './checksum';
import { clientCityState } from './harness';

// The checksum the fault suite compares page and hub by: equal for equal cities however they are
// held, different for any difference it claims to cover.

function city(): CityState {
  const sim = createCitySim({ seed: 3, lamps: 200, timeScale: 1 });
  return structuredClone(sim.state());
}

/** The same city with every list reversed and every object's keys in another order. */
function shuffled(state: CityState): CityState {
  const rekey = <T extends object>(o: T): T =>
    Object.fromEntries(
      Object.entries(o)
        .reverse()
        .map(([k, v]) => [k, v]),
    ) as T;
  return {
    ...state,
    incidents: [...state.incidents].reverse().map(rekey),
    alerts: [...state.alerts].reverse().map(rekey),
    cameras: [...state.cameras].reverse(),
    kpis: [...state.kpis].reverse().map(rekey),
    lamps: { ...state.lamps, cabinets: [...state.lamps.cabinets].reverse() },
  };
}

describe('canonicalJson', () => {
  it('sorts keys, leaves out undefined members and writes typed arrays as arrays', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, 'x'] } })).toBe('{"a":{"c":[1,"x"]},"b":1}');
    expect(canonicalJson(Uint8Array.from([1, 2]))).toBe(canonicalJson([1, 2]));
  });
});

describe('cityChecksum', () => {
  it('is the same for the same city in any order', () => {
    const state = city();
    expect(cityChecksum(shuffled(state))).toEqual(cityChecksum(state));
  });

  it('tells apart each thing it covers, and names the part', () => {
    const base = city();
    const sum = cityChecksum(base);
    const changes: [string, (s: CityState) => void][] = [
      ['incidents', (s) => (s.incidents[0]!.status = 'closed')],
      [
        'incidents',
        (s) => s.incidents[0]!.history.push({ status: 'closed', by: 'x', at: base.incidents[0]!.updatedAt }),
      ],
      ['alerts', (s) => (s.alerts[s.alerts.length - 1]!.confidence = 0.01)],
      ['cameras', (s) => (s.cameras[0]!.online = !s.cameras[0]!.online)],
      ['kpis', (s) => (s.kpis[0]!.value += 1)],
      ['cabinets', (s) => (s.lamps.cabinets[0]!.status!.level = 33)],
      ['lamps', (s) => (s.lamps.level[7] = 42)],
      ['lamps', (s) => (s.lamps.state[7] = 3)],
    ];
    for (const [part, change] of changes) {
      const changed = structuredClone(base);
      change(changed);
      const other = cityChecksum(changed);
      expect(other.digest, part).not.toBe(sum.digest);
      const differing = Object.keys(sum.parts).filter(
        (p) => sum.parts[p as 'lamps'] !== other.parts[p as 'lamps'],
      );
      expect(differing, part).toEqual([part]);
    }
  });

  it('covers the newest 200 alerts, the window the hub keeps', () => {
    const base = city();
    expect(base.alerts.length).toBe(200);
    const older = { ...base.alerts[0]!, id: 'AL-older', at: '2000-01-01T00:00:00.000Z' };
    expect(cityChecksum({ ...base, alerts: [older, ...base.alerts] }).digest).toBe(cityChecksum(base).digest);
  });

  it("reads a page's city (slices and lamp columns) as the hub's state it came from", () => {
    const start = city();
    const store = makeStore();
    const lamps = new LampColumns();
    const pipeline = new StreamPipeline({
      dispatch: store.dispatch,
      lamps,
      scheduleFrame: () => {},
      requestResync: () => {},
      now: () => 0,
    });
    pipeline.onSnapshot(JSON.parse(JSON.stringify({ seq: 0, state: start })));
    // One event of every kind, applied by the page's pipeline and by the hub's state alike.
    const ts = start.clock.now;
    const at = new Date(ts).toISOString();
    const open = start.incidents.find((i) => i.status === 'assigned')!;
    const camera = start.cameras[0]!;
    const cabinet = start.lamps.cabinets[0]!;
    const kinds = [
      {
        type: 'incident.reported',
        data: {
          id: 'NEW-1',
          category: 'flooding',
          title: 'Ngập sâu đường Lê Lợi',
          location: { lon: 107.58, lat: 16.46 },
          ward: '19768',
          severity: 'high',
          source: 'hotline',
          reporter: { name: 'Lê Thị C', phone: '0905000000' },
        },
      },
      {
        type: 'incident.updated',
        data: { id: open.id, status: 'in_progress', by: 'x', at, acknowledged: true },
      },
      {
        type: 'incident.updated',
        data: { id: 'NEW-1', status: 'assigned', by: 'y', at, department: 'water' },
      },
      { type: 'camera.alert', data: { ...start.alerts[0]!, id: 'AL-NEW', at } },
      { type: 'camera.status', data: { id: camera.id, online: !camera.online } },
      { type: 'kpi.updated', data: { id: 'cashless-rate', value: 71.5, unit: 'percent', at } },
      { type: 'light.state', data: [5, 2, 40] },
      { type: 'light.state', data: [5, 1, 100] },
      { type: 'light.state', data: [6, 3, 0] },
      { type: 'cabinet.updated', data: { ...cabinet.status!, id: cabinet.id, mode: 'off', level: 0 } },
    ];
    const events = kinds.map((e, i) => ({ ...e, seq: i + 1, ts }) as StreamEvent);
    pipeline.onEvents(JSON.parse(JSON.stringify({ events })));
    pipeline.flush();
    expect(store.getState().connection.lastSeq).toBe(events.length);
    const hub = wireState(applyEvents(start, events));
    const page = cityChecksum(clientCityState(store, lamps));
    expect(page.parts).toEqual(cityChecksum(hub).parts);
    expect(page.digest).not.toBe(cityChecksum(start).digest);
  });
});
