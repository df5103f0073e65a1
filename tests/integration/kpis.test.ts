import { HUE_KPIS } from '../../src/shared/city/kpiCatalogue';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KpiWithLatest } from '../../server/kpis';
import type { KpiSample, SystemStatus } from '../../src/shared/protocol/events';
import { useHarness } from './harness';

// The city's indicators through the hub: ingested values reach the stream and /api/kpis, their
// history is kept by period and ward across a restart, and what the catalogue makes wrong is refused.

/** Month starts in Huế's calendar (UTC+7), as UTC instants. */
const SEP = '2026-08-31T17:00:00.000Z';
const OCT = '2026-09-30T17:00:00.000Z';
const NOV = '2026-10-31T17:00:00.000Z';
const WARD = '19753';

const kpi = (data: Record<string, unknown>) => ({ type: 'kpi.updated', data });
const monthly = (id: string, value: number, start: string, extra: Record<string, unknown> = {}) =>
  kpi({ id, value, unit: 'percent', at: start, period: { kind: 'month', start }, ...extra });

type History = { samples: KpiSample[] };

describe('indicators through the hub', () => {
  const h = useHarness();

  it('sends an ingested value to the stream and lists it in /api/kpis, the city and each ward', async () => {
    const hub = await h.start();
    const leader = await h.connect(hub, { token: 'dev-leader' });
    const sent = await h.ingest(hub, [
      monthly('on-time-dossier-rate', 97.2, NOV),
      monthly('on-time-dossier-rate', 91.5, NOV, { ward: WARD }),
    ]);
    expect(sent.status).toBe(202);
    await leader.until((v) => v.events.filter((e) => e.type === 'kpi.updated').length === 2, 'both values');
    expect(leader.events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ id: 'on-time-dossier-rate', value: 91.5, ward: WARD }),
    );

    const { status, body } = await h.get<{ kpis: KpiWithLatest[] }>(hub, '/api/kpis', 'dev-guest');
    expect(status).toBe(200);
    const onTime = body.kpis.find((k) => k.id === 'on-time-dossier-rate')!;
    expect(onTime).toMatchObject({ unit: 'percent', target: 98, perWard: true });
    expect(onTime.latest).toEqual({ value: 97.2, at: NOV, period: { kind: 'month', start: NOV } });
    expect(onTime.wards).toEqual([
      { ward: WARD, value: 91.5, at: NOV, period: { kind: 'month', start: NOV } },
    ]);
    expect(body.kpis.find((k) => k.id === 'budget-revenue')?.latest).toBeNull();
    // The snapshot's state keeps the city's value only: a ward's would pass for the city's on the wall.
    const snap = await h.get<{ state: { kpis: { value: number }[] } }>(hub, '/api/snapshot', 'dev-leader');
    expect(snap.body.state.kpis.map((k) => k.value)).toEqual([97.2]);
  });

  it('keeps the history by period and ward across a restart, the newest value of a period replacing the one before', async () => {
    const storage = { dataDir: mkdtempSync(join(tmpdir(), 'ioc-kpis-')) };
    const first = await h.start({ storage });
    const sent = await h.ingest(first, [
      monthly('cashless-rate', 66, SEP),
      monthly('cashless-rate', 60, OCT),
      monthly('cashless-rate', 67.5, NOV),
      monthly('reports-answered-48h', 88, OCT, { ward: WARD }),
      monthly('reports-answered-48h', 93, OCT, { ward: '19774' }),
    ]);
    expect(sent.status).toBe(202);
    // A correction of October, later: it replaces the value stored for that month.
    expect((await h.ingest(first, [monthly('cashless-rate', 66.8, OCT)])).status).toBe(202);
    await first.close();

    const again = await h.start({ storage });
    expect(again.started.restored).toBe(true);
    const range = `from=${SEP}&to=${NOV}`;
    const city = await h.get<History>(again, `/api/kpis/cashless-rate/history?${range}`, 'dev-leader');
    expect(city.status).toBe(200);
    expect(city.body.samples.map((s) => [s.period.start, s.value])).toEqual([
      [SEP, 66],
      [OCT, 66.8],
      [NOV, 67.5],
    ]);
    const oct = await h.get<History>(
      again,
      `/api/kpis/cashless-rate/history?from=${OCT}&to=${OCT}`,
      'dev-guest',
    );
    expect(oct.body.samples.map((s) => s.value)).toEqual([66.8]);
    const all = await h.get<History>(
      again,
      `/api/kpis/reports-answered-48h/history?${range}&ward=all`,
      'dev-operator',
    );
    expect(all.body.samples.map((s) => [s.ward, s.value])).toEqual([
      [WARD, 88],
      ['19774', 93],
    ]);
    const one = await h.get<History>(
      again,
      `/api/kpis/reports-answered-48h/history?${range}&ward=${WARD}`,
      'dev-guest',
    );
    expect(one.body.samples.map((s) => s.value)).toEqual([88]);
    // The city has no value of its own for it: the wards' are not the city's.
    const noCity = await h.get<History>(
      again,
      `/api/kpis/reports-answered-48h/history?${range}`,
      'dev-guest',
    );
    expect(noCity.body.samples).toEqual([]);
    const latest = await h.get<{ kpis: KpiWithLatest[] }>(again, '/api/kpis', 'dev-leader');
    expect(latest.body.kpis.find((k) => k.id === 'cashless-rate')?.latest?.value).toBe(67.5);
    // Every indicator's city history in one answer, as the briefing opens with it.
    const every = await h.get<{ indicators: Record<string, History['samples']> }>(
      again,
      `/api/kpis/history?${range}`,
      'dev-leader',
    );
    expect(every.status).toBe(200);
    expect(Object.keys(every.body.indicators)).toEqual(HUE_KPIS.map((k) => k.id));
    expect(every.body.indicators['cashless-rate']!.map((s) => s.value)).toEqual([66, 66.8, 67.5]);
    expect(every.body.indicators['reports-answered-48h']).toEqual([]);
    const bad = await h.get<{ error: string }>(again, '/api/kpis/history?from=yesterday', 'dev-leader');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('ISO 8601');
  }, 30_000);

  it('refuses what the catalogue makes wrong, naming it, and the whole batch with it', async () => {
    const hub = await h.start();
    const cases: [unknown, string, string][] = [
      [monthly('xyz', 1, NOV), 'events.0.data.id', 'unknown indicator "xyz"'],
      [monthly('cashless-rate', 120, NOV), 'events.0.data.value', 'within 0-100'],
      [
        kpi({ id: 'one-stop-dossiers', value: -4, unit: 'count', at: NOV }),
        'events.0.data.value',
        'negative',
      ],
      [monthly('cashless-rate', 50, NOV, { unit: 'count' }), 'events.0.data.unit', 'is in "percent"'],
      [
        monthly('on-time-dossier-rate', 90, NOV, { ward: '99999' }),
        'events.0.data.ward',
        'unknown ward "99999"',
      ],
      [
        kpi({
          id: 'cashless-rate',
          value: 50,
          unit: 'percent',
          at: NOV,
          period: { kind: 'day', start: NOV },
        }),
        'events.0.data.period.kind',
        'per month, not per day',
      ],
    ];
    for (const [event, path, message] of cases) {
      const res = await h.ingest(hub, [event, monthly('cashless-rate', 50, NOV)]);
      expect(res.status, path).toBe(400);
      expect(res.body.issues).toEqual([{ index: 0, path, message: expect.stringContaining(message) }]);
    }
    expect(hub.seq).toBe(0);

    const unknown = await h.get<{ error: string }>(hub, '/api/kpis/xyz/history', 'dev-leader');
    expect(unknown).toEqual({ status: 404, body: { error: 'unknown indicator "xyz"' } });
    for (const query of [
      'from=yesterday',
      `to=${NOV}&from=2026-12-01T00:00:00Z`,
      'ward=99999',
      'period=week',
    ]) {
      const bad = await h.get<{ error: string }>(
        hub,
        `/api/kpis/cashless-rate/history?${query}`,
        'dev-leader',
      );
      expect(bad.status, query).toBe(400);
    }
    expect((await h.get(hub, '/api/kpis')).status).toBe(401);
    expect((await h.get(hub, '/api/kpis', 'dev-producer')).status).toBe(403);
  });

  it("hears heartbeats and events as their systems' data, without putting heartbeats in the log", async () => {
    const hub = await h.start();
    const systems = async () =>
      (await h.get<{ systems: SystemStatus[] }>(hub, '/api/systems', 'dev-guest')).body.systems;
    expect((await systems()).every((s) => s.status === 'silent' && s.lastAt === null)).toBe(true);

    const res = await h.ingest(hub, [
      { type: 'system.heartbeat', data: { system: 'statistics', at: NOV } },
      monthly('online-services-rate', 93, NOV),
    ]);
    expect(res).toMatchObject({ status: 202, body: { seqs: [null, 1] } });
    expect(hub.seq).toBe(1);
    const bySystem = new Map((await systems()).map((s) => [s.system, s]));
    expect(bySystem.get('statistics')?.status).toBe('connected');
    expect(bySystem.get('public-services')?.status).toBe('connected');
    expect(bySystem.get('public-services')?.lastAt).not.toBeNull();
    expect(bySystem.get('cameras')?.status).toBe('silent');

    const bad = await h.ingest(hub, [{ type: 'system.heartbeat', data: { system: 'weather', at: NOV } }]);
    expect(bad.status).toBe(400);
    const snap = await h.get<{ systems: SystemStatus[] }>(hub, '/api/snapshot', 'dev-guest');
    expect(snap.body.systems?.find((s) => s.system === 'statistics')?.status).toBe('connected');
  });
});
