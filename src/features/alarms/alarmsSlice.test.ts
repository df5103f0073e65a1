import { describe, expect, it } from 'vitest';
import { streamFrame } from '../../../tests/support/streamFrames';
import { makeStore } from '../../app/store';
import { snapshotReceived, type StateWithoutLamps } from '../../realtime/streamActions';
import type { Incident, IncidentReported, IncidentUpdated, StreamEvent } from '../../shared/protocol/events';
import { incidentFromReport } from '../../shared/protocol/incident';
import {
  ALARM_LINGER_MS,
  ALARM_RECORD_LIMIT,
  type Alarm,
  selectActiveAlarms,
  selectAlarms,
  shownAlarms,
} from './alarmsSlice';

const T0 = Date.UTC(2026, 10, 23, 3);
const REAL0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

// The page's own store: the alarms read the incidents beside them.
const makeAlarmStore = () => makeStore();

const report = (id: string, severity: IncidentReported['severity'], reportedAt = T0): IncidentReported => ({
  id,
  category: 'flooding',
  title: `Ngập ${id}`,
  location: { lon: 107.59, lat: 16.46 },
  ward: '19753',
  severity,
  source: 'hue-s',
  reportedAt: iso(reportedAt),
});

/** A frame of the stream received at real time `receivedAt`, of events at city time `ts`. */
const frame = (events: Omit<StreamEvent, 'seq' | 'ts'>[], receivedAt: number, ts = T0) =>
  streamFrame(events, ts, receivedAt);
const reported = (r: IncidentReported) => ({ type: 'incident.reported' as const, data: r });
const updated = (u: IncidentUpdated) => ({ type: 'incident.updated' as const, data: u });

let seq = 0;
function snapshot(incidents: Incident[], receivedAt: number, now = T0) {
  const state: StateWithoutLamps = {
    city: 'hue',
    clock: { now, scale: 720, simulated: true },
    incidents,
    alerts: [],
    cameras: [],
    kpis: [],
  };
  return snapshotReceived({
    seq: ++seq,
    state,
    lights: { version: 0, count: 0, byState: [0, 0, 0, 0], powerW: 0 },
    cabinets: [],
    power: null,
    receivedAt,
  });
}

const ids = (alarms: readonly Alarm[]) => alarms.map((a) => a.id);

describe('which incidents alarm', () => {
  it('raises high and critical reports that arrive live, not low or medium ones', () => {
    const store = makeAlarmStore();
    store.dispatch(
      frame(
        [
          reported(report('low', 'low')),
          reported(report('med', 'medium')),
          reported(report('hi', 'high')),
          reported(report('crit', 'critical')),
        ],
        REAL0,
      ),
    );
    const active = selectActiveAlarms(store.getState());
    expect(ids(active)).toEqual(['crit', 'hi']);
    expect(active[0]).toMatchObject({ severity: 'critical', firstSeenAt: REAL0, ended: false });
    expect(active[0]!.incident.title).toBe('Ngập crit');
  });

  it('from a first snapshot raises only unacknowledged open criticals, not the backlog of highs', () => {
    const store = makeAlarmStore();
    const at = iso(T0 + 60_000);
    const acked = { ...incidentFromReport(report('c-acked', 'critical'), T0), acknowledgedAt: at };
    const assigned = {
      ...incidentFromReport(report('c-assigned', 'critical'), T0),
      status: 'assigned' as const,
    };
    const closed = { ...incidentFromReport(report('c-closed', 'critical'), T0), status: 'closed' as const };
    store.dispatch(
      snapshot(
        [
          incidentFromReport(report('c-open', 'critical'), T0),
          incidentFromReport(report('h-open', 'high'), T0),
          acked,
          assigned,
          closed,
        ],
        REAL0,
      ),
    );
    expect(ids(selectActiveAlarms(store.getState()))).toEqual(['c-open']);
    expect(ids(selectAlarms(store.getState()))).toEqual(['c-open']);
  });

  it('after a resync snapshot also raises the highs reported while the page was away', () => {
    const store = makeAlarmStore();
    store.dispatch(snapshot([incidentFromReport(report('old-high', 'high', T0 - 60_000), T0)], REAL0, T0));
    store.dispatch(frame([reported(report('live', 'medium'))], REAL0 + 1_000, T0 + 10_000));
    store.dispatch(
      snapshot(
        [
          incidentFromReport(report('old-high', 'high', T0 - 60_000), T0),
          incidentFromReport(report('missed-high', 'high', T0 + 20_000), T0 + 20_000),
        ],
        REAL0 + 5_000,
        T0 + 30_000,
      ),
    );
    const active = selectActiveAlarms(store.getState());
    expect(ids(active)).toEqual(['missed-high']);
    expect(active[0]!.firstSeenAt).toBe(REAL0 + 5_000);
  });

  it('keeps the first-seen time when a producer re-sends a report', () => {
    const store = makeAlarmStore();
    store.dispatch(frame([reported(report('a', 'critical'))], REAL0));
    store.dispatch(frame([reported(report('a', 'critical'))], REAL0 + 30_000));
    expect(selectActiveAlarms(store.getState())[0]!.firstSeenAt).toBe(REAL0);
  });

  it('orders ringing before ended, critical before high, newest first', () => {
    const store = makeAlarmStore();
    store.dispatch(frame([reported(report('h1', 'high'))], REAL0));
    store.dispatch(frame([reported(report('c1', 'critical'))], REAL0 + 1));
    store.dispatch(frame([reported(report('h2', 'high'))], REAL0 + 2));
    store.dispatch(frame([reported(report('c2', 'critical'))], REAL0 + 3));
    store.dispatch(
      frame(
        [updated({ id: 'c2', status: 'received', by: 'op1', at: iso(T0), acknowledged: true })],
        REAL0 + 4,
      ),
    );
    expect(ids(selectAlarms(store.getState()))).toEqual(['c1', 'h2', 'h1', 'c2']);
  });

  it('keeps the same list while only other incidents change, and a new one when an alarm does', () => {
    const store = makeAlarmStore();
    store.dispatch(frame([reported(report('c1', 'critical')), reported(report('low1', 'low'))], REAL0));
    const before = selectAlarms(store.getState());
    store.dispatch(frame([reported(report('low2', 'low'))], REAL0 + 1));
    store.dispatch(
      frame(
        [updated({ id: 'low1', status: 'assigned', by: 'op1', at: iso(T0), department: 'water' })],
        REAL0 + 2,
      ),
    );
    expect(selectAlarms(store.getState())).toBe(before);
    store.dispatch(
      frame(
        [updated({ id: 'c1', status: 'received', by: 'op1', at: iso(T0), acknowledged: true })],
        REAL0 + 3,
      ),
    );
    const after = selectAlarms(store.getState());
    expect(after).not.toBe(before);
    expect(after[0]!.ended).toBe(true);
  });

  it('holds at most ALARM_RECORD_LIMIT records, dropping the oldest', () => {
    const store = makeAlarmStore();
    const n = ALARM_RECORD_LIMIT + 5;
    store.dispatch(
      frame(
        Array.from({ length: n }, (_, i) => reported(report(`i${i}`, 'high'))),
        REAL0,
      ),
    );
    store.dispatch(frame([reported(report('newest', 'high'))], REAL0 + 1));
    const seen = store.getState().alarms.firstSeenAt;
    expect(Object.keys(seen)).toHaveLength(ALARM_RECORD_LIMIT);
    expect(seen.newest).toBe(REAL0 + 1);
  });

  it('reads as no alarms from a store that has not mounted the slice', () => {
    const state = { incidents: makeStore().getState().incidents };
    expect(selectAlarms(state)).toEqual([]);
    expect(selectActiveAlarms(state)).toEqual([]);
  });
});

