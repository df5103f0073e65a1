import { describe, expect, it } from 'vitest';
import { kpiDefinition, type KpiDefinition, type KpiPeriodKind } from '../../shared/city/kpiCatalogue';
import {
  kpiFigure,
  periodValues,
  sparklinePoints,
  targetOver,
  trendPoints,
  valueOver,
  wardFigures,
} from './figures';
import type { KpiSample } from '../../shared/protocol/events';

const H = 3_600_000;
const city = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 7 * H;
const def = (id: string): KpiDefinition => kpiDefinition(id)!;

function sample(
  id: string,
  kind: KpiPeriodKind,
  start: number,
  value: number,
  extra: Partial<KpiSample> = {},
) {
  return {
    id,
    value,
    period: { kind, start: new Date(start).toISOString() },
    at: new Date(start + H).toISOString(),
    ...extra,
  } satisfies KpiSample;
}

/** Daily samples from a city date on, one value per day. */
const days = (
  id: string,
  y: number,
  m: number,
  d: number,
  values: number[],
  extra: Partial<KpiSample> = {},
) => values.map((v, i) => sample(id, 'day', city(y, m, d + i), v, extra));

const DOSSIERS = def('one-stop-dossiers'); // count, 9000 a month, higher is better
const ONTIME = def('on-time-dossier-rate'); // percent, 98, monthly
const ALARMS = def('fire-alarms'); // count, 3 a day, lower is better

describe('values over a range', () => {
  it('keeps the latest sample of each period and the wanted ward only', () => {
    const start = city(2026, 5, 1);
    const samples = [
      sample('one-stop-dossiers', 'month', start, 100, { at: '2026-05-03T00:00:00.000Z' }),
      sample('one-stop-dossiers', 'month', start, 250, { at: '2026-05-09T00:00:00.000Z' }),
      sample('one-stop-dossiers', 'month', start, 180, { at: '2026-05-06T00:00:00.000Z' }),
      sample('one-stop-dossiers', 'month', start, 999, { ward: '19753' }),
      sample('fire-alarms', 'month', start, 7),
    ];
    expect(periodValues(samples, 'one-stop-dossiers').map((v) => v.value)).toEqual([250]);
    expect(periodValues(samples, 'one-stop-dossiers', '19753').map((v) => v.value)).toEqual([999]);
  });

  it('adds counts up, never counting a month and its days twice', () => {
    const values = periodValues(
      [
        sample('one-stop-dossiers', 'month', city(2026, 4, 1), 8000),
        sample('one-stop-dossiers', 'month', city(2026, 5, 1), 3000),
        ...days('one-stop-dossiers', 2026, 5, 1, [300, 280, 310]),
      ],
      'one-stop-dossiers',
    );
    const now = city(2026, 5, 3, 18);
    // this month to date: its days (finest where they cover as much as the month's value)
    expect(valueOver(values, 'count', { from: city(2026, 5, 1), to: now })).toBe(890);
    // two days: those days only, not the month's total
    expect(valueOver(values, 'count', { from: city(2026, 5, 2), to: now })).toBe(590);
    // April and May to date: told by the months, which cover more of it than the three days
    expect(valueOver(values, 'count', { from: city(2026, 4, 1), to: now })).toBe(11_000);
    expect(valueOver(values, 'count', { from: city(2026, 3, 1), to: city(2026, 4, 1) })).toBeNull();
    // A stock (users, teams) is its latest value over any range, not a sum.
    expect(valueOver(values, 'count', { from: city(2026, 4, 1), to: now }, true)).toBe(3000);
    expect(valueOver(values, 'count', { from: city(2026, 5, 1), to: now }, true)).toBe(310);
  });

  it('takes the mean of a share and the latest of a growth', () => {
    const rates = periodValues(
      [90, 96, 99].map((v, i) => sample('on-time-dossier-rate', 'month', city(2026, 1 + i, 1), v)),
      'on-time-dossier-rate',
    );
    expect(valueOver(rates, 'percent', { from: city(2026, 1, 1), to: city(2026, 3, 20) })).toBe(95);
    const growth = periodValues(
      [6.5, 7.2].map((v, i) => sample('grdp-growth', 'quarter', city(2026, 1 + 3 * i, 1), v)),
      'grdp-growth',
    );
    expect(valueOver(growth, 'growth-percent', { from: city(2026, 1, 1), to: city(2026, 5, 1) })).toBe(7.2);
  });
});

