import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubOptions } from '../../server/hub';
import { decodeLampRuns, type ReplayHistory } from '../../src/shared/protocol/replay';
import { postgresBin, usePostgres } from '../support/postgres';
import { reported, useHarness, type Harness } from './harness';

// `GET /api/replay` against the real hub and its store (PGlite, and PostgreSQL where installed): the
// last 24 hours as the store holds them, redacted for guests as the stream is, bad ranges refused.

const HOUR = 3600_000;
const iso = (t: number) => new Date(t).toISOString();
/** A simulator whose clock runs a city minute a real second: its lamps, and time that moves a little. */
const SLOW_CITY = { seed: 3, lamps: 300, timeScale: 60 };

async function replay(hub: { url: string }, query: string, token = 'dev-operator') {
  const res = await fetch(`${hub.url}/api/replay${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as ReplayHistory & { error?: string } };
}

async function servesTheLastDay(h: Harness, storage: NonNullable<HubOptions['storage']>): Promise<void> {
  const hub = await h.start({ storage, sim: SLOW_CITY, keyframeMs: 100 });
  const now = hub.cityNow;
  // Reported 3 hours ago, resolved an hour ago; another finished long before the day began.
  const open = reported({ id: 'rp-open', reportedAt: iso(now - 3 * HOUR) });
  const old = reported({ id: 'rp-old', reportedAt: iso(now - 9 * 24 * HOUR) });
  const update = (id: string, status: string, at: number) => ({
    type: 'incident.updated',
    data: { id, status, by: 'Đội công trình', at: iso(at) },
  });
  const alert = {
    type: 'camera.alert',
    data: {
      id: 'rp-alert',
      cameraId: 'CAM-001',
      kind: 'plate-hit',
      confidence: 0.9,
      at: iso(now - 90 * 60_000),
      location: { lon: 107.58, lat: 16.46 },
      plate: '75A-123.45',
    },
  };
  const ingested = await h.ingest(hub, [
    open,
    update('rp-open', 'in_progress', now - 2 * HOUR),
    update('rp-open', 'resolved', now - HOUR),
    old,
    update('rp-old', 'resolved', now - 8.5 * 24 * HOUR),
  ]);
  expect(ingested.status).toBe(202);
  const snap = await h.get<{ state: { cameras: { id: string }[] } }>(hub, '/api/snapshot', 'dev-operator');
  alert.data.cameraId = snap.body.state.cameras[0]!.id;
  expect((await h.ingest(hub, [alert])).status).toBe(202);
  // A KPI before the range, then one in it: the first is the range's base, the second its event.
  const kpi = (value: number) => ({
    type: 'kpi.updated',
    data: { id: 'online-services-rate', value, unit: 'percent', at: iso(hub.cityNow) },
  });
  expect((await h.ingest(hub, [kpi(81.5)])).status).toBe(202);
  await new Promise((r) => setTimeout(r, 300));
  const between = Math.round(hub.cityNow);
  await new Promise((r) => setTimeout(r, 300));
  expect((await h.ingest(hub, [kpi(82.5)])).status).toBe(202);
  // Lamps 0 and 1 fail: a keyframe (every 100 ms here) takes them.
  expect(
    (await h.ingest(hub, [{ type: 'light.states', data: { i: [0, 1], s: [3, 3], l: [0, 0] } }])).status,
  ).toBe(202);

  let answer = await replay(hub, '');
  for (let tries = 0; tries < 50; tries++) {
    const last = answer.body.lamps.at(-1);
    if (last && decodeLampRuns(last.runs, 2).state.join() === '3,3') break;
    await new Promise((r) => setTimeout(r, 100));
    answer = await replay(hub, '');
  }
  expect(answer.status).toBe(200);
  const day = answer.body;
  // Without from and to: the last 24 hours of the city's clock.
  expect(day.to - day.from).toBe(24 * HOUR);
  expect(day.to).toBeLessThanOrEqual(day.now);
  const mine = day.incidents.find((i) => i.id === 'rp-open')!;
  expect(mine.history.map((s) => s.status)).toEqual(['received', 'in_progress', 'resolved']);
  expect(mine.reporter?.name).toBe('Nguyễn Văn A');
  expect(day.incidents.some((i) => i.id === 'rp-old')).toBe(false);
  expect(day.alerts.find((a) => a.id === 'rp-alert')?.plate).toBe('75A-123.45');
  expect(day.events.filter((e) => e.type === 'kpi.updated').map((e) => e.data.value)).toEqual([81.5, 82.5]);
  const frame = decodeLampRuns(day.lamps.at(-1)!.runs, SLOW_CITY.lamps);
  expect([frame.state[0], frame.state[1]]).toEqual([3, 3]);
  expect(day.lamps.at(-1)!.runs.reduce((n, v, k) => (k % 3 === 2 ? n + v : n), 0)).toBe(SLOW_CITY.lamps);
  // The lighting's power from the meter, a day before the range to its end (the simulator's seeded
  // past): the energy panel's day and chart at any replayed instant.
  const power = day.power!.points;
  expect(power.length).toBeGreaterThan(2);
  expect(power[0]![0]).toBeGreaterThanOrEqual(day.from - 24 * HOUR);
  // The series is the meter's steps (a sample where the draw changed, and the hub's since): it reaches
  // back before the range, so the range's first hours have their power too.
  expect(power[0]![0]).toBeLessThan(day.from);
  expect(power.at(-1)![0]).toBeLessThanOrEqual(day.to);
  expect(power.at(-1)![0]).toBeGreaterThan(day.to - 5 * 60_000);
  expect(power.some(([, w]) => w > 0)).toBe(true);

  // From the instant between the two KPIs: the first is the value at `from`, the second an event.
  const later = (await replay(hub, `?from=${iso(between)}&to=${iso(hub.cityNow)}`)).body;
  expect(later.from).toBe(between);
  expect(later.base.kpis.find((k) => k.id === 'online-services-rate')?.value).toBe(81.5);
  expect(later.events.filter((e) => e.type === 'kpi.updated').map((e) => e.data.value)).toEqual([82.5]);
  expect(later.base.cameras.length).toBeGreaterThan(0);

  // A guest's replay has no reporter and no plate, as a guest's stream has none.
  const guest = (await replay(hub, '', 'dev-guest')).body;
  const seen = JSON.stringify(guest);
  expect(guest.incidents.find((i) => i.id === 'rp-open')?.status).toBe('resolved');
  expect(seen).not.toContain('Nguyễn Văn A');
  expect(seen).not.toContain('0905123456');
  expect(seen).not.toContain('75A-123.45');
  expect(guest.alerts.some((a) => a.id === 'rp-alert')).toBe(true);
}

describe('GET /api/replay', () => {
  const h = useHarness();

  it('serves the last 24 hours from PGlite: timelines, alerts, KPIs at from and after, lamp keyframes', async () => {
    await servesTheLastDay(h, { dataDir: mkdtempSync(join(tmpdir(), 'ioc-replay-')) });
  }, 60_000);

  it('refuses a bad range with a 400 that says why', async () => {
    // The range is checked before the store is asked: a hub without one refuses the same way.
    const hub = await h.start();
    const now = hub.cityNow;
    const cases: [string, RegExp][] = [
      ['?from=yesterday', /ISO 8601/],
      [`?from=${iso(now - HOUR)}&to=${iso(now - 2 * HOUR)}`, /from must be before to/],
      [`?from=${iso(now - 30 * HOUR)}&to=${iso(now - HOUR)}`, /at most 24 hours/],
      [`?from=${iso(now - 25 * HOUR)}&to=${iso(now - 20 * HOUR)}`, /reaches back 24 hours/],
      [`?from=${iso(now - HOUR)}&to=${iso(now + 2 * HOUR)}`, /after the city's now/],
    ];
    for (const [query, why] of cases) {
      const answer = await replay(hub, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error, query).toMatch(why);
    }
    expect((await fetch(`${hub.url}/api/replay`)).status).toBe(401);
    expect((await replay(hub, '', 'dev-producer')).status).toBe(403);
    expect((await fetch(`${hub.url}/api/replay`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 on a hub that keeps nothing', async () => {
    const hub = await h.start();
    const answer = await replay(hub, '');
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatch(/durable store/);
  });
});

const pgInstalled = postgresBin() !== null;
// CI installs PostgreSQL (.ci/run); elsewhere this runs wherever Debian's postgresql is installed.
describe.runIf(pgInstalled || process.env.CI)('GET /api/replay on PostgreSQL', () => {
  const h = useHarness();
  const pg = usePostgres();

  it('serves the same day with the same queries', async () => {
    await servesTheLastDay(h, { databaseUrl: pg().url });
  }, 60_000);
});
