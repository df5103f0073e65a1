import { describe, expect, it } from 'vitest';
import type { Snapshot, StreamEvent } from '../../src/shared/protocol/events';
import { snapshotSchema } from '../../src/shared/protocol/events';
import { reported, useHarness } from './harness';

interface Page {
  seq: number;
  events: StreamEvent[];
}

describe('REST API', () => {
  const h = useHarness();

  it('GET /api/health answers without auth', async () => {
    const hub = await h.start();
    await h.ingest(hub, [reported(), reported()]);
    const res = await fetch(`${hub.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: 'ok',
      seq: 2,
      epoch: hub.epoch,
      storage: 'memory',
      clients: 0,
      uptimeS: expect.any(Number),
      slowClientsDropped: 0,
      protocol: 3,
    });
  });

  it('GET /api/snapshot needs a viewer bearer token and returns a valid snapshot', async () => {
    const hub = await h.start();
    await h.ingest(hub, [reported()]);
    expect((await h.get(hub, '/api/snapshot')).status).toBe(401);
    expect((await h.get(hub, '/api/snapshot', 'wrong')).status).toBe(401);
    expect((await h.get(hub, '/api/snapshot', 'dev-producer')).status).toBe(403);
    const bad = await fetch(`${hub.url}/api/snapshot`, { headers: { authorization: 'dev-operator' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'unauthorized' });

    const res = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(res.status).toBe(200);
    expect(snapshotSchema.safeParse(res.body).success).toBe(true);
    expect(res.body.seq).toBe(1);
    expect(res.body.state.clock.simulated).toBe(false);
    expect(res.body.state.lamps.count).toBe(0);
  });

  it('GET /api/events pages through the log', async () => {
    const hub = await h.start();
    await h.ingest(
      hub,
      Array.from({ length: 25 }, () => reported()),
    );
    expect((await h.get(hub, '/api/events?after=0')).status).toBe(401);

    const seqs: number[] = [];
    let after = 0;
    for (;;) {
      const page = await h.get<Page>(hub, `/api/events?after=${after}&limit=10`, 'dev-leader');
      expect(page.status).toBe(200);
      expect(page.body.seq).toBe(25);
      if (page.body.events.length === 0) break;
      expect(page.body.events.length).toBeLessThanOrEqual(10);
      seqs.push(...page.body.events.map((e) => e.seq));
      after = page.body.events.at(-1)!.seq;
    }
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await h.get<Page>(hub, '/api/events', 'dev-leader')).body.events.length).toBe(25);
  });

  it('GET /api/events answers 410 when the log no longer holds the requested range', async () => {
    const hub = await h.start({ logSize: 10 });
    await h.ingest(
      hub,
      Array.from({ length: 30 }, () => reported()),
    );
    const gone = await h.get<{ error: string; firstSeq: number; seq: number }>(
      hub,
      '/api/events?after=5',
      'dev-operator',
    );
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ firstSeq: 21, seq: 30 });
    expect(typeof gone.body.error).toBe('string');
    expect((await h.get(hub, '/api/events?after=19', 'dev-operator')).status).toBe(410);
    const ok = await h.get<Page>(hub, '/api/events?after=20', 'dev-operator');
    expect(ok.body.events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 21 + i));
    expect((await h.get(hub, '/api/events?after=31', 'dev-operator')).status).toBe(410);
  });

  it('answers 400 to bad paging parameters and 404 JSON to unknown API routes', async () => {
    const hub = await h.start();
    for (const q of ['after=-1', 'after=abc', 'after=1.5', 'limit=0', 'limit=100000', 'limit=x']) {
      const res = await h.get<{ error: string }>(hub, `/api/events?${q}`, 'dev-operator');
      expect(res.status, q).toBe(400);
      expect(typeof res.body.error).toBe('string');
    }
    const missing = await h.get(hub, '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'not found' });
    const post = await fetch(`${hub.url}/api/health`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });
});
