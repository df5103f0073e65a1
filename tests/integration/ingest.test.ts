import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/protocol/events';
import { incident, reported, useHarness } from './harness';

async function post(url: string, body: string | Blob, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-producer', 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

describe('POST /api/ingest', () => {
  const h = useHarness();

  it('accepts a valid batch with 202 and the seqs it was given', async () => {
    const hub = await h.start();
    const res = await h.ingest(hub, [reported(), reported({ reporter: undefined, description: undefined })]);
    expect(res.status).toBe(202);
    expect(res.body.seqs).toEqual([1, 2]);
    expect(hub.seq).toBe(2);
  });

  it('refuses a whole batch with 400 naming each bad field, and appends nothing', async () => {
    const hub = await h.start();
    await h.ingest(hub, [reported()]);
    const res = await h.ingest(hub, [
      reported(),
      { type: 'incident.reported', data: { ...incident(), title: '', location: { lon: 0, lat: 16.4 } } },
      { type: 'incident.reported', data: { ...incident(), title: 'x'.repeat(201), severity: 'apocalyptic' } },
      { type: 'incident.reported', data: { ...incident(), description: 'y'.repeat(4001), source: 'rumour' } },
      { type: 'incident.reported', data: { ...incident(), ward: 'abc', reportedAt: 'yesterday' } },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid');
    const paths = res.body.issues!.map((i) => i.path).sort();
    expect(paths).toEqual(
      [
        'events.1.data.title',
        'events.1.data.location.lon',
        'events.2.data.title',
        'events.2.data.severity',
        'events.3.data.description',
        'events.3.data.source',
        'events.4.data.ward',
        'events.4.data.reportedAt',
      ].sort(),
    );
    expect(res.body.issues!.find((i) => i.path === 'events.2.data.title')?.index).toBe(2);
    for (const issue of res.body.issues!) expect(issue.message.length).toBeGreaterThan(0);

    expect(hub.seq).toBe(1);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(snap.body.state.incidents).toHaveLength(1);
  });

  it('names a missing field, an unknown type and a malformed event', async () => {
    const hub = await h.start();
    const { id: _id, ...noId } = incident();
    const res = await h.ingest(hub, [
      { type: 'incident.reported', data: noId },
      { type: 'weather.changed', data: {} },
      'not an event',
      { type: 'light.state', data: [0, 1, 100] },
      {
        type: 'incident.updated',
        data: { id: 'nope', status: 'assigned', by: 'x', at: new Date().toISOString() },
      },
    ]);
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.issues!.map((i) => [i.path, i.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['events.0.data.id', 'events.1.type', 'events.2', 'events.3.data.0', 'events.4.data.id'].sort(),
    );
    expect(byPath['events.1.type']).toContain('weather.changed');
    expect(hub.seq).toBe(0);
  });

  it('accepts every event type it documents, checking references against the state', async () => {
    const hub = await h.start();
    const at = new Date().toISOString();
    const res = await h.ingest(hub, [
      reported({ id: 'inc-1' }),
      {
        type: 'incident.updated',
        data: { id: 'inc-1', status: 'assigned', by: 'IOC', at, department: 'urban' },
      },
      {
        type: 'camera.alert',
        data: {
          id: 'al-1',
          cameraId: 'cam-x',
          kind: 'crowd',
          confidence: 0.8,
          at,
          location: { lon: 107.58, lat: 16.46 },
        },
      },
      { type: 'kpi.updated', data: { id: 'cashless-rate', value: 41.5, unit: 'percent', at } },
    ]);
    expect(res.status).toBe(202);
    expect(res.body.seqs).toEqual([1, 2, 3, 4]);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(snap.body.state.incidents[0]).toMatchObject({
      id: 'inc-1',
      status: 'assigned',
      department: 'urban',
    });
    expect(snap.body.state.alerts.map((a) => a.id)).toEqual(['al-1']);
    expect(snap.body.state.kpis).toEqual([{ id: 'cashless-rate', value: 41.5, unit: 'percent', at }]);

    // A hub without a simulator has no cameras and no lamps to refer to.
    const bad = await h.ingest(hub, [
      { type: 'camera.status', data: { id: 'cam-x', online: false } },
      { type: 'light.state', data: [0, 1, 50] },
      { type: 'light.states', data: { i: [0], s: [1], l: [50] } },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.issues!.map((i) => i.path)).toEqual([
      'events.0.data.id',
      'events.1.data.0',
      'events.2.data.i.0',
    ]);
  });

  it('is idempotent: the same incident id twice makes one incident and answers its first seq', async () => {
    const hub = await h.start();
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    const first = reported({ id: 'hue-s-0001' });
    const a = await h.ingest(hub, [first, reported()]);
    expect(a.body.seqs).toEqual([1, 2]);

    const b = await h.ingest(hub, [
      { type: 'incident.reported', data: { ...first.data, title: 'changed on retry' } },
      reported(),
      reported({ id: 'hue-s-0002' }),
      reported({ id: 'hue-s-0002' }),
    ]);
    expect(b.status).toBe(202);
    expect(b.body.seqs).toEqual([1, 3, 4, 4]);
    expect(hub.seq).toBe(4);

    await viewer.untilSeq(4);
    expect(viewer.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    const ids = snap.body.state.incidents.map((i) => i.id);
    expect(ids.filter((id) => id === 'hue-s-0001')).toHaveLength(1);
    expect(ids.filter((id) => id === 'hue-s-0002')).toHaveLength(1);
    expect(snap.body.state.incidents.find((i) => i.id === 'hue-s-0001')?.title).toBe(first.data.title);
  });

  it('answers 401 without or with an unknown token, 403 for a viewer token', async () => {
    const hub = await h.start();
    const body = JSON.stringify({ events: [reported().data] });
    const none = await fetch(`${hub.url}/api/ingest`, { method: 'POST', body });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'unauthorized' });
    expect((await h.ingest(hub, [reported()], 'dev-nobody')).status).toBe(401);
    for (const token of ['dev-operator', 'dev-leader', 'dev-guest']) {
      const res = await h.ingest(hub, [reported()], token);
      expect(res.status).toBe(403);
      expect(typeof res.body.error).toBe('string');
    }
    expect(hub.seq).toBe(0);
  });

  it('answers 400 to bodies that are not JSON or not a batch, whatever the content type says', async () => {
    const hub = await h.start();
    for (const [body, type] of [
      ['{"events": [', 'application/json'],
      ['hello', 'text/plain'],
      ['', 'application/json'],
      ['a=1&b=2', 'application/x-www-form-urlencoded'],
      [new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x01])]), 'application/octet-stream'],
    ] as const) {
      const res = await post(hub.url, body, { 'content-type': type });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid JSON');
    }
    for (const body of ['null', '[]', '42', '"events"', '{}', '{"events": {}}', '{"events": []}']) {
      const res = await post(hub.url, body);
      expect(res.status, body).toBe(400);
      expect(res.body.error).toBe('invalid');
    }
    expect(hub.seq).toBe(0);
  });

  it('refuses a body over the limit with 413 and keeps running', async () => {
    const hub = await h.start({ maxBodyBytes: 10_000 });
    const big = JSON.stringify({ events: [reported({ description: 'x'.repeat(3000) })] }).padEnd(50_000, ' ');
    const res = await post(hub.url, big);
    expect(res.status).toBe(413);
    expect(String(res.body.error)).toContain('10000');

    // Without a content-length (chunked), the hub stops reading at the limit too.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${hub.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: 'Bearer dev-producer', 'content-type': 'application/json' },
      });
      req.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(chunked).toBe(413);

    const ok = await h.ingest(hub, [reported()]);
    expect(ok.status).toBe(202);
  });

  it('keeps running after garbage: deep nesting, huge strings, odd types', async () => {
    const hub = await h.start();
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expect((await post(hub.url, deep)).status).toBe(400);
    const deepData = `{"events":[{"type":"incident.reported","data":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]}`;
    expect((await post(hub.url, deepData)).status).toBe(400);
    const res = await h.ingest(hub, [
      {
        type: 'incident.reported',
        data: { ...incident(), title: '<script>alert(1)</script>', extra: { a: [1, 2] } },
      },
      { type: { nested: true }, data: null },
      { type: 'incident.reported', data: { ...incident(), location: { lon: '107.5', lat: NaN } } },
      { type: '__proto__', data: {} },
      { type: 'constructor', data: {} },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.issues!.map((i) => i.index)).not.toContain(0);

    // Script in citizen text is data: accepted as text, and unknown keys are not passed on.
    const ok = await h.ingest(hub, [
      {
        type: 'incident.reported',
        data: { ...incident({ id: 'xss' }), title: '<img src=x onerror=alert(1)>', extra: 1 },
      },
    ]);
    expect(ok.status).toBe(202);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(snap.body.state.incidents[0]?.title).toBe('<img src=x onerror=alert(1)>');
    expect(snap.body.state.incidents[0]).not.toHaveProperty('extra');

    const health = await h.get<{ status: string }>(hub, '/api/health');
    expect(health.body.status).toBe('ok');
  });

  it('survives a client that hangs up in the middle of a body', async () => {
    const hub = await h.start();
    await new Promise<void>((resolve) => {
      const req = request(`${hub.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: 'Bearer dev-producer', 'content-length': '5000' },
      });
      req.on('error', () => resolve());
      req.write('{"events": [');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    expect((await h.ingest(hub, [reported()])).status).toBe(202);
  });

  it('answers 405 to other methods on the ingest route', async () => {
    const hub = await h.start();
    const res = await fetch(`${hub.url}/api/ingest`, { headers: { authorization: 'Bearer dev-producer' } });
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ error: 'method not allowed' });
  });
});