describe("an indicator's own period and periods in progress", () => {
  const now = city(2026, 5, 3, 18);
  // The seeded history's days of a monthly indicator, and its month to date as its producer sends it live.
  const values = periodValues(
    [
      ...days('one-stop-dossiers', 2026, 5, 1, [300, 280, 250]),
      sample('one-stop-dossiers', 'month', city(2026, 5, 1), 1000, { at: new Date(now - H).toISOString() }),
      sample('one-stop-dossiers', 'month', city(2026, 4, 1), 9000, {
        at: new Date(city(2026, 5, 1) - 1).toISOString(),
      }),
    ],
    'one-stop-dossiers',
  );

  it("tells a range by the indicator's own period when it covers as much as the finer one", () => {
    expect(valueOver(values, 'count', { from: city(2026, 5, 1), to: now }, false, 'month')).toBe(1000);
    expect(valueOver(values, 'count', { from: city(2026, 5, 1), to: now })).toBe(830);
    // a daily indicator's days to today tell this month, not a month value seeded at the start
    const daily = periodValues(
      [
        ...days('fire-alarms', 2026, 5, 1, [2, 4, 1]),
        sample('fire-alarms', 'month', city(2026, 5, 1), 3, {
          at: new Date(city(2026, 5, 1) + H).toISOString(),
        }),
      ],
      'fire-alarms',
    );
    expect(valueOver(daily, 'count', { from: city(2026, 5, 1), to: now }, false, 'day')).toBe(7);
  });

  it('does not let a month to date, taken later, stand for one of its days; a finished month shares out', () => {
    const firstDay = { from: city(2026, 5, 1), to: city(2026, 5, 2) };
    expect(valueOver(values, 'count', firstDay, false, 'month')).toBe(300);
    // nor a finished month for its first half: there the days tell, or nothing does
    // April's value shares out over the part of April a range ends in: March's days and half of April
    const spring = periodValues(
      [
        sample('one-stop-dossiers', 'month', city(2026, 3, 1), 8000, {
          at: new Date(city(2026, 4, 1) - 1).toISOString(),
        }),
        sample('one-stop-dossiers', 'month', city(2026, 4, 1), 9000, {
          at: new Date(city(2026, 5, 1) - 1).toISOString(),
        }),
      ],
      'one-stop-dossiers',
    );
    expect(
      valueOver(spring, 'count', { from: city(2026, 3, 1), to: city(2026, 4, 16) }, false, 'month'),
    ).toBeCloseTo(12_500, 3);
    // a finished month stands for part of itself in proportion: April to the 16th is half of it
    const aprilHalf = { from: city(2026, 4, 1), to: city(2026, 4, 16) };
    expect(valueOver(values, 'count', aprilHalf, false, 'month')).toBeCloseTo(4500, 3);
  });

  it('gives a rate over a range shorter than its period the value of the period it is in', () => {
    const rates = periodValues(
      [sample('on-time-dossier-rate', 'month', city(2026, 5, 1), 97.5)],
      'on-time-dossier-rate',
    );
    const today = { from: city(2026, 5, 3), to: now };
    expect(valueOver(rates, 'percent', today, false, 'month')).toBe(97.5);
    expect(
      valueOver(rates, 'percent', { from: city(2026, 6, 1), to: city(2026, 6, 2) }, false, 'month'),
    ).toBeNull();
  });
});

describe('targets over a range', () => {
  it('holds a rate to its target whatever the range', () => {
    expect(targetOver(ONTIME, { from: city(2026, 5, 1), to: city(2026, 5, 2) })).toBe(98);
  });

  it('scales an additive target to the part of its periods the range covers', () => {
    expect(targetOver(DOSSIERS, { from: city(2026, 5, 1), to: city(2026, 6, 1) })).toBe(9000);
    expect(targetOver(DOSSIERS, { from: city(2026, 5, 1), to: city(2026, 5, 11) })).toBeCloseTo(
      (9000 * 10) / 31,
    );
    expect(targetOver(DOSSIERS, { from: city(2026, 1, 1), to: city(2027, 1, 1) })).toBeCloseTo(108_000);
    // 28 February 2026 and 1 March: half of each month's share, weighed by its own length
    expect(targetOver(DOSSIERS, { from: city(2026, 2, 28), to: city(2026, 3, 2) })).toBeCloseTo(
      9000 / 28 + 9000 / 31,
    );
    expect(targetOver(ALARMS, { from: city(2026, 5, 14), to: city(2026, 5, 21) })).toBe(21);
  });
});

