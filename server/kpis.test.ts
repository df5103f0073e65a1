import { describe, expect, it } from 'vitest';
import type { Kpi } from '../src/shared/protocol/events';
import { catalogueWithLatest, kpiProblems, MemoryKpiArchive, sampleOf } from './kpis';
import { monthsBefore } from '../src/shared/city/periods';

const NOV = '2026-10-31T17:00:00.000Z';
const value = (over: Partial<Kpi> = {}): Kpi => ({
  id: 'cashless-rate',
  value: 67,
  unit: 'percent',
  at: '2026-11-23T10:00:00.000Z',
  ...over,
});
const messages = (k: Kpi) => kpiProblems(k).map((p) => `${p.path}: ${p.message}`);

describe('a kpi.updated against the catalogue', () => {
  it('takes an indicator of the catalogue, for the city or a ward, with or without its period', () => {
    expect(messages(value())).toEqual([]);
    expect(messages(value({ period: { kind: 'month', start: NOV } }))).toEqual([]);
    expect(messages(value({ id: 'one-stop-dossiers', unit: 'count', value: 300, ward: '19753' }))).toEqual(
      [],
    );
  });

  it('names an unknown indicator, a unit or period kind not its own, and an impossible value', () => {
    expect(messages(value({ id: 'xyz' }))).toEqual(['id: unknown indicator "xyz"']);
    expect(messages(value({ unit: 'count' }))).toEqual([
      'unit: indicator "cashless-rate" is in "percent", not "count"',
    ]);
    expect(messages(value({ value: 100.5 }))).toEqual([
      'value: indicator "cashless-rate": a percentage must be within 0-100, got 100.5',
    ]);
    expect(messages(value({ id: 'bike-trips', unit: 'count', value: -1 }))).toEqual([
      'value: indicator "bike-trips": a count value cannot be negative, got -1',
    ]);
    expect(messages(value({ period: { kind: 'day', start: NOV } }))).toEqual([
      'period.kind: indicator "cashless-rate" is reported per month, not per day',
    ]);
  });

  it('refuses a ward outside the city, a ward for a city-only indicator, and a start inside a period', () => {
    expect(messages(value({ id: 'one-stop-dossiers', unit: 'count', ward: '00001' }))).toEqual([
      'ward: unknown ward "00001"',
    ]);
    expect(messages(value({ ward: '19753' }))).toEqual([
      'ward: indicator "cashless-rate" has no values per ward',
    ]);
    // Midnight UTC on 1 November is 07:00 in Huế: the month began seven hours before.
    expect(messages(value({ period: { kind: 'month', start: '2026-11-01T00:00:00Z' } }))).toEqual([
      'period.start: not the start of a month in city time (UTC+7): that month starts at 2026-10-31T17:00:00.000Z',
    ]);
  });

  it('reads GRDP growth sent in percent (protocol 2) as growth, within ±100', () => {
    const grdp = value({ id: 'grdp-growth', value: -3.1 });
    expect(messages(grdp)).toEqual([]);
    expect(messages({ ...grdp, unit: 'growth-percent', value: -130 })).toHaveLength(1);
  });
});

describe('periods in city time', () => {
  // The cuts themselves are src/shared/city/periods.ts's, tested there.
  it('steps back whole months in Huế time, for the history’s default range', () => {
    expect(new Date(monthsBefore(Date.parse('2026-11-23T10:00:00Z'), 24)).toISOString()).toBe(
      '2024-10-31T17:00:00.000Z',
    );
  });

  it('gives a value without a period the indicator’s own period containing its time', () => {
    expect(sampleOf(value())?.period).toEqual({ kind: 'month', start: NOV });
    expect(sampleOf(value({ id: 'xyz' }))).toBeNull();
  });
});

describe('the indicators in memory', () => {
  it('keeps the newest value of a period, and lists the latest of each indicator by city and ward', async () => {
    const archive = new MemoryKpiArchive();
    const oct = { kind: 'month' as const, start: '2026-09-30T17:00:00.000Z' };
    const nov = { kind: 'month' as const, start: NOV };
    const at = '2026-11-23T10:00:00.000Z';
    await archive.add([
      { id: 'on-time-dossier-rate', value: 97, period: oct, at },
      { id: 'on-time-dossier-rate', value: 98, period: nov, at },
      { id: 'on-time-dossier-rate', value: 99, period: nov, at },
      { id: 'on-time-dossier-rate', value: 90, period: nov, at, ward: '19774' },
      // A daily sample of a monthly indicator is history, not its latest value.
      {
        id: 'on-time-dossier-rate',
        value: 10,
        period: { kind: 'day', start: '2026-11-22T17:00:00.000Z' },
        at,
      },
    ]);
    const all = await archive.history({
      id: 'on-time-dossier-rate',
      from: 0,
      to: Date.parse(NOV),
      ward: null,
    });
    expect(all.map((s) => s.value)).toEqual([97, 99]);
    const listed = catalogueWithLatest(await archive.latest()).find((k) => k.id === 'on-time-dossier-rate');
    expect(listed?.latest).toEqual({ value: 99, period: nov, at });
    expect(listed?.wards).toEqual([{ value: 90, period: nov, at, ward: '19774' }]);
  });
});