describe('when alarms stop', () => {
  const at = iso(T0 + 60_000);
  const cases: [string, IncidentUpdated][] = [
    ['acknowledged, status unchanged', { id: 'a', status: 'received', by: 'op1', at, acknowledged: true }],
    ['assigned', { id: 'a', status: 'assigned', by: 'op1', at, department: 'water' }],
    ['rejected', { id: 'a', status: 'rejected', by: 'op1', at, note: 'trùng' }],
    ['closed', { id: 'a', status: 'closed', by: 'op1', at }],
  ];
  for (const [what, update] of cases) {
    it(`ends when the incident is ${what}`, () => {
      const store = makeAlarmStore();
      store.dispatch(frame([reported(report('a', 'critical'))], REAL0));
      expect(ids(selectActiveAlarms(store.getState()))).toEqual(['a']);
      store.dispatch(frame([updated(update)], REAL0 + 2_000));
      expect(selectActiveAlarms(store.getState())).toEqual([]);
      expect(selectAlarms(store.getState())[0]).toMatchObject({ id: 'a', ended: true });
    });
  }

  it('does not end on an update that is not an acknowledgement', () => {
    const store = makeAlarmStore();
    store.dispatch(frame([reported(report('a', 'high'))], REAL0));
    store.dispatch(frame([updated({ id: 'a', status: 'received', by: 'hue-s', at })], REAL0 + 1_000));
    expect(ids(selectActiveAlarms(store.getState()))).toEqual(['a']);
  });

  it('ends for an alarm acknowledged in the very frame it arrived', () => {
    const store = makeAlarmStore();
    store.dispatch(
      frame(
        [
          reported(report('a', 'critical')),
          updated({ id: 'a', status: 'assigned', by: 'op1', at, department: 'water' }),
        ],
        REAL0,
      ),
    );
    expect(selectActiveAlarms(store.getState())).toEqual([]);
    expect(selectAlarms(store.getState())).toHaveLength(1);
  });
});

describe('what the banner shows', () => {
  function twoAlarms() {
    const store = makeAlarmStore();
    store.dispatch(frame([reported(report('ringing', 'high')), reported(report('done', 'critical'))], REAL0));
    store.dispatch(
      frame(
        [updated({ id: 'done', status: 'assigned', by: 'op1', at: iso(T0), department: 'water' })],
        REAL0 + 500,
      ),
    );
    return selectAlarms(store.getState());
  }

  it('keeps an ended alarm for a moment after it arrived, then drops it; a ringing one stays', () => {
    const all = twoAlarms();
    expect(ids(shownAlarms(all, REAL0 + 1_000))).toEqual(['ringing', 'done']);
    expect(ids(shownAlarms(all, REAL0 + ALARM_LINGER_MS - 1))).toEqual(['ringing', 'done']);
    expect(ids(shownAlarms(all, REAL0 + ALARM_LINGER_MS))).toEqual(['ringing']);
    expect(ids(shownAlarms(all, REAL0 + 3_600_000))).toEqual(['ringing']);
  });

  it('drops an ended alarm at once when this operator acknowledged it, but never a ringing one', () => {
    const all = twoAlarms();
    expect(ids(shownAlarms(all, REAL0 + 1_000, new Set(['done', 'ringing'])))).toEqual(['ringing']);
  });
});
