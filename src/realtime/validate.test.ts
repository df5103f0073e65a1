import { describe, expect, it } from 'vitest';
import { aCity } from '../../tests/support/city';
import { makeStore } from '../app/store';
import { LampColumns } from '../features/lights/lampColumns';
import { StreamPipeline } from './pipeline';
import { parseEnvelope, validateEvent } from './validate';

const env = (type: string, data: unknown) => ({ seq: 5, type, ts: 1_795_428_000_000, data });

describe('validateEvent: lamp batches', () => {
  it('passes a good light.states through as it came', () => {
    const data = { i: [0, 7], s: [1, 2], l: [100, 40] };
    const v = validateEvent(env('light.states', data), 8);
    expect(v).toEqual({ ok: true, event: { seq: 5, ts: 1_795_428_000_000, type: 'light.states', data } });
  });

  it('drops a batch as invalid data for any bad column or entry', () => {
    const bad = [
      { i: [0, 1], s: [1, 1], l: [100] }, // unequal length
      { i: [0, 8], s: [1, 1], l: [100, 100] }, // index out of range
      { i: [0, -1], s: [1, 1], l: [100, 100] },
      { i: [0, 1], s: [1, 1], l: [100, Number.NaN] }, // NaN level
      { i: [0, 1], s: [1, 1], l: [100, null] }, // NaN as JSON writes it
      { i: [3, 3], s: [1, 2], l: [100, 50] }, // duplicate index
      { i: [0], s: [7], l: [100] }, // unknown state code
      { i: [], s: [], l: [] },
      [[0, 1, 100]],
      null,
    ];
    for (const data of bad) {
      expect(validateEvent(env('light.states', data), 8), JSON.stringify(data)).toEqual({
        ok: false,
        reason: 'invalid-data',
      });
    }
  });

  it('takes a version 1 light.state as a batch of one, and drops a bad one', () => {
    expect(validateEvent(env('light.state', [7, 3, 0]), 8)).toEqual({
      ok: true,
      event: { seq: 5, ts: 1_795_428_000_000, type: 'light.states', data: { i: [7], s: [3], l: [0] } },
    });
    expect(validateEvent(env('light.state', [8, 3, 0]), 8)).toEqual({ ok: false, reason: 'invalid-data' });
  });

  it('still tells unknown types from bad data', () => {
    expect(validateEvent(env('light.flicker', {}), 8)).toEqual({ ok: false, reason: 'unknown-type' });
  });
});

describe('parseEnvelope', () => {
  it('refuses an envelope without a usable seq, type or ts', () => {
    expect(parseEnvelope(env('light.states', {}))).not.toBeNull();
    expect(parseEnvelope({ ...env('light.states', {}), seq: 0 })).toBeNull();
    expect(parseEnvelope({ ...env('light.states', {}), ts: Number.NaN })).toBeNull();
    expect(parseEnvelope([5, 'light.states'])).toBeNull();
  });
});

const AT = '2026-11-23T10:00:00.000Z';
const HUE = { lon: 107.58, lat: 16.46 };

/** One valid data of each type checked by its zod schema, and ways each can be broken. */
const typed: Record<string, { valid: Record<string, unknown>; broken: Record<string, unknown>[] }> = {
  'incident.reported': {
    valid: { id: 'PA-1', category: 'waste', title: 'Rác', location: HUE, severity: 'high', source: 'hue-s' },
    broken: [
      { location: { lon: 106.5, lat: 16.46 } }, // outside the city
      { severity: 'extreme' },
      { source: 'twitter' },
      { title: '' },
      { title: 'x'.repeat(201) },
      { ward: '1975' },
      { reportedAt: 'yesterday' },
      { id: 42 },
    ],
  },
  'incident.updated': {
    valid: { id: 'PA-1', status: 'assigned', by: 'Điều hành viên 1', at: AT, department: 'urban-order' },
    broken: [{ status: 'done' }, { at: '23/11/2026' }, { by: '' }, { acknowledged: 'yes' }],
  },
  'camera.status': {
    valid: { id: 'CAM-1', online: false },
    broken: [{ online: 'no' }, { id: '' }],
  },
  'camera.alert': {
    valid: { id: 'AL-1', cameraId: 'CAM-1', kind: 'crowd', confidence: 0.8, at: AT, location: HUE },
    broken: [{ confidence: 1.5 }, { kind: 'ufo' }, { plate: 'x'.repeat(21) }, { location: null }],
  },
  'kpi.updated': {
    valid: { id: 'hue-s-satisfaction', value: 91.5, unit: 'percent', at: AT },
    broken: [
      { value: Number.NaN },
      { value: '91' },
      { unit: 'kg' },
      { period: { kind: 'week', start: AT } },
      { period: { kind: 'month' } },
      { ward: 'Phú Xuân' },
      { simulated: 'yes' },
    ],
  },
  // Protocol 3: a value names its period and ward, in one of the catalogue's units.
  'kpi.updated (protocol 3)': {
    valid: {
      id: 'grdp-growth',
      value: -1.2,
      unit: 'growth-percent',
      at: AT,
      period: { kind: 'quarter', start: '2026-09-30T17:00:00.000Z' },
      ward: '19753',
      simulated: true,
    },
    broken: [{ unit: 'percent-points' }, { period: { kind: 'quarter', start: 'Q4' } }],
  },
  'system.heartbeat': {
    valid: { system: 'statistics', at: AT },
    broken: [{ system: 'weather' }, { at: 'now' }],
  },
  'cabinet.updated': {
    valid: { id: 'CAB-1', mode: 'dim', level: 40, online: true, override: null },
    broken: [{ level: 140 }, { mode: 'blink' }, { online: undefined }, { override: { by: 'x' } }],
  },
};

