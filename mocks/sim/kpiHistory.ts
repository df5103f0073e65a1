// The indicators' seeded past, clearly simulated: the last 30 days day by day and the last 24 months
// month by month (and, for an indicator counted by quarter or year, those quarters and years), for
// the city and, where the catalogue says so, for each of the 40 wards. A ward's count is its share of
// the city's (they add up exactly); a ward's rate strays a little from the city's, some below target.
import {
  HUE_KPIS,
  type KpiDefinition,
  type KpiPeriodKind,
  type KpiUnit,
} from '../../src/shared/city/kpiCatalogue';
import { nextPeriodStart, periodStart } from '../../src/shared/city/periods';
import { HUE_WARDS } from '../../src/shared/city/wards';
import { indicatorModel, roundFor, type IndicatorModel } from './indicatorModels';
import type { Rng } from './rng';
import { DAY_MS } from './sun';
import type { KpiSample } from '../../src/shared/protocol/events';

export const HISTORY_DAYS = 30;
export const HISTORY_MONTHS = 24;

/** Where an indicator stands at the end of its history: what its live values go on from. */
export interface IndicatorState {
  def: KpiDefinition;
  model: IndicatorModel;
  /** the start of the indicator's own period in progress */
  periodStart: number;
  /** the city's value for that period */
  city: number;
  /** per-ward indicators: each ward's value for that period, in HUE_WARDS order */
  wards?: number[];
  /** flows: each ward's share of the city's amount (they sum to 1) */
  shares?: number[];
  /** rates: how far each ward's rate sits from the city's */
  offsets?: number[];
}

/** One period's values: the city's and, for a per-ward indicator, each ward's. */
interface PeriodValues {
  start: number;
  end: number;
  city: number;
  wards?: number[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]) => (xs.length ? sum(xs) / xs.length : 0);

/** The bounds of a value in this unit, within which every drawn value is kept. */
function clampFor(unit: KpiUnit, model: IndicatorModel, value: number): number {
  const lo = unit === 'growth-percent' ? -100 : 0;
  const hi =
    unit === 'percent' ? Math.min(100, model.max ?? 100) : unit === 'growth-percent' ? 100 : Infinity;
  return roundFor(unit, Math.min(hi, Math.max(lo, value)));
}

/** A count drawn around `mean`: Poisson for small ones (a ward's two fire alarms), normal for large. */
export function drawCount(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng.next(); p > limit; p *= rng.next()) k++;
  return k;
}

/** An amount drawn around `mean` with a relative spread, in the unit's precision. */
export function drawAmount(rng: Rng, unit: KpiUnit, mean: number, spread: number): number {
  const m = mean * Math.max(0, 1 + spread * rng.normal());
  return unit === 'count' ? drawCount(rng, m) : Math.max(0, roundFor(unit, m));
}

/** The shares (flows) or offsets (rates) that make each ward differ from the city, fixed per seed. */
function wardFactors(rng: Rng, model: IndicatorModel): Pick<IndicatorState, 'shares' | 'offsets'> {
  if (model.shape === 'rate') {
    const spread = model.wardSpread ?? model.noise;
    // Communes (xã) lag the inner wards a little: fewer staff, longer distances.
    return { offsets: HUE_WARDS.map((w) => spread * rng.normal() - (w.type === 'Xã' ? spread / 2 : 0)) };
  }
  const urban = model.urban ?? 1;
  const weights = HUE_WARDS.map(
    (w) => w.population * (w.type === 'Phường' ? urban : 1) * Math.exp(0.3 * rng.normal()),
  );
  const total = sum(weights);
  return { shares: weights.map((x) => x / total) };
}

/** Sums the expected amount of a flow over [from, to), a day at a time. */
function expectedAmount(model: IndicatorModel, from: number, to: number): number {
  let total = 0;
  for (let t = from; t < to; t += DAY_MS) {
    const span = Math.min(DAY_MS, to - t);
    total += model.level(t + span / 2) * (span / DAY_MS);
  }
  return total;
}

class IndicatorHistory {
  private readonly model: IndicatorModel;
  private readonly factors: Pick<IndicatorState, 'shares' | 'offsets'>;

  constructor(
    private readonly rng: Rng,
    private readonly def: KpiDefinition,
    private readonly now: number,
  ) {
    this.model = indicatorModel(def);
    this.factors = def.perWard ? wardFactors(rng, this.model) : {};
  }

