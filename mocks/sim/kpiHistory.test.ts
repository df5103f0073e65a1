import { describe, expect, it } from 'vitest';
import { HUE_KPIS, kpiDefinition, kpiValueProblem } from '../../src/shared/city/kpiCatalogue';
import { nextPeriodStart, periodStart } from '../../src/shared/city/periods';
import { HUE_WARDS } from '../../src/shared/city/wards';
import { createCitySim, DEFAULT_START } from './city';
import type { KpiSample } from '../../src/shared/protocol/events';
import { HISTORY_DAYS, HISTORY_MONTHS, kpiHistory } from './kpiHistory';
import { streamRng, STREAMS } from './rng';

const NOW = DEFAULT_START;
const history = kpiHistory(NOW, streamRng(1, STREAMS.kpiHistory));

const of = (id: string, kind: string, ward?: string) =>
  history.filter((s) => s.id === id && s.period.kind === kind && s.ward === ward);
/** Month (0-11, city time) of a sample's period. */
const monthOf = (s: KpiSample) => new Date(Date.parse(s.period.start) + 7 * 3_600_000).getUTCMonth();
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the simulated indicator history', () => {
  it('has 30 days and 24 months of every indicator, and its own quarters or years, ending now', () => {
    for (const k of HUE_KPIS) {
      const places = k.perWard ? [undefined, ...HUE_WARDS.map((w) => w.code)] : [undefined];
      for (const ward of places) {
        const days = of(k.id, 'day', ward);
        const months = of(k.id, 'month', ward);
        expect(days, k.id).toHaveLength(HISTORY_DAYS);
        expect(months, k.id).toHaveLength(HISTORY_MONTHS);
        // Contiguous, and the last is the period in progress.
        for (const [kind, list] of [
          ['day', days],
          ['month', months],
        ] as const) {
          const starts = list.map((s) => Date.parse(s.period.start));
          expect(starts.at(-1), k.id).toBe(periodStart(kind, NOW));
          for (let i = 1; i < starts.length; i++)
            expect(starts[i]).toBe(nextPeriodStart(kind, starts[i - 1]!));
        }
        if (k.period === 'quarter') expect(of(k.id, 'quarter', ward), k.id).toHaveLength(8);
        if (k.period === 'year') expect(of(k.id, 'year', ward), k.id).toHaveLength(2);
      }
    }
    const perWard = HUE_KPIS.filter((k) => k.perWard).length;
    const ownExtra = HUE_KPIS.reduce(
      (n, k) => n + (k.period === 'quarter' ? 8 : k.period === 'year' ? 2 : 0),
      0,
    );
    expect(history).toHaveLength((HUE_KPIS.length + perWard * HUE_WARDS.length) * 54 + ownExtra);
  });

  it('marks every sample simulated, dates it within its period, and holds no impossible value', () => {
    const wards = new Set(HUE_WARDS.map((w) => w.code));
    for (const s of history) {
      const def = kpiDefinition(s.id)!;
      expect(kpiValueProblem(def.unit, s.value), `${s.id} ${s.period.start}`).toBeNull();
      expect(s.simulated).toBe(true);
      if (s.ward !== undefined) expect(wards.has(s.ward) && def.perWard).toBe(true);
      const at = Date.parse(s.at);
      expect(at).toBeLessThanOrEqual(NOW);
      expect(periodStart(s.period.kind, at)).toBe(Date.parse(s.period.start));
    }
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(kpiHistory(NOW, streamRng(1, STREAMS.kpiHistory))).toEqual(history);
    const other = kpiHistory(NOW, streamRng(2, STREAMS.kpiHistory));
    expect(other.map((s) => s.value)).not.toEqual(history.map((s) => s.value));
  });

  it('adds the wards up to the city for counts, and spreads rates around it, some wards below target', () => {
    for (const k of HUE_KPIS.filter((d) => d.perWard)) {
      for (const city of history.filter((s) => s.id === k.id && s.ward === undefined)) {
        const wards = history.filter(
          (s) =>
            s.id === k.id &&
            s.ward !== undefined &&
            s.period.kind === city.period.kind &&
            s.period.start === city.period.start,
        );
        expect(wards).toHaveLength(HUE_WARDS.length);
        const values = wards.map((w) => w.value);
        if (k.unit === 'percent') {
          expect(Math.min(...values)).toBeLessThan(city.value + 0.01);
          expect(Math.max(...values)).toBeGreaterThan(city.value - 0.01);
        } else {
          expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(city.value, 1);
        }
      }
    }
    const lastMonth = of('on-time-dossier-rate', 'month').at(-2)!.period.start;
    const wardRates = history.filter(
      (s) =>
        s.id === 'on-time-dossier-rate' &&
        s.ward &&
        s.period.kind === 'month' &&
        s.period.start === lastMonth,
    );
    const below = wardRates.filter((s) => s.value < kpiDefinition('on-time-dossier-rate')!.target).length;
    expect(below).toBeGreaterThan(3);
    expect(below).toBeLessThan(wardRates.length - 3);
  });

  it('has the seasons in it: summer and Tết tourists, flood-season reports, long-night lighting savings', () => {
    // The month in progress is partial: only whole months compare.
    const whole = (id: string) => of(id, 'month').slice(0, -1);
    const inMonths = (id: string, months: number[]) =>
      mean(
        whole(id)
          .filter((s) => months.includes(monthOf(s)))
          .map((s) => s.value),
      );
    expect(inMonths('tourist-arrivals', [5, 6, 7])).toBeGreaterThan(
      1.5 * inMonths('tourist-arrivals', [9, 10]),
    );
    expect(inMonths('reports-received', [9, 10])).toBeGreaterThan(
      1.3 * inMonths('reports-received', [2, 3, 4, 5]),
    );
    expect(inMonths('lighting-energy-saved', [11, 0])).toBeGreaterThan(
      1.1 * inMonths('lighting-energy-saved', [5, 6]),
    );
    // A slow trend: this year's online-services rate above last year's.
    const rate = whole('online-services-rate').map((s) => s.value);
    expect(mean(rate.slice(-6))).toBeGreaterThan(mean(rate.slice(0, 6)) + 1);
  });

  it('is where the live simulator starts: the state holds the month in progress of the history', () => {
    const sim = createCitySim({ seed: 1, lamps: 0 });
    expect(sim.kpiHistory(sim.now)).toEqual(history);
    const live = new Map(sim.state().kpis.map((k) => [k.id, k.value]));
    for (const k of HUE_KPIS) {
      const current = history.filter((s) => s.id === k.id && !s.ward && s.period.kind === k.period).at(-1)!;
      expect(live.get(k.id), k.id).toBe(current.value);
    }
  });
});
