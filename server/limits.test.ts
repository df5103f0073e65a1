import { describe, expect, it } from 'vitest';
import { hubOptionsFromEnv } from './env';
import { DEFAULT_LIMITS, defenceOptionsFromEnv, resolveLimits } from './limits';
import { RateLimiter } from './rateLimit';

describe('limits', () => {
  it('defaults leave room for the benchmark: 10,000 events/s in 20 requests/s from one token', () => {
    const l = resolveLimits(undefined, 1024 * 1024);
    expect(l.ingestRequests.perSec).toBeGreaterThanOrEqual(2 * 20);
    expect(l.ingestEvents.perSec).toBeGreaterThanOrEqual(2 * 10_000);
    // The benchmark catches up with batches of up to 10,000 events.
    expect(l.ingestEvents.burst).toBeGreaterThanOrEqual(10_000);
    expect(l.lingerBytes).toBe(16 * 1024 * 1024);
    expect(resolveLimits({ lingerBytes: 5, commands: { perSec: 1, burst: 1 } }, 1000)).toMatchObject({
      lingerBytes: 5,
      commands: { perSec: 1, burst: 1 },
      ingestEvents: DEFAULT_LIMITS.ingestEvents,
    });
  });

  it('reads the environment: only what is set', () => {
    expect(defenceOptionsFromEnv({}, [])).toEqual({});
    const errors: string[] = [];
    expect(
      defenceOptionsFromEnv(
        {
          INGEST_RATE: '5',
          INGEST_EVENTS_BURST: '200000',
          COMMAND_RATE: '0',
          COMMAND_BURST: '3',
          INGEST_BODY_TIMEOUT_MS: '2500',
          METRICS_TOKEN: ' prometheus-scrape-0123 ',
          CONNECT_ORIGINS: 'http://10.0.0.5:8080, https://tiles.hue.gov.vn',
        },
        errors,
      ),
    ).toEqual({
      limits: {
        ingestRequests: { perSec: 5, burst: 10 },
        ingestEvents: { perSec: DEFAULT_LIMITS.ingestEvents.perSec, burst: 200_000 },
        commands: { perSec: 0, burst: 3 },
        bodyTimeoutMs: 2500,
      },
      metricsToken: 'prometheus-scrape-0123',
      connectOrigins: ['http://10.0.0.5:8080', 'https://tiles.hue.gov.vn'],
    });
    expect(errors).toEqual([]);
  });

  it('reports bad values with the others, never repeating the metrics token', () => {
    const { errors } = hubOptionsFromEnv({
      INGEST_RATE: '-1',
      COMMAND_BURST: '0',
      INGEST_BODY_TIMEOUT_MS: 'soon',
      METRICS_TOKEN: 'short-secret',
      CONNECT_ORIGINS: 'http://ok:1,javascript:alert(1),http://x/path',
    });
    expect(errors.map((e) => e.split(/[=:]/)[0])).toEqual([
      'INGEST_RATE',
      'COMMAND_BURST',
      'INGEST_BODY_TIMEOUT_MS',
      'METRICS_TOKEN',
      'CONNECT_ORIGINS',
    ]);
    expect(errors.join('\n')).not.toContain('short-secret');
    expect(errors.at(-1)).toContain('javascript:alert(1), http://x/path');
  });
});

describe('the default ingest limits under the benchmark’s load', () => {
  it('never refuse 10,000 events a second in 20 requests a second, with catch-up batches', () => {
    // Simulated on a clock of the test's own: 10 minutes of the load tests/bench/run.ts sends, with
    // a stall every minute after which the generator catches up with up to 10,000 events at once.
    let now = 0;
    const { ingestRequests, ingestEvents } = resolveLimits(undefined, 1024 * 1024);
    const requests = new RateLimiter<string>(ingestRequests, () => now);
    const events = new RateLimiter<string>(ingestEvents, () => now);
    let refused = 0;
    const send = (count: number) => {
      if (requests.take('bench') > 0 || events.take('bench', count) > 0) refused++;
    };
    for (let tick = 0; tick < 20 * 600; tick++) {
      now = tick * 50;
      if (tick % 1200 === 600) {
        // a stall of 2 s: the next requests carry what fell due meanwhile (4 in flight at most)
        for (let i = 0; i < 2; i++) send(10_000);
        continue;
      }
      send(500);
    }
    expect(refused).toBe(0);
  });
});