describe('an indicator figure', () => {
  const current = { from: city(2026, 5, 1), to: city(2026, 5, 3, 12) };
  const previous = { from: city(2026, 4, 1), to: city(2026, 4, 3, 12) };

  it('gives the value, target, change and whether it is below target', () => {
    const values = periodValues(
      [
        ...days('one-stop-dossiers', 2026, 4, 1, [200, 200, 100]),
        ...days('one-stop-dossiers', 2026, 5, 1, [300, 300, 150]),
      ],
      'one-stop-dossiers',
    );
    const f = kpiFigure(values, DOSSIERS, current, previous);
    expect(f.value).toBe(750);
    expect(f.previous).toBe(500);
    expect(f.change).toEqual({ absolute: 250, relative: 0.5, better: true });
    expect(f.target).toBeCloseTo((9000 * 2.5) / 31);
    expect(f.belowTarget).toBe(false);
  });

  it('marks a lower-is-better indicator below target when it is over it, and a rise as worse', () => {
    const values = periodValues(
      [...days('fire-alarms', 2026, 4, 1, [1, 1, 0]), ...days('fire-alarms', 2026, 5, 1, [4, 4, 2])],
      'fire-alarms',
    );
    const f = kpiFigure(values, ALARMS, current, previous);
    expect(f.value).toBe(10);
    expect(f.target).toBe(7.5);
    expect(f.belowTarget).toBe(true);
    expect(f.change).toEqual({ absolute: 8, relative: 4, better: false });
  });

  it('has no change without previous data, and no relative change from zero', () => {
    const only = periodValues(days('fire-alarms', 2026, 5, 1, [1, 1, 1]), 'fire-alarms');
    expect(kpiFigure(only, ALARMS, current, previous).change).toBeNull();
    const fromZero = periodValues(
      [...days('fire-alarms', 2026, 4, 1, [0, 0, 0]), ...days('fire-alarms', 2026, 5, 1, [1, 1, 1])],
      'fire-alarms',
    );
    expect(kpiFigure(fromZero, ALARMS, current, previous).change).toEqual({
      absolute: 3,
      relative: null,
      better: false,
    });
    const none = kpiFigure([], ALARMS, current, previous);
    expect(none.value).toBeNull();
    expect(none.belowTarget).toBeNull();
  });
});

describe('trend and ward figures', () => {
  it('buckets a range by day with each day its target, empty days as null', () => {
    const values = periodValues(days('one-stop-dossiers', 2026, 5, 1, [300, 280]), 'one-stop-dossiers');
    const points = trendPoints(values, DOSSIERS, { from: city(2026, 5, 1), to: city(2026, 5, 3, 12) }, 'day');
    expect(points.map((p) => p.value)).toEqual([300, 280, null]);
    expect(points[0]!.target).toBeCloseTo(9000 / 31);
    expect(points[2]!.target).toBeCloseTo(9000 / 31 / 2);
    expect(sparklinePoints(points)).toEqual([
      [city(2026, 5, 1), 300],
      [city(2026, 5, 2), 280],
    ]);
    // a count's sparkline leaves out the bucket in progress; a share's keeps it
    const today = [...points.slice(0, 2), { start: city(2026, 5, 3), value: 40, target: 145 }];
    expect(sparklinePoints(today, DOSSIERS).map(([, v]) => v)).toEqual([300, 280]);
    expect(sparklinePoints(today, ONTIME).map(([, v]) => v)).toEqual([300, 280, 40]);
  });

  it('gives each ward its own figure', () => {
    const samples = [
      ...days('fire-alarms', 2026, 5, 1, [1, 2], { ward: 'A' }),
      ...days('fire-alarms', 2026, 5, 1, [5, 5], { ward: 'B' }),
      ...days('fire-alarms', 2026, 5, 1, [9, 9]),
    ];
    const wards = wardFigures(samples, ALARMS, { from: city(2026, 5, 1), to: city(2026, 5, 3) });
    expect(wards.sort((a, b) => a.ward.localeCompare(b.ward))).toEqual([
      { ward: 'A', value: 3 },
      { ward: 'B', value: 10 },
    ]);
  });
});
