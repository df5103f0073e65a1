import { describe, expect, it } from 'vitest';
import { cityNow, connectionSlice } from './connectionSlice';
import { connectionChanged, eventsReceived, hubSelected, snapshotReceived } from './streamActions';

const reduce = connectionSlice.reducer;
const NOW = Date.UTC(2026, 10, 23, 3);

describe('connection slice', () => {
  const snap = snapshotReceived({
    seq: 5,
    state: {
      city: 'Huế',
      clock: { now: NOW, scale: 60, simulated: true },
      incidents: [],
      alerts: [],
      cameras: [],
      kpis: [],
    },
    lights: { version: 1, count: 0, byState: [0, 0, 0, 0], powerW: 0 },
    cabinets: [],
    power: null,
    receivedAt: 1_000,
  });

  it('extrapolates city time at the simulation scale', () => {
    const s = reduce(undefined, snap);
    expect(cityNow(s.clock, 2_000)).toBe(NOW + 60_000);
  });

  it('tracks seq, counts and lag in real milliseconds', () => {
    let s = reduce(undefined, snap);
    // At receivedAt 3000 the city clock reads NOW + 120 s; an event stamped NOW + 60 s lags 1 real second.
    s = reduce(
      s,
      eventsReceived({
        events: [],
        lights: null,
        lastSeq: 9,
        lastTs: NOW + 60_000,
        count: 4,
        dropped: { duplicate: 2 },
        receivedAt: 3_000,
      }),
    );
    expect(s).toMatchObject({ lastSeq: 9, received: 4, lagMs: 1000 });
    expect(s.dropped.duplicate).toBe(2);
  });

  it('records why the connection went down', () => {
    const s = reduce(undefined, connectionChanged({ status: 'offline', error: 'unauthorized' }));
    expect(s).toMatchObject({ status: 'offline', error: 'unauthorized' });
  });

  it('records the hub it is on, and counts moves to another', () => {
    const first = { url: 'http://a:1', host: 'a:1', index: 0, count: 2 };
    let s = reduce(undefined, hubSelected(first));
    expect(s).toMatchObject({ hub: first, failovers: 0 });
    s = reduce(s, hubSelected({ url: 'http://b:2', host: 'b:2', index: 1, count: 2 }));
    expect(s).toMatchObject({ hub: { host: 'b:2', index: 1 }, failovers: 1 });
  });
});
