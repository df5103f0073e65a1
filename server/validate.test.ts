import { describe, expect, it } from 'vitest';
import { alert, AT, report } from './fixtures';
import { MAX_BATCH_EVENTS, MAX_ISSUES, validateBatch, type ValidationContext } from './validate';

const ctx: ValidationContext = {
  lampCount: 10,
  isKnownIncident: (id) => id === 'known',
  isKnownCamera: (id) => id === 'cam-1',
  isKnownCabinet: (id) => id === 'CAB-1',
};

const paths = (body: unknown) => {
  const r = validateBatch(body, ctx);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe('validateBatch', () => {
  it('accepts every event type and strips unknown keys', () => {
    const r = validateBatch(
      {
        events: [
          { type: 'incident.reported', data: { ...report('n1'), junk: '<b>' } },
          { type: 'incident.updated', data: { id: 'n1', status: 'assigned', by: 'IOC', at: AT } },
          { type: 'incident.updated', data: { id: 'known', status: 'resolved', by: 'IOC', at: AT } },
          { type: 'camera.alert', data: alert('a1') },
          { type: 'camera.status', data: { id: 'cam-1', online: false } },
          { type: 'kpi.updated', data: { id: 'grdp-growth', value: 7.2, unit: 'percent', at: AT } },
          { type: 'light.state', data: [9, 3, 0] },
        ],
      },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.events.map((e) => e.type)).toEqual([
      'incident.reported',
      'incident.updated',
      'incident.updated',
      'camera.alert',
      'camera.status',
      'kpi.updated',
      'light.state',
    ]);
    expect(r.events[0]?.data).not.toHaveProperty('junk');
  });

  it('names the body when it is not a batch', () => {
    for (const body of [null, 1, 'x', [], {}, { events: 'x' }, { events: [] }]) {
      expect(paths(body)).toEqual(['events']);
    }
    expect(
      paths({ events: new Array(MAX_BATCH_EVENTS + 1).fill({ type: 'light.state', data: [0, 1, 1] }) }),
    ).toEqual(['events']);
  });

  it('names each bad field with its index and path', () => {
    const r = validateBatch(
      {
        events: [
          { type: 'incident.reported', data: report('ok') },
          { type: 'incident.reported', data: { ...report('b1'), title: '', severity: 'huge' } },
          { type: 'incident.reported', data: { ...report('b2'), location: { lon: 106.5, lat: 16.4 } } },
          { type: 'incident.reported', data: { ...report('b3'), reporter: { phone: '0'.repeat(41) } } },
        ],
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.index, i.path])).toEqual([
      [1, 'events.1.data.title'],
      [1, 'events.1.data.severity'],
      [2, 'events.2.data.location.lon'],
      [3, 'events.3.data.reporter.phone'],
    ]);
  });

  it('checks light.state tuples against the lamp count and names the bad element', () => {
    const light = (data: unknown) => paths({ events: [{ type: 'light.state', data }] });
    expect(light([10, 1, 50])).toEqual(['events.0.data.0']);
    expect(light([-1, 1, 50])).toEqual(['events.0.data.0']);
    expect(light([1.5, 1, 50])).toEqual(['events.0.data.0']);
    expect(light([1, 4, 50])).toEqual(['events.0.data.1']);
    expect(light([1, 1, 101])).toEqual(['events.0.data.2']);
    expect(light([1, 1, '50'])).toEqual(['events.0.data.2']);
    expect(light({ 0: 1, 1: 1, 2: 1 })).toEqual(['events.0.data']);
    expect(light([1, 1])).toEqual(['events.0.data']);
    expect(light([1, 1, 50])).toEqual([]);
  });

  it('checks light.states columns against the lamp count and names the bad entry', () => {
    const check = (data: unknown) => {
      const r = validateBatch(
        {
          events: [
            { type: 'light.state', data: [0, 1, 100] },
            { type: 'light.states', data },
          ],
        },
        ctx,
      );
      return r.ok ? [] : r.issues.map((i) => `${i.index} ${i.path}: ${i.message}`);
    };
    const ok = { i: [3, 9, 0], s: [1, 2, 0], l: [100, 40, 0] };
    expect(check(ok)).toEqual([]);
    expect(check({ ...ok, s: [1, 2] })).toEqual([
      '1 events.1.data.s: expected 3 entries, as many as i, got 2',
    ]);
    expect(check({ ...ok, l: [100, 40, 0, 0] })).toEqual([
      '1 events.1.data.l: expected 3 entries, as many as i, got 4',
    ]);
    expect(check({ ...ok, i: [3, 10, 0] })).toEqual([
      '1 events.1.data.i.1: lamp index must be an integer from 0 to 9',
    ]);
    expect(check({ ...ok, i: [3, 9, 3] })).toEqual([
      '1 events.1.data.i.2: lamp 3 is named twice (also at i.0): each lamp at most once',
    ]);
    expect(check({ ...ok, l: [100, Number.NaN, 0] })).toEqual([
      '1 events.1.data.l.1: dim level must be a number from 0 to 100',
    ]);
    // JSON has no NaN: a producer's NaN arrives as null
    expect(check(JSON.parse(JSON.stringify({ ...ok, l: [100, 40, Number.NaN] })))).toEqual([
      '1 events.1.data.l.2: dim level must be a number from 0 to 100',
    ]);
    expect(check({ ...ok, s: [1, 4, 0] })).toEqual([
      '1 events.1.data.s.1: lamp state must be an integer from 0 to 3',
    ]);
    expect(check({ i: [], s: [], l: [] })).toEqual(['1 events.1.data.i: expected at least one lamp']);
    expect(check([[3, 1, 100]])).toEqual(['1 events.1.data: expected an object { i, s, l } of three arrays']);
    expect(check({ i: [3], s: 1, l: [1] })).toEqual(['1 events.1.data.s: expected an array of lamp states']);
  });

  it('keeps only the three columns of a light.states', () => {
    const r = validateBatch(
      { events: [{ type: 'light.states', data: { i: [1], s: [1], l: [100], x: 1 } }] },
      ctx,
    );
    expect(r.ok && r.events[0]).toEqual({ type: 'light.states', data: { i: [1], s: [1], l: [100] } });
  });

  it('refuses unknown types, references to nothing, and non-objects', () => {
    const at = AT;
    expect(
      paths({
        events: [
          { type: 'incident.deleted', data: {} },
          { type: '__proto__', data: {} },
          { data: {} },
          42,
          { type: 'incident.updated', data: { id: 'nobody', status: 'assigned', by: 'x', at } },
          { type: 'camera.status', data: { id: 'cam-9', online: true } },
          {
            type: 'cabinet.updated',
            data: { id: 'CAB-9', mode: 'auto', level: 100, online: true, override: null },
          },
          { type: 'cabinet.updated', data: { id: 'CAB-1', mode: 'bright', level: 100, online: true } },
        ],
      }),
    ).toEqual([
      'events.0.type',
      'events.1.type',
      'events.2.type',
      'events.3',
      'events.4.data.id',
      'events.5.data.id',
      'events.6.data.id',
      'events.7.data.mode',
      'events.7.data.override',
    ]);
  });

  it('bounds the number of issues it reports but counts them all', () => {
    const bad = new Array(500).fill({ type: 'light.state', data: [99, 0, 0] });
    const r = validateBatch({ events: bad }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(MAX_ISSUES);
    expect(r.issueCount).toBe(500);
  });

  it('refuses control characters and unpaired surrogates in text, and keeps tabs, line breaks and script as text', () => {
    for (const [title, bad] of [
      ['Ổ gà\u0000', true],
      ['\u001b[31mđỏ', true],
      ['xóa\u007f', true],
      ['nửa \ud800 cặp', true],
      ['\udc00', true],
      ['dòng 1\ndòng 2\r\n\tthụt lề', false],
      ['<script>alert(1)</script> 🚧', false],
    ] as const) {
      const r = validateBatch(
        { events: [{ type: 'incident.reported', data: { ...report('t1'), title } }] },
        ctx,
      );
      expect(r.ok, JSON.stringify(title)).toBe(!bad);
      if (!r.ok) expect(r.issues[0]?.path).toBe('events.0.data.title');
    }
    const nested = validateBatch(
      { events: [{ type: 'incident.reported', data: { ...report('t2'), reporter: { name: 'A\u0000' } } }] },
      ctx,
    );
    expect(nested.ok ? [] : nested.issues.map((i) => i.path)).toEqual(['events.0.data.reporter.name']);
  });
});