  /** A period drawn from the model directly (days, and months before the one in progress). */
  drawn(start: number, end: number, spread: number): PeriodValues {
    const { model, def, rng, factors } = this;
    const to = Math.min(end, this.now);
    if (model.shape === 'stock') {
      const level = Math.max(0, Math.floor(model.level(to)));
      const wards = factors.shares?.map((s) => Math.round(level * s));
      return { start, end, city: wards ? sum(wards) : level, ...(wards ? { wards } : {}) };
    }
    if (model.shape === 'rate') {
      const city = clampFor(def.unit, model, model.level((start + to) / 2) + spread * rng.normal());
      const wards = factors.offsets?.map((o) =>
        clampFor(def.unit, model, city + o + (spread / 2) * rng.normal()),
      );
      return { start, end, city, ...(wards ? { wards } : {}) };
    }
    const amount = expectedAmount(model, start, to);
    if (!factors.shares) return { start, end, city: drawAmount(rng, def.unit, amount, spread) };
    // A city-wide swing (a storm, a holiday) moves every ward together; each ward then varies on its own.
    const common = Math.max(0, 1 + spread * rng.normal());
    const wards = factors.shares.map((s) => drawAmount(rng, def.unit, amount * common * s, spread / 2));
    return { start, end, city: roundFor(def.unit, sum(wards)), wards };
  }

  /** A longer period made of shorter ones already drawn: their sum, mean or last value by shape. */
  combined(start: number, end: number, parts: readonly PeriodValues[]): PeriodValues {
    const inside = parts.filter((p) => p.start >= start && p.start < end);
    const { def, model } = this;
    const pick = (values: number[]): number => {
      if (model.shape === 'flow') return roundFor(def.unit, sum(values));
      if (model.shape === 'stock') return values.at(-1) ?? 0;
      return clampFor(def.unit, model, mean(values));
    };
    const wards = inside[0]?.wards?.map((_, i) => pick(inside.map((p) => p.wards?.[i] ?? 0)));
    const city =
      wards && model.shape !== 'rate' ? roundFor(def.unit, sum(wards)) : pick(inside.map((p) => p.city));
    return { start, end, city, ...(wards ? { wards } : {}) };
  }

  build(): { samples: KpiSample[]; state: IndicatorState } {
    const { now, def, model } = this;
    const thisMonth = periodStart('month', now);
    const firstDay = periodStart('day', now) - (HISTORY_DAYS - 1) * DAY_MS;
    // Days from the start of this month too, when it is further back than the 30 days: its value is their sum.
    const days: PeriodValues[] = [];
    for (let d = Math.min(firstDay, thisMonth); d <= now; d = nextPeriodStart('day', d)) {
      days.push(this.drawn(d, nextPeriodStart('day', d), model.noise));
    }
    const months: PeriodValues[] = [];
    let m = thisMonth;
    for (let i = 1; i < HISTORY_MONTHS; i++) m = periodStart('month', m - 1);
    const firstMonth = m;
    for (; m <= now; m = nextPeriodStart('month', m)) {
      const end = nextPeriodStart('month', m);
      // A month's noise averages over its days: a third of one day's.
      months.push(m === thisMonth ? this.combined(m, end, days) : this.drawn(m, end, model.noise / 3));
    }
    const own: PeriodValues[] = [];
    if (def.period === 'quarter' || def.period === 'year') {
      for (
        let p = nextPeriodStart(def.period, firstMonth - 1);
        p <= now;
        p = nextPeriodStart(def.period, p)
      ) {
        own.push(this.combined(p, nextPeriodStart(def.period, p), months));
      }
    }
    const series: [KpiPeriodKind, PeriodValues[]][] = [
      ['day', days.filter((d) => d.start >= firstDay)],
      ['month', months],
      [def.period, own],
    ];
    const samples = series.flatMap(([kind, values]) => values.flatMap((v) => this.samples(kind, v)));
    const current = (def.period === 'day' ? days : def.period === 'month' ? months : own).at(-1);
    if (!current) throw new Error(`no current period for ${def.id}`);
    return {
      samples,
      state: {
        def,
        model,
        periodStart: current.start,
        city: current.city,
        ...(current.wards ? { wards: current.wards.slice() } : {}),
        ...this.factors,
      },
    };
  }

  private samples(kind: KpiPeriodKind, v: PeriodValues): KpiSample[] {
    const period = { kind, start: new Date(v.start).toISOString() };
    const at = new Date(Math.min(v.end - 1, this.now)).toISOString();
    const base = { id: this.def.id, period, at, simulated: true as const };
    return [
      { ...base, value: v.city },
      ...(v.wards ?? []).map((value, i) => ({ ...base, value, ward: HUE_WARDS[i]?.code ?? '' })),
    ];
  }
}

/**
 * The history and where each indicator stands at `now`, drawn from `rng` (the same rng state gives
 * the same history). The live simulator goes on from the states.
 */
export function seedIndicators(now: number, rng: Rng): { samples: KpiSample[]; states: IndicatorState[] } {
  const built = HUE_KPIS.map((def) => new IndicatorHistory(rng, def, now).build());
  return { samples: built.flatMap((b) => b.samples), states: built.map((b) => b.state) };
}

/**
 * Every indicator's simulated history up to `now` (epoch ms, city time): for each, 30 daily and 24
 * monthly values (the day and the month in progress last, so far), its quarters or years over those
 * months when it is counted so, and the same per ward for a per-ward indicator. Pure: the same `now`
 * and the same rng state give the same samples.
 */
export function kpiHistory(now: number, rng: Rng): KpiSample[] {
  return seedIndicators(now, rng).samples;
}
