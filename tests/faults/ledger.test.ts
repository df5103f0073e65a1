import { describe, expect, it } from 'vitest';
import { eventsReceived, snapshotReceived } from '../../src/realtime/streamActions';
import type { StreamEvent } from '../../src/shared/protocol/events';
import { ApplyLedger } from './ledger';

// The ledger is the suite's witness for "nothing lost, nothing applied twice": it must catch both.

const kpi = (seq: number): StreamEvent => ({
  seq,
  ts: 0,
  type: 'kpi.updated',
  data: { id: 'cashless-rate', value: seq, unit: 'percent', at: '2026-11-23T10:00:00.000Z' },
});

function batch(lastSeq: number, count: number, events: StreamEvent[] = []) {
  return eventsReceived({ events, lights: null, lastSeq, lastTs: null, count, dropped: {}, receivedAt: 0 });
}

function snapshot(seq: number) {
  return snapshotReceived({
    seq,
    state: {
      city: 'Huế',
      clock: { now: 0, scale: 1, simulated: false },
      incidents: [],
      alerts: [],
      cameras: [],
      kpis: [],
    },
    lights: { version: 0, count: 0, byState: [0, 0, 0, 0], powerW: 0 },
    cabinets: [],
    power: null,
    receivedAt: 0,
  });
}

describe('ApplyLedger', () => {
  it('accepts contiguous batches after a snapshot, lamp updates counted by span', () => {
    const ledger = new ApplyLedger();
    ledger.record(snapshot(10));
    ledger.record(batch(13, 3, [kpi(11), kpi(13)])); // 12 was a lamp update
    ledger.record(batch(14, 1, [kpi(14)]));
    ledger.record(snapshot(40));
    ledger.record(batch(41, 1));
    expect(ledger.problems).toEqual([]);
    expect(ledger).toMatchObject({ lastSeq: 41, applied: 5, snapshots: 2 });
  });

  it('reports a batch that skipped events', () => {
    const ledger = new ApplyLedger();
    ledger.record(snapshot(10));
    ledger.record(batch(15, 4));
    expect(ledger.problems).toEqual(['batch (10, 15] applied 4 events: lost']);
  });

  it('reports an event applied twice, within a batch or across two', () => {
    const ledger = new ApplyLedger();
    ledger.record(snapshot(10));
    ledger.record(batch(12, 3, [kpi(11), kpi(11), kpi(12)]));
    ledger.record(batch(13, 2, [kpi(12), kpi(13)]));
    expect(ledger.problems).toEqual([
      'batch (10, 12] applied 3 events: applied twice',
      'seq 11 applied after 11',
      'batch (12, 13] applied 2 events: applied twice',
      'seq 12 applied after 12',
    ]);
  });
});
