import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthsBefore, periodStart } from '../../src/shared/city/periods';
import { selectTodayReports } from '../../src/features/incidents/incidentsSlice';
import type { Snapshot } from '../../src/shared/protocol/events';
import { openCity } from '../support/city';
import { reported, useHarness } from './harness';

// Citizen reports over any period from the hub's store: the city's seeded past and the incidents it
// lives through, counted by city day or month, kept across a restart, never in the live state.

type Summary = {
  from: string;
  to: string;
  bucket: string;
  buckets: { start: string; received: number; resolved: number; onTime: number }[];
  categories: { category: string; count: number }[];
  simulated?: boolean;
};

const H = 3_600_000;
/** A city whose clock barely moves: its start is its now. */
const STILL_CITY = { seed: 4, lamps: 50, timeScale: 0.0001 };
const tempDir = () => ({ dataDir: mkdtempSync(join(tmpdir(), 'ioc-reports-')) });
const iso = (t: number) => new Date(t).toISOString();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('citizen reports over any period', () => {
  const h = useHarness();

  it('answers a year by month from the seeded past, the same after a restart, none of it in the state', async () => {
    const storage = tempDir();
    const first = await h.start({ sim: STILL_CITY, storage });
    const now = first.cityNow;
    const range = `from=${iso(monthsBefore(now, 12))}&to=${iso(monthsBefore(now, 0))}`;
    const year = await h.get<Summary>(first, `/api/reports/summary?${range}&bucket=month`, 'dev-guest');
    expect(year.status).toBe(200);
    expect(year.body.simulated).toBe(true);
    expect(year.body.buckets).toHaveLength(12);
    const received = sum(year.body.buckets.map((b) => b.received));
    expect(received).toBeGreaterThan(3_500);
    expect(received).toBeLessThan(4_600);
    expect(sum(year.body.categories.map((c) => c.count))).toBe(received);
    const resolved = sum(year.body.buckets.map((b) => b.resolved));
    const onTime = sum(year.body.buckets.map((b) => b.onTime));
    expect(onTime / resolved).toBeGreaterThan(0.6);
    expect(onTime / resolved).toBeLessThan(0.95);
    // The storms of October and November in Huế: more flooding reports than in spring.
    const byMonth = new Map(
      year.body.buckets.map((b) => [new Date(Date.parse(b.start) + 7 * H).getUTCMonth(), b]),
    );
    expect(byMonth.get(9)!.received).toBeGreaterThan(byMonth.get(3)!.received);
    const snap = await h.get<Snapshot>(first, '/api/snapshot', 'dev-leader');
    expect(snap.body.state.incidents.some((i) => i.id.startsWith('HS-'))).toBe(false);
    expect(snap.body.state.incidents.length).toBeLessThan(300);
    // The last weeks, day by day: the warm-up's reports join the seeded past without a gap.
    const weeks = await h.get<Summary>(
      first,
      `/api/reports/summary?from=${iso(now - 35 * 24 * H)}&to=${iso(now)}&bucket=day`,
      'dev-operator',
    );
    expect(weeks.body.buckets.length).toBeGreaterThanOrEqual(35);
    expect(weeks.body.buckets.slice(1, -1).every((b) => b.received > 0)).toBe(true);
    await first.close();

    const again = await h.start({ sim: STILL_CITY, storage });
    expect(again.started.restored).toBe(true);
    const after = await h.get<Summary>(again, `/api/reports/summary?${range}&bucket=month`, 'dev-guest');
    expect(after.body).toEqual(year.body);
  });

  it("counts today as the wall does: the snapshot's incidents give the store's figures for the day so far", async () => {
    // The handling and leaders' panels add the page's own today to the store's past days; the two
    // rules must agree, on a new city's first day above all, whose morning is the simulator's warm-up.
    const hub = await h.start({ sim: STILL_CITY, storage: tempDir() });
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-leader');
    const now = snap.body.state.clock.now;
    const day = periodStart('day', now);
    const store = await h.get<Summary>(
      hub,
      `/api/reports/summary?from=${iso(day)}&to=${iso(now + 1)}&bucket=day`,
      'dev-leader',
    );
    const [today] = store.body.buckets;
    expect(today!.received).toBeGreaterThan(0);
    const page = selectTodayReports(openCity(snap.body.state).store.getState(), now);
    expect(page).toEqual({
      start: day,
      received: today!.received,
      resolved: today!.resolved,
      onTime: today!.onTime,
    });
  });

  it('counts a live incident where it came in and where it was resolved, across a restart', async () => {
    const storage = tempDir();
    const first = await h.start({ storage });
    const day = Date.parse('2026-12-02T17:00:00Z'); // 3 December in Huế
    const report = reported({ category: 'flooding', reportedAt: iso(day + 2 * H) });
    const late = reported({ category: 'made-up-category', reportedAt: iso(day + 3 * H) });
    expect((await h.ingest(first, [report, late])).status).toBe(202);
    const resolve = (id: string, at: number) => ({
      type: 'incident.updated',
      data: { id, status: 'resolved', by: 'water', at: iso(at) },
    });
    // The flood within its 24 hours, on the 3rd; the other after its 48, on the 6th.
    const sent = await h.ingest(first, [
      resolve(report.data.id, day + 20 * H),
      resolve(late.data.id, day + 75 * H),
    ]);
    expect(sent.status).toBe(202);
    const path = `/api/reports/summary?from=${iso(day)}&to=${iso(day + 4 * 24 * H)}&bucket=day`;
    const expected = {
      from: iso(day),
      to: iso(day + 4 * 24 * H),
      bucket: 'day',
      buckets: [
        { start: iso(day), received: 2, resolved: 1, onTime: 1 },
        { start: iso(day + 24 * H), received: 0, resolved: 0, onTime: 0 },
        { start: iso(day + 48 * H), received: 0, resolved: 0, onTime: 0 },
        { start: iso(day + 72 * H), received: 0, resolved: 1, onTime: 0 },
      ],
      categories: [
        { category: 'flooding', count: 1 },
        { category: 'other', count: 1 },
      ],
    };
    const live = await h.get<Summary>(first, path, 'dev-leader');
    expect(live).toEqual({ status: 200, body: expected });
    await first.close();

    const again = await h.start({ storage });
    expect((await h.get<Summary>(again, path, 'dev-leader')).body).toEqual(expected);
  });

  it('refuses a bad range or bucket by name, and a producer token', async () => {
    const hub = await h.start();
    const ask = (query: string, token = 'dev-leader') =>
      h.get<{ error: string }>(hub, `/api/reports/summary?${query}`, token);
    expect(await ask('from=yesterday')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/ISO 8601/) },
    });
    expect(await ask('from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z')).toMatchObject({
      status: 400,
      body: { error: 'from must not be after to' },
    });
    expect(await ask('bucket=week')).toMatchObject({
      status: 400,
      body: { error: 'bucket must be one of day, month' },
    });
    expect(await ask('from=2020-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&bucket=day')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/more than 800/) },
    });
    const twoYears = await ask('from=2024-12-01T00:00:00Z&to=2026-12-01T00:00:00Z&bucket=day');
    expect(twoYears.status).toBe(200);
    expect((await ask('', 'dev-producer')).status).toBe(403);
  });
});
