import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metricValue, parseMetrics, scrape } from '../support/metrics';
import { reported, useHarness, waitFor } from './harness';

describe('GET /api/metrics', () => {
  const h = useHarness();

  it('is for operators, leaders and the METRICS_TOKEN, in the Prometheus text format', async () => {
    const hub = await h.start({ metricsToken: 'scrape-token-0123456789' });
    const get = (token?: string) =>
      fetch(`${hub.url}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const none = await get();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    await none.text();
    for (const token of ['dev-guest', 'dev-producer']) {
      const res = await get(token);
      expect(res.status, token).toBe(403);
      await res.text();
    }
    expect((await get('scrape-token-012345678')).status).toBe(401);
    for (const token of ['dev-operator', 'dev-leader', 'scrape-token-0123456789']) {
      const res = await get(token);
      expect(res.status, token).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const m = parseMetrics(await res.text());
      expect(m.types.get('ioc_events_in_total')).toBe('counter');
      expect(m.types.get('ioc_clients')).toBe('gauge');
      expect(m.types.get('ioc_db_query_seconds')).toBe('histogram');
      expect(metricValue(m, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    }
    const post = await fetch(`${hub.url}/api/metrics`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-operator' },
    });
    expect(post.status).toBe(405);
    await post.text();
  });

  it('counts events in by source and out to sockets, clients by role, catch-ups and drops', async () => {
    const hub = await h.start();
    const operator = await h.connect(hub, { token: 'dev-operator' });
    const guests = [
      await h.connect(hub, { token: 'dev-guest' }),
      await h.connect(hub, { token: 'dev-guest' }),
    ];
    let m = await scrape(hub);
    expect(metricValue(m, 'ioc_clients', { role: 'operator' })).toBe(1);
    expect(metricValue(m, 'ioc_clients', { role: 'guest' })).toBe(2);
    expect(metricValue(m, 'ioc_clients', { role: 'leader' })).toBe(0);
    expect(metricValue(m, 'ioc_catchups_total', { mode: 'snapshot' })).toBe(3);
    expect(metricValue(m, 'ioc_messages_sent_total', { message: 'session' })).toBe(3);

    const first = await h.ingest(hub, [reported({ id: 'm1' }), reported({ id: 'm2' })]);
    expect(first.status).toBe(202);
    // A re-sent report is not a new event.
    await h.ingest(hub, [reported({ id: 'm1' })]);
    const ack = await operator.socket
      .timeout(3000)
      .emitWithAck('command', { id: randomUUID(), type: 'incident.acknowledge', data: { incidentId: 'm1' } });
    expect(ack).toEqual({ ok: true });
    for (const v of [operator, ...guests]) await v.untilSeq(3);

    await h.ingest(hub, [{ type: 'incident.reported', data: { title: 'no id' } }]);
    await fetch(`${hub.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-producer' },
      body: '{"events": [',
    }).then((r) => r.text());
    await h.refused(hub, { token: 'dev-producer' });

    // A reconnect within the log is a replay.
    const again = await h.connect(hub, { token: 'dev-leader', lastSeq: 1 });
    await again.untilSeq(3);

    m = await scrape(hub);
    expect(metricValue(m, 'ioc_events_in_total', { source: 'ingest' })).toBe(2);
    expect(metricValue(m, 'ioc_events_in_total', { source: 'command' })).toBe(1);
    expect(metricValue(m, 'ioc_events_in_total', { source: 'simulator' })).toBe(0);
    expect(metricValue(m, 'ioc_seq')).toBe(3);
    // Three events to each of three sockets, then two replayed to the fourth.
    expect(metricValue(m, 'ioc_events_sent_total')).toBe(3 * 3 + 2);
    expect(metricValue(m, 'ioc_messages_sent_total', { message: 'events' })).toBeGreaterThanOrEqual(4);
    expect(metricValue(m, 'ioc_catchups_total', { mode: 'replay' })).toBe(1);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'invalid' })).toBe(1);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'malformed' })).toBe(1);
    expect(metricValue(m, 'ioc_dropped_total', { reason: 'unauthorized' })).toBe(1);
    expect(metricValue(m, 'ioc_clients', { role: 'leader' })).toBe(1);
    // Storage is not wired yet: the histogram is there, empty.
    expect(metricValue(m, 'ioc_db_query_seconds_count')).toBe(0);

    for (const g of guests) g.socket.disconnect();
    await waitFor(() => hub.clientCount() === 2, 'the guests to leave');
    expect(metricValue(await scrape(hub), 'ioc_clients', { role: 'guest' })).toBe(0);
  });

  it('counts the simulator’s events, and keeps each hub’s counts apart', async () => {
    const simulated = await h.start({ sim: { seed: 3, lamps: 200, timeScale: 3000 } });
    const quiet = await h.start();
    await waitFor(() => simulated.seq > 0, 'the simulator to publish');
    const m = await scrape(simulated);
    expect(metricValue(m, 'ioc_events_in_total', { source: 'simulator' })).toBeGreaterThan(0);
    expect(metricValue(m, 'ioc_events_in_total', { source: 'simulator' })).toBeLessThanOrEqual(simulated.seq);
    expect(metricValue(await scrape(quiet), 'ioc_events_in_total', { source: 'simulator' })).toBe(0);
  });
});
