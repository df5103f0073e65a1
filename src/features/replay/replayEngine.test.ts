import { describe, expect, it } from 'vitest';
import type { CameraAlert, Incident, Kpi } from '../../shared/protocol/events';
import { decodeLampRuns, encodeLampRuns, type ReplayHistory } from '../../shared/protocol/replay';
import { MAX_ALERTS } from '../../shared/protocol/retention';
import { incidentAt, replayStateAt, replayStepKey } from './replayEngine';

// Huế is UTC+7: 14:00 in the city is 07:00Z.
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+07:00`);
const iso = (hhmm: string) => new Date(at(hhmm)).toISOString();

/** Reported at 14:00, assigned at 14:10, started 14:20, resolved at 15:00. */
const pothole: Incident = {
  id: 'PA-2026-00042',
  category: 'road-damage',
  title: 'Ổ gà đường Lê Lợi',
  location: { lon: 107.58, lat: 16.46 },
  severity: 'high',
  source: 'hue-s',
  reportedAt: iso('14:00'),
  status: 'resolved',
  department: 'transport',
  updatedAt: iso('15:00'),
  acknowledgedAt: iso('14:10'),
  acknowledgedBy: 'Nguyễn Văn An',
  history: [
    { status: 'received', by: 'hue-s', at: iso('14:00') },
    {
      status: 'assigned',
      by: 'Nguyễn Văn An',
      at: iso('14:10'),
      department: 'transport',
      acknowledged: true,
    },
    { status: 'in_progress', by: 'Nguyễn Văn An', at: iso('14:20') },
    { status: 'resolved', by: 'Nguyễn Văn An', at: iso('15:00'), note: 'Đã vá' },
  ],
};

const kpi = (value: number, time: string, extra: Partial<Kpi> = {}): Kpi => ({
  id: 'online-services-rate',
  value,
  unit: 'percent',
  at: iso(time),
  ...extra,
});

const alert = (id: string, time: string): CameraAlert => ({
  id,
  cameraId: 'CAM-1',
  kind: 'crowd',
  confidence: 0.8,
  at: iso(time),
  location: { lon: 107.58, lat: 16.46 },
});

function history(over: Partial<ReplayHistory> = {}): ReplayHistory {
  return {
    from: at('13:00'),
    to: at('16:00'),
    now: at('16:00'),
    incidents: [pothole],
    alerts: [alert('a-1', '12:50'), alert('a-2', '14:40')],
    base: {
      kpis: [kpi(80, '12:00')],
      cameras: [{ id: 'CAM-1', online: true }],
      cabinets: [{ id: 'CAB-1', mode: 'auto', level: 0, online: true, override: null }],
    },
    events: [
      { ts: at('14:05'), type: 'kpi.updated', data: kpi(81, '14:05') },
      { ts: at('14:06'), type: 'kpi.updated', data: kpi(99, '14:06', { ward: '19768' }) },
      { ts: at('14:30'), type: 'camera.status', data: { id: 'CAM-1', online: false } },
      {
        ts: at('14:45'),
        type: 'cabinet.updated',
        data: { id: 'CAB-1', mode: 'on', level: 100, online: true, override: null },
      },
    ],
    lamps: [
      { at: at('12:45'), runs: encodeLampRuns([0, 0, 0, 3], [0, 0, 0, 0]) },
      { at: at('14:15'), runs: encodeLampRuns([1, 1, 2, 3], [100, 100, 40, 0]) },
    ],
    ...over,
  };
}

describe('incidentAt: an incident rebuilt from its timeline', () => {
  it('is open at 14:30 and resolved from 15:00, and does not exist before its report', () => {
    expect(incidentAt(pothole, at('13:59'))).toBeNull();
    const open = incidentAt(pothole, at('14:30'))!;
    expect(open.status).toBe('in_progress');
    expect(open.updatedAt).toBe(iso('14:20'));
    expect(open.history.map((s) => s.status)).toEqual(['received', 'assigned', 'in_progress']);
    expect(open.department).toBe('transport');
    expect(open.acknowledgedAt).toBe(iso('14:10'));
    expect(incidentAt(pothole, at('15:00'))!.status).toBe('resolved');
  });

  it('was received, unassigned and unacknowledged just after its report', () => {
    const fresh = incidentAt(pothole, at('14:05'))!;
    expect(fresh).toMatchObject({ status: 'received', updatedAt: iso('14:00') });
    expect(fresh.department).toBeUndefined();
    expect(fresh.acknowledgedAt).toBeUndefined();
    // The incident it came from is left as it is.
    expect(pothole.status).toBe('resolved');
    expect(pothole.history).toHaveLength(4);
  });
});

describe('replayStateAt: the state at an instant from its base, its events and the keyframes', () => {
  it('shows the incident resolved at 15:00 as open at 14:30', () => {
    const s = replayStateAt(history(), at('14:30'));
    expect(s.incidents.map((i) => [i.id, i.status])).toEqual([['PA-2026-00042', 'in_progress']]);
    expect(replayStateAt(history(), at('15:30')).incidents[0]!.status).toBe('resolved');
    expect(replayStateAt(history(), at('13:30')).incidents).toEqual([]);
  });

  it("takes the indicators' base at from, then their city values in order; a ward's is not the city's", () => {
    expect(replayStateAt(history(), at('14:00')).kpis.map((k) => k.value)).toEqual([80]);
    expect(replayStateAt(history(), at('14:10')).kpis.map((k) => k.value)).toEqual([81]);
  });

  it('applies camera and cabinet statuses at their time', () => {
    const before = replayStateAt(history(), at('14:29'));
    expect(before.cameraOnline.get('CAM-1')).toBe(true);
    expect(before.cabinets.get('CAB-1')?.mode).toBe('auto');
    const after = replayStateAt(history(), at('14:50'));
    expect(after.cameraOnline.get('CAM-1')).toBe(false);
    expect(after.cabinets.get('CAB-1')?.mode).toBe('on');
  });

  it('shows the lamps of the newest keyframe at or before the instant', () => {
    const early = replayStateAt(history(), at('14:14')).lamps!;
    expect(Array.from(decodeLampRuns(early.runs, 4).state)).toEqual([0, 0, 0, 3]);
    const late = decodeLampRuns(replayStateAt(history(), at('14:15')).lamps!.runs, 4);
    expect(Array.from(late.state)).toEqual([1, 1, 2, 3]);
    expect(Array.from(late.level)).toEqual([100, 100, 40, 0]);
    expect(replayStateAt(history({ lamps: [] }), at('14:15')).lamps).toBeNull();
  });

  it('keeps the alerts up to the instant, as many as a state keeps', () => {
    expect(replayStateAt(history(), at('14:00')).alerts.map((a) => a.id)).toEqual(['a-1']);
    expect(replayStateAt(history(), at('14:40')).alerts.map((a) => a.id)).toEqual(['a-1', 'a-2']);
    const many = Array.from({ length: MAX_ALERTS + 5 }, (_, i) => alert(`m-${i}`, '13:30'));
    const kept = replayStateAt(history({ alerts: many }), at('14:00')).alerts;
    expect(kept).toHaveLength(MAX_ALERTS);
    expect(kept.at(-1)!.id).toBe(`m-${MAX_ALERTS + 4}`);
  });

  it('clamps an instant outside the range to it', () => {
    expect(replayStateAt(history(), at('20:00')).at).toBe(at('16:00'));
    expect(replayStateAt(history(), at('01:00')).at).toBe(at('13:00'));
  });

  it('gives one step key while nothing changes, and another when something does', () => {
    const h = history();
    expect(replayStepKey(h, at('14:21'))).toBe(replayStepKey(h, at('14:29')));
    expect(replayStepKey(h, at('14:29'))).not.toBe(replayStepKey(h, at('14:30')));
    expect(replayStepKey(h, at('14:59'))).not.toBe(replayStepKey(h, at('15:00')));
  });
});

describe('lamp frames as runs', () => {
  it('round-trips states and whole levels in few runs', () => {
    const state = [1, 1, 1, 2, 2, 3, 0, 0];
    const level = [100, 100, 100, 40.4, 40, 0, 0, 0];
    const runs = encodeLampRuns(state, level);
    expect(runs).toEqual([1, 100, 3, 2, 40, 2, 3, 0, 1, 0, 0, 2]);
    const back = decodeLampRuns(runs, state.length);
    expect(Array.from(back.state)).toEqual(state);
    expect(Array.from(back.level)).toEqual([100, 100, 100, 40, 40, 0, 0, 0]);
  });

  it('never writes past the columns it is given', () => {
    const back = decodeLampRuns([1, 100, 1000], 3);
    expect(Array.from(back.state)).toEqual([1, 1, 1]);
    expect(Array.from(decodeLampRuns([1, 100, 1], 3).state)).toEqual([1, 0, 0]);
  });
});
