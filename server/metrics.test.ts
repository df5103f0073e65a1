import { describe, expect, it } from 'vitest';
import { metricValue, parseMetrics } from '../tests/support/metrics';
import { DROP_REASONS, HubMetrics } from './metrics';

async function read(m: HubMetrics) {
  return parseMetrics((await m.render()).text);
}

describe('HubMetrics', () => {
  it('exposes every series from the start, at zero, in the Prometheus text format', async () => {
    const m = new HubMetrics();
    const { contentType } = await m.render();
    expect(contentType).toContain('text/plain');
    const text = await read(m);
    for (const source of ['ingest', 'simulator', 'command']) {
      expect(metricValue(text, 'ioc_events_in_total', { source })).toBe(0);
    }
    for (const reason of DROP_REASONS)
      expect(metricValue(text, 'ioc_dropped_total', { reason }), reason).toBe(0);
    for (const role of ['operator', 'leader', 'guest'])
      expect(metricValue(text, 'ioc_clients', { role })).toBe(0);
    expect(metricValue(text, 'ioc_db_query_seconds_count')).toBe(0);
    expect(text.types.get('ioc_db_query_seconds')).toBe('histogram');
    expect(text.types.get('ioc_dropped_total')).toBe('counter');
    // The process's own figures come along: the event loop's lag among them.
    expect(metricValue(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts what it is told, each hub in its own registry', async () => {
    const a = new HubMetrics();
    const b = new HubMetrics();
    a.eventsCommitted('ingest', 3);
    a.eventsCommitted('simulator', 0);
    a.drop('too-large');
    a.drop('rate-limited', 2);
    a.catchUp('snapshot');
    a.messageSent('events', 40);
    a.messageSent('session');
    a.observeDb(0.003);
    await expect(a.timeDb(() => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    a.watch({ clientsByRole: () => ({ operator: 2, guest: 1 }), seq: () => 77, simulatorDropped: () => 5 });

    const ta = await read(a);
    expect(metricValue(ta, 'ioc_events_in_total', { source: 'ingest' })).toBe(3);
    expect(metricValue(ta, 'ioc_dropped_total', { reason: 'too-large' })).toBe(1);
    expect(metricValue(ta, 'ioc_dropped_total', { reason: 'rate-limited' })).toBe(2);
    expect(metricValue(ta, 'ioc_dropped_total', { reason: 'simulator-invalid' })).toBe(5);
    expect(metricValue(ta, 'ioc_catchups_total', { mode: 'snapshot' })).toBe(1);
    expect(metricValue(ta, 'ioc_messages_sent_total', { message: 'events' })).toBe(1);
    expect(metricValue(ta, 'ioc_events_sent_total')).toBe(40);
    expect(metricValue(ta, 'ioc_clients', { role: 'operator' })).toBe(2);
    expect(metricValue(ta, 'ioc_clients', { role: 'leader' })).toBe(0);
    expect(metricValue(ta, 'ioc_seq')).toBe(77);
    // Both queries were timed, the failed one too.
    expect(metricValue(ta, 'ioc_db_query_seconds_count')).toBe(2);
    expect(metricValue(ta, 'ioc_db_query_seconds_bucket', { le: '0.005' })).toBeGreaterThanOrEqual(1);

    // A second scrape does not count the simulator's drops again.
    expect(metricValue(await read(a), 'ioc_dropped_total', { reason: 'simulator-invalid' })).toBe(5);

    const tb = await read(b);
    expect(metricValue(tb, 'ioc_events_in_total', { source: 'ingest' })).toBe(0);
    expect(metricValue(tb, 'ioc_db_query_seconds_count')).toBe(0);
  });

  it('ignores a database time that is not a duration', async () => {
    const m = new HubMetrics();
    m.observeDb(NaN);
    m.observeDb(-1);
    expect(metricValue(await read(m), 'ioc_db_query_seconds_count')).toBe(0);
  });
});
