import { describe, expect, it } from 'vitest';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import type { CabinetStatus, StreamEvent } from '../../shared/protocol/events';
import {
  cabinetsSlice,
  selectCabinets,
  selectOfflineAlerts,
  selectOfflineCabinetCount,
} from './cabinetsSlice';

const T = Date.UTC(2026, 10, 23, 10);
const auto = { mode: 'auto', level: 0, online: true, override: null } as const;

function snapshot() {
  return snapshotReceived({
    seq: 1,
    state: {
      city: 'Huế',
      clock: { now: T, scale: 1, simulated: true },
      incidents: [],
      alerts: [],
      cameras: [],
      kpis: [],
    },
    lights: { version: 1, count: 0, byState: [0, 0, 0, 0], powerW: 0 },
    cabinets: [
      { id: 'CAB-A', ward: '19753', group: 'dan-cu', status: auto },
      { id: 'CAB-B', ward: '19774', group: 'truc-chinh', status: auto },
    ],
    power: null,
    receivedAt: T,
  });
}

function updated(data: CabinetStatus, seq: number) {
  const events: StreamEvent[] = [{ type: 'cabinet.updated', data, seq, ts: T }];
  return eventsReceived({
    events,
    lights: null,
    lastSeq: seq,
    lastTs: T,
    count: 1,
    dropped: {},
    receivedAt: T,
  });
}

describe('cabinets slice', () => {
  it('holds the inventory in order and follows cabinet.updated; ignores a cabinet it does not know', () => {
    let s = cabinetsSlice.reducer(undefined, snapshot());
    const override = { by: 'Nguyễn Văn An', at: T, until: T + 3_600_000 };
    s = cabinetsSlice.reducer(s, updated({ id: 'CAB-B', mode: 'dim', level: 40, online: true, override }, 2));
    s = cabinetsSlice.reducer(
      s,
      updated({ id: 'CAB-X', mode: 'off', level: 0, online: false, override: null }, 3),
    );
    const list = selectCabinets({ cabinets: s });
    expect(list.map((c) => c.id)).toEqual(['CAB-A', 'CAB-B']);
    expect(list[0]!.status).toEqual(auto);
    expect(list[1]).toEqual({
      id: 'CAB-B',
      ward: '19774',
      group: 'truc-chinh',
      status: { mode: 'dim', level: 40, online: true, override },
    });
    expect(selectOfflineCabinetCount({ cabinets: s })).toBe(0);
    const down = cabinetsSlice.reducer(
      s,
      updated({ id: 'CAB-A', mode: 'auto', level: 0, online: false, override: null }, 4),
    );
    expect(selectOfflineCabinetCount({ cabinets: down })).toBe(1);
    // A new snapshot replaces everything.
    expect(selectCabinets({ cabinets: cabinetsSlice.reducer(s, snapshot()) })[1]!.status).toEqual(auto);
  });

  it('raises an alert when a cabinet goes offline, once, and ends it when it answers again', () => {
    const off = { mode: 'auto', level: 0, online: false, override: null } as const;
    let s = cabinetsSlice.reducer(undefined, snapshot());
    s = cabinetsSlice.reducer(s, updated({ id: 'CAB-A', ...off }, 2));
    // Still offline: a repeated status is not a second alert.
    s = cabinetsSlice.reducer(s, updated({ id: 'CAB-A', ...off, level: 50 }, 3));
    s = cabinetsSlice.reducer(s, updated({ id: 'CAB-B', ...off }, 4));
    expect(selectOfflineAlerts({ cabinets: s })).toEqual([
      { id: 'CAB-B', at: T },
      { id: 'CAB-A', at: T },
    ]);
    s = cabinetsSlice.reducer(s, updated({ id: 'CAB-A', ...auto }, 5));
    expect(selectOfflineAlerts({ cabinets: s }).map((a) => a.id)).toEqual(['CAB-B']);
    // A resync keeps the alert of a cabinet still offline, and drops one the snapshot says answers.
    expect(selectOfflineAlerts({ cabinets: cabinetsSlice.reducer(s, snapshot()) })).toEqual([]);
  });
});
