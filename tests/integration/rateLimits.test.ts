import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CommandAck, Snapshot } from '../../src/shared/protocol/events';
import { metricValue, scrape } from '../support/metrics';
import { reported, TOKENS, useHarness, type Viewer } from './harness';

// Rates so slow (one token in 1,000 s) that nothing refills while a test runs: the outcomes do not
// depend on how fast this machine is.
const GLACIAL = 0.001;

async function post(url: string, body: unknown, token = 'dev-producer') {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

function command(v: Viewer, incidentId: string): Promise<CommandAck> {
  return v.socket.timeout(3000).emitWithAck('command', {
    id: randomUUID(),
    type: 'incident.acknowledge',
    data: { incidentId },
  }) as Promise<CommandAck>;
}

describe('rate limits', () => {
  const h = useHarness();

  it('answers 429 with Retry-After past a producer token’s request rate; each token has its own', async () => {
    const hub = await h.start({
      tokens: { ...TOKENS, 'dev-producer-2': 'producer' },
      limits: { ingestRequests: { perSec: GLACIAL, burst: 3 } },
    });
    for (let i = 0; i < 3; i++) expect((await post(hub.url, { events: [reported()] })).status).toBe(202);
    const refused = await post(hub.url, { events: [reported({ id: 'refused-1' })] });
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1000');
    expect(refused.body).toEqual({
      error: `rate limited: at most ${GLACIAL} requests a second per producer token`,
      retryAfterS: 1000,
    });
    // Refused before its body was read: nothing of it was committed.
    expect(hub.seq).toBe(3);
    expect((await post(hub.url, { events: [reported()] }, 'dev-producer-2')).status).toBe(202);
    // An unknown token is refused for who it is, before any rate: it has no budget to spend.
    expect((await post(hub.url, { events: [reported()] }, 'dev-nobody')).status).toBe(401);

    const m = await scrape(hub);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'rate-limited' })).toBe(1);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'unauthorized' })).toBe(1);
  });

  it('charges events, so a few huge batches meet the limit as many small ones do', async () => {
    const hub = await h.start({ limits: { ingestEvents: { perSec: GLACIAL, burst: 5 } } });
    expect((await post(hub.url, { events: [reported(), reported(), reported()] })).status).toBe(202);
    const refused = await post(hub.url, { events: [reported(), reported(), reported()] });
    expect(refused.status).toBe(429);
    expect(String(refused.body.error)).toContain('events a second');
    expect(Number(refused.retryAfter)).toBeGreaterThan(900);
    // What is left of the burst still passes.
    expect((await post(hub.url, { events: [reported(), reported()] })).status).toBe(202);
    expect(hub.seq).toBe(5);
  });

  it('refuses commands past a socket’s rate with a clear error, and counts them', async () => {
    const hub = await h.start({ limits: { commands: { perSec: GLACIAL, burst: 3 } } });
    await h.ingest(hub, [reported({ id: 'r1' }), reported({ id: 'r2' }), reported({ id: 'r3' })]);
    const operator = await h.connect(hub, { token: 'dev-operator' });
    const answers = [];
    for (const id of ['r1', 'r2', 'r3', 'r1', 'nope']) answers.push(await command(operator, id));
    expect(answers.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    for (const a of answers.slice(3)) {
      expect(a.ok).toBe(false);
      expect(!a.ok && a.error).toMatch(
        /^rate limited: at most 0\.001 commands a second \(3 at once\); retry in \d+ ms$/,
      );
    }
    // Another socket, even of the same operator, has its own budget.
    const second = await h.connect(hub, { token: 'dev-operator' });
    expect(await command(second, 'nope')).toEqual({ ok: false, error: 'unknown incident: nope' });

    const m = await scrape(hub);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'rate-limited' })).toBe(2);
    expect(metricValue(m, 'ioc_events_in_total', { source: 'command' })).toBe(3);
    // Refused for their rate, not judged: the audit holds the four that were.
    const audit = await h.get<{ total: number }>(hub, '/api/audit', 'dev-operator');
    expect(audit.body.total).toBe(4);
  });

  it('drops and counts a command sent without an acknowledgement; it changes nothing', async () => {
    const hub = await h.start();
    await h.ingest(hub, [reported({ id: 'quiet' })]);
    const operator = await h.connect(hub, { token: 'dev-operator' });
    operator.socket.emit('command', {
      id: randomUUID(),
      type: 'incident.acknowledge',
      data: { incidentId: 'quiet' },
    });
    // Sent after it on the same socket, so answered after it was handled.
    expect(await command(operator, 'nope')).toEqual({ ok: false, error: 'unknown incident: nope' });
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(snap.body.state.incidents.find((i) => i.id === 'quiet')?.acknowledgedAt).toBeUndefined();
    // Had it been applied, a second acknowledgement would be refused.
    expect(await command(operator, 'quiet')).toEqual({ ok: true });
    expect(metricValue(await scrape(hub), 'ioc_dropped_total', { reason: 'no-ack' })).toBe(1);
  });
});
