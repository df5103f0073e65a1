import { describe, expect, it } from 'vitest';
import { createHubApi, HubApiError } from './hubApi';

const sample = (value: unknown) => ({
  id: 'cashless-rate',
  value,
  at: '2026-11-30T18:00:00.000Z',
  period: { kind: 'month', start: '2026-11-30T17:00:00.000Z' },
});

function apiAnswering(status: number, body: unknown, seen: { url?: string; auth?: string } = {}) {
  return createHubApi({
    baseUrl: () => 'http://hub.test:3001/',
    token: 'tok',
    fetch: async (input, init) => {
      seen.url = String(input);
      seen.auth = new Headers(init?.headers).get('authorization') ?? undefined;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
}

describe('hub API', () => {
  it('asks the current hub for a history with the token and reads its samples', async () => {
    const seen: { url?: string; auth?: string } = {};
    const api = apiAnswering(
      200,
      {
        id: 'cashless-rate',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        samples: [sample(61.5)],
      },
      seen,
    );
    const h = await api.kpiHistory('cashless-rate', {
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
      ward: 'all',
    });
    expect(seen.url).toBe(
      'http://hub.test:3001/api/kpis/cashless-rate/history?from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z&ward=all',
    );
    expect(seen.auth).toBe('Bearer tok');
    expect(h).toEqual({ samples: [sample(61.5)], dropped: 0, to: Date.UTC(2026, 11, 1) });
  });

  it('drops and counts samples it cannot read, keeping the good ones', async () => {
    const api = apiAnswering(200, {
      id: 'cashless-rate',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      samples: [sample(61.5), sample('<b>62</b>'), { ...sample(3), id: 'other' }, null],
    });
    const h = await api.kpiHistory('cashless-rate', { from: 0, to: 1 });
    expect(h.samples.map((s) => s.value)).toEqual([61.5]);
    expect(h.dropped).toBe(3);
  });

  it('reads every indicator’s history from one answer, dropping and counting what it cannot read', async () => {
    const seen: { url?: string } = {};
    const api = apiAnswering(
      200,
      {
        from: '2024-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        indicators: { 'cashless-rate': [sample(61.5), sample(-Infinity)], 'fire-alarms': [] },
      },
      seen,
    );
    const h = await api.cityHistory({});
    expect(seen.url).toBe('http://hub.test:3001/api/kpis/history?');
    expect([...h.indicators.keys()]).toEqual(['cashless-rate', 'fire-alarms']);
    expect(h.indicators.get('cashless-rate')!.map((s) => s.value)).toEqual([61.5]);
    expect(h.dropped).toBe(1);
    expect(h.to).toBe(Date.UTC(2026, 11, 1));
  });

  it("turns the hub's refusal into an error that carries its reason and status", async () => {
    const api = apiAnswering(400, { error: 'unknown ward "x": a ward code of the city, or all' });
    const err = await api.kpiHistory('cashless-rate', { from: 0, to: 1, ward: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubApiError);
    expect((err as HubApiError).status).toBe(400);
    expect((err as Error).message).toContain('unknown ward');
  });

  it('reads a reports summary with its instants as epoch ms, and refuses an answer of another shape', async () => {
    const seen: { url?: string } = {};
    const answer = {
      from: '2026-11-30T17:00:00.000Z',
      to: '2026-12-02T17:00:00.000Z',
      bucket: 'day',
      buckets: [
        { start: '2026-11-30T17:00:00.000Z', received: 12, resolved: 9, onTime: 7 },
        { start: '2026-12-01T17:00:00.000Z', received: 10, resolved: 11, onTime: 11 },
      ],
      categories: [{ category: 'waste', count: 22 }],
      simulated: true,
    };
    const from = Date.parse(answer.from);
    const to = Date.parse(answer.to);
    const summary = await apiAnswering(200, answer, seen).reportsSummary({ from, to, bucket: 'day' });
    expect(seen.url).toBe(
      'http://hub.test:3001/api/reports/summary?from=2026-11-30T17%3A00%3A00.000Z&to=2026-12-02T17%3A00%3A00.000Z&bucket=day',
    );
    expect(summary).toEqual({
      from,
      to,
      bucket: 'day',
      buckets: [
        { start: from, received: 12, resolved: 9, onTime: 7 },
        { start: from + 86_400_000, received: 10, resolved: 11, onTime: 11 },
      ],
      categories: [{ category: 'waste', count: 22 }],
      simulated: true,
    });
    const { simulated: _, ...live } = answer;
    expect((await apiAnswering(200, live).reportsSummary({ bucket: 'day' })).simulated).toBe(false);
    const bad = { ...answer, buckets: [{ ...answer.buckets[0], received: -1 }] };
    const err = await apiAnswering(200, bad)
      .reportsSummary({ bucket: 'day' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubApiError);
    const refused = await apiAnswering(400, { error: 'bucket must be one of day, month' })
      .reportsSummary({ bucket: 'day' })
      .catch((e: unknown) => e);
    expect((refused as HubApiError).status).toBe(400);
    expect((refused as Error).message).toContain('bucket must be one of day, month');
  });
});

describe('hub API: the replay', () => {
  const frame = (power: unknown) => ({
    from: 1000,
    to: 2000,
    now: 2100,
    incidents: [],
    alerts: [],
    base: { kpis: [], cameras: [], cabinets: [] },
    events: [],
    lamps: [],
    ...(power === undefined ? {} : { power }),
  });

  it('reads the lighting power the hub sends with the day, and drops and counts a bad one', async () => {
    const good = {
      spacingMs: 60_000,
      points: [
        [500, 1200],
        [1500, 800],
      ],
    };
    const read = await apiAnswering(200, frame(good)).replay!({}, new AbortController().signal);
    expect(read.history.power).toEqual(good);
    expect(read.dropped).toBe(0);
    const bad = await apiAnswering(200, frame({ spacingMs: 60_000, points: [[500, -3]] })).replay!(
      {},
      new AbortController().signal,
    );
    expect(bad.history.power).toBeUndefined();
    expect(bad.dropped).toBe(1);
    // A hub before it sends none: no power, nothing dropped.
    const older = await apiAnswering(200, frame(undefined)).replay!({}, new AbortController().signal);
    expect(older.history.power).toBeUndefined();
    expect(older.dropped).toBe(0);
  });
});