describe('validateEvent: events checked by their schema', () => {
  for (const [key, { valid, broken }] of Object.entries(typed)) {
    // A key may name a case after the type: `kpi.updated (protocol 3)`.
    const type = key.split(' ')[0]!;
    it(`keeps a valid ${type} with its data`, () => {
      expect(validateEvent(env(type, valid), 8)).toEqual({
        ok: true,
        event: { seq: 5, ts: 1_795_428_000_000, type, data: valid },
      });
    });

    it(`drops a ${type} with bad data as invalid-data`, () => {
      for (const patch of broken) {
        expect(validateEvent(env(type, { ...valid, ...patch }), 8), JSON.stringify(patch)).toEqual({
          ok: false,
          reason: 'invalid-data',
        });
      }
      for (const data of [null, undefined, 'PA-1', [valid], {}])
        expect(validateEvent(env(type, data), 8), String(data)).toEqual({
          ok: false,
          reason: 'invalid-data',
        });
    });
  }

  it('keeps only the fields the protocol knows', () => {
    const v = validateEvent(env('camera.status', { id: 'CAM-1', online: true, token: 's3cret' }), 8);
    expect(v).toEqual({
      ok: true,
      event: { seq: 5, ts: 1_795_428_000_000, type: 'camera.status', data: { id: 'CAM-1', online: true } },
    });
  });

  it('keeps citizen text as it came: it is rendered as text, never parsed here', () => {
    const title = '<img src=x onerror=alert(1)>';
    const v = validateEvent(env('incident.reported', { ...typed['incident.reported']!.valid, title }), 8);
    expect(v.ok && v.event.type === 'incident.reported' && v.event.data.title).toBe(title);
  });

  it('takes a type named like an Object member as unknown, without throwing', () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'Incident.Reported', ''])
      expect(validateEvent(env(type, {}), 8), type).toEqual({ ok: false, reason: 'unknown-type' });
  });
});

describe('parseEnvelope: what has no usable seq, type or ts', () => {
  const good = { seq: 7, type: 'kpi.updated', ts: 1_795_428_000_000, data: { x: 1 } };

  it('returns seq, type, ts and data, and nothing else', () => {
    expect(parseEnvelope({ ...good, extra: true })).toEqual(good);
    expect(parseEnvelope({ seq: 7, type: 'kpi.updated', ts: 0 })).toEqual({
      seq: 7,
      type: 'kpi.updated',
      ts: 0,
      data: undefined,
    });
  });

  it('refuses anything but an object', () => {
    for (const raw of [null, undefined, 7, 'seq', true, [good]])
      expect(parseEnvelope(raw), String(raw)).toBeNull();
  });

  it('refuses a seq that is not a whole number from 1', () => {
    for (const seq of [0, -1, 1.5, '7', Number.NaN, Number.MAX_SAFE_INTEGER + 2, null, undefined])
      expect(parseEnvelope({ ...good, seq }), String(seq)).toBeNull();
  });

  it('refuses a type that is not a string, and a ts that is not a finite number', () => {
    for (const type of [7, null, undefined, { name: 'kpi.updated' }])
      expect(parseEnvelope({ ...good, type }), String(type)).toBeNull();
    for (const ts of [Number.POSITIVE_INFINITY, Number.NaN, '1795428000000', null, undefined])
      expect(parseEnvelope({ ...good, ts }), String(ts)).toBeNull();
  });
});

describe('what the page does with it: each kind of bad event dropped and counted, the good ones kept', () => {
  it('applies every valid event of a batch full of bad ones, and counts each drop under its reason', () => {
    const store = makeStore();
    const lamps = new LampColumns();
    const pipeline = new StreamPipeline({
      dispatch: store.dispatch,
      lamps,
      scheduleFrame: (flush) => flush(),
      requestResync: () => {},
      now: () => 0,
    });
    const report = (id: string) => ({ ...typed['incident.reported']!.valid, id });
    const ev = (seq: number, type: string, data: unknown) => ({ seq, type, ts: 1_795_428_000_000, data });
    expect(pipeline.onSnapshot({ seq: 10, state: aCity() })).toBe(true);

    pipeline.onEvents({
      events: [
        ev(11, 'incident.reported', report('PA-1')),
        { seq: 'twelve', type: 'incident.reported', ts: 0, data: report('PA-X') }, // malformed
        ev(12, 'incident.reported', { ...report('PA-2'), severity: 'extreme' }), // invalid-data
        ev(13, 'incident.flagged', report('PA-3')), // unknown-type
        ev(14, 'constructor', {}), // unknown-type
        ev(15, 'light.states', { i: [0], s: [1], l: [100] }), // invalid-data: no such lamp
        ev(11, 'incident.reported', report('PA-1')), // duplicate
        ev(16, 'incident.reported', report('PA-4')),
        ev(18, 'incident.reported', report('PA-6')), // beyond-gap: 17 is missing
      ],
    });

    const s = store.getState();
    expect(s.connection.lastSeq).toBe(16);
    expect(s.connection.dropped).toEqual({
      malformed: 1,
      'unknown-type': 2,
      'invalid-data': 2,
      duplicate: 1,
      'beyond-gap': 1,
    });
    expect(s.incidents.ids).toEqual(['PA-1', 'PA-4']);
  });
});
