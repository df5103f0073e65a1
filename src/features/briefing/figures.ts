import type { KpiDefinition, KpiPeriodKind, KpiUnit } from '../../shared/city/kpiCatalogue';
import { nextPeriodStart, periodStart } from '../../shared/city/periods';
import { bucketsOf, type TimeRange } from './periods';
import type { KpiSample } from '../../shared/protocol/events';

/** One period's value: the latest sample of that period (later samples of a period revise it). */
export interface PeriodValue {
  kind: KpiPeriodKind;
  start: number;
  end: number;
  value: number;
  /** when its latest sample was taken: a period in progress (a month to date) holds until then */
  at: number;
}

/** Units whose values add up over time: a month's count is its days' counts together. */
const ADDITIVE: ReadonlySet<KpiUnit> = new Set(['count', 'billion-vnd', 'mwh']);
export const isAdditive = (unit: KpiUnit) => ADDITIVE.has(unit);

/** Finest first: when two granularities cover a range as well, the finer one is the truer figure. */
const KINDS: readonly KpiPeriodKind[] = ['day', 'month', 'quarter', 'year'];

/**
 * The values of one indicator, for the city (no `ward`) or one ward, one per period, sorted by period
 * start. Done once per indicator so that every range after it reads a short list.
 */
export function periodValues(samples: readonly KpiSample[], id: string, ward?: string): PeriodValue[] {
  const latest = new Map<string, { at: number; value: PeriodValue }>();
  for (const s of samples) {
    if (s.id !== id || s.ward !== ward) continue;
    const key = `${s.period.kind}|${s.period.start}`;
    const at = Date.parse(s.at);
    const seen = latest.get(key);
    if (seen && seen.at > at) continue;
    const start = Date.parse(s.period.start);
    latest.set(key, {
      at,
      value: { kind: s.period.kind, start, end: nextPeriodStart(s.period.kind, start), value: s.value, at },
    });
  }
  return [...latest.values()].map((v) => v.value).sort((a, b) => a.start - b.start);
}

/**
 * The periods that tell a range's figure: of one granularity only (a month's value and its days'
 * values say the same thing twice), those starting within the range, at the granularity covering most
 * of it. Daily history reaches 30 days back and monthly 24 months: a year is told by its months, a
 * week by its days. Where the indicator's own period covers as much as the best, it wins: its producer
 * reports it live (a month to date), while the other granularity is the seeded history's.
 */
function periodsWithin(values: readonly PeriodValue[], range: TimeRange, own?: KpiPeriodKind): PeriodValue[] {
  const length = range.to - range.from;
  if (length <= 0) return [];
  let best: PeriodValue[] = [];
  let bestCover = 0;
  let ownWithin: PeriodValue[] = [];
  let ownCover = 0;
  for (const kind of KINDS) {
    const within = values.filter(
      (v) => v.kind === kind && v.start >= range.from && v.start < range.to && spanEnd(v) <= range.to,
    );
    let cover = 0;
    for (const v of within) cover += Math.min(v.end, range.to) - v.start;
    if (kind === own) {
      ownWithin = within;
      ownCover = cover;
    }
    if (cover > bestCover) {
      best = within;
      bestCover = cover;
    }
  }
  return ownCover > 0 && ownCover >= bestCover ? ownWithin : best;
}

/**
 * Where a period's value stops telling: its end, or for a period still in progress when it was
 * measured, that moment. A month's value taken on the 3rd tells the 1st to the 3rd, so it fits this
 * month to date but not the 1st alone; a month's final value does not fit that month's first half.
 */
const spanEnd = (v: PeriodValue) => Math.min(v.end, v.at);

/** The latest value of the period the range begins in, the indicator's own kind first. */
function periodAround(
  values: readonly PeriodValue[],
  range: TimeRange,
  own?: KpiPeriodKind,
): PeriodValue | null {
  let found: PeriodValue | null = null;
  for (const v of values) {
    if (v.start > range.from || v.end <= range.from) continue;
    if (!found || (v.kind === own && found.kind !== own) || (v.kind === found.kind && v.start > found.start))
      found = v;
  }
  return found;
}

/**
 * The part of a range's last period that falls within it, for a count: last quarter to the same day
 * ends inside August, whose value the history holds only whole; August counts in proportion. 0 when
 * the range ends on a period's edge or the period is still in progress (it then fits whole).
 */
function trailingShare(values: readonly PeriodValue[], kind: KpiPeriodKind, range: TimeRange): number {
  for (const v of values) {
    if (v.kind !== kind || v.start < range.from || v.start >= range.to) continue;
    const end = spanEnd(v);
    if (end > range.to) return (v.value * (range.to - v.start)) / (end - v.start);
  }
  return 0;
}

/**
 * An indicator's figure over a range, or null without data there. Counts, billions and MWh add up.
 * A share (percent) is the mean of its periods' values: with no denominators in the history, each
 * period weighs the same. A growth (GRDP) is already cumulative, so the latest period's value stands,
 * as does a stock's. A share, growth or stock over a range shorter than its period (a monthly rate
 * today) is the value of the period the range is in; a count is its value in proportion.
 */
export function valueOver(
  values: readonly PeriodValue[],
  unit: KpiUnit,
  range: TimeRange,
  stock = false,
  own?: KpiPeriodKind,
): number | null {
  const within = periodsWithin(values, range, own);
  if (within.length === 0) {
    const around = periodAround(values, range, own);
    if (!around) return null;
    if (!isAdditive(unit) || stock) return around.value;
    // A count over part of a period it lies in (last month to the same day, whose days the history no
    // longer holds): that period's value in proportion, as its target is (targetOver). An estimate,
    // and only where the value was measured past the range's end.
    const end = spanEnd(around);
    if (end < range.to || end <= around.start) return null;
    return (around.value * (range.to - Math.max(range.from, around.start))) / (end - around.start);
  }
  // A level (users, teams) is what it was last, whatever the range.
  if (stock) return within[within.length - 1]!.value;
  if (isAdditive(unit))
    return within.reduce((sum, v) => sum + v.value, 0) + trailingShare(values, within[0]!.kind, range);
  if (unit === 'growth-percent') return within[within.length - 1]!.value;
  return within.reduce((sum, v) => sum + v.value, 0) / within.length;
}

/** How many of `kind`'s periods a range spans, counting a partial one by the part it covers. */
function periodsSpanned(kind: KpiPeriodKind, range: TimeRange): number {
  let total = 0;
  for (let t = periodStart(kind, range.from); t < range.to;) {
    const next = nextPeriodStart(kind, t);
    total += (Math.min(next, range.to) - Math.max(t, range.from)) / (next - t);
    t = next;
  }
  return total;
}

/**
 * The target over a range. A rate's target holds for any range; an additive target is per period, so
 * it is scaled to the part of its periods the range covers: this month to the 10th of 31 days is held
 * to 10/31 of the month's target, as the figure it is set against counts those days only.
 */
export function targetOver(def: KpiDefinition, range: TimeRange): number {
  return isAdditive(def.unit) && !def.stock ? def.target * periodsSpanned(def.period, range) : def.target;
}

/** Worse than the target: under it when higher is better, over it when lower is. */
export function isBelowTarget(def: KpiDefinition, value: number, target: number): boolean {
  return def.higherIsBetter ? value < target : value > target;
}

export interface KpiChange {
  absolute: number;
  /** against the previous figure (0.1 is +10 %); null when that was 0 */
  relative: number | null;
  /** whether the change goes the way the city wants (up when higher is better); false when flat */
  better: boolean;
}

export interface KpiFigure {
  value: number | null;
  target: number;
  previous: number | null;
  /** null when either range has no data */
  change: KpiChange | null;
  /** null without a value */
  belowTarget: boolean | null;
}

/** An indicator's headline for a range: its figure, target, change against the previous range. */
export function kpiFigure(
  values: readonly PeriodValue[],
  def: KpiDefinition,
  current: TimeRange,
  previous: TimeRange,
): KpiFigure {
  const value = valueOver(values, def.unit, current, def.stock, def.period);
  const before = valueOver(values, def.unit, previous, def.stock, def.period);
  const target = targetOver(def, current);
  let change: KpiChange | null = null;
  if (value !== null && before !== null) {
    const absolute = value - before;
    change = {
      absolute,
      relative: before === 0 ? null : absolute / Math.abs(before),
      better: def.higherIsBetter ? absolute > 0 : absolute < 0,
    };
  }
  return {
    value,
    target,
    previous: before,
    change,
    belowTarget: value === null ? null : isBelowTarget(def, value, target),
  };
}

export interface TrendPoint {
  /** the bucket's start, UTC epoch ms */
  start: number;
  value: number | null;
  target: number;
}

/**
 * An indicator over a range in buckets of `kind` (days or months), each with its own figure and
 * target. The last bucket ends at the range's end: a month to date against a month-to-date target.
 */
export function trendPoints(
  values: readonly PeriodValue[],
  def: KpiDefinition,
  range: TimeRange,
  kind: 'day' | 'month',
): TrendPoint[] {
  return bucketsOf(range, kind).map((b) => ({
    start: b.start,
    value: valueOver(values, def.unit, b.range, def.stock, def.period),
    target: targetOver(def, b.range),
  }));
}

/**
 * A sparkline's points: the buckets that have a value, as [start, value]. A count's last bucket is
 * the period in progress (this month to date): beside its finished neighbours it would read as a fall
 * from across the room, so a count's sparkline ends at its last finished period (the tile's figure
 * says where the period in progress stands).
 */
export function sparklinePoints(points: readonly TrendPoint[], def?: KpiDefinition): [number, number][] {
  const shown = def && isAdditive(def.unit) && !def.stock ? points.slice(0, -1) : points;
  const out: [number, number][] = [];
  for (const p of shown) if (p.value !== null) out.push([p.start, p.value]);
  return out;
}

export interface WardFigure {
  ward: string;
  value: number | null;
}

/** Every ward's figure for an indicator over a range, for the wards the samples name. */
export function wardFigures(
  samples: readonly KpiSample[],
  def: KpiDefinition,
  range: TimeRange,
): WardFigure[] {
  const byWard = new Map<string, KpiSample[]>();
  for (const s of samples) {
    if (s.id !== def.id || !s.ward) continue;
    const list = byWard.get(s.ward);
    if (list) list.push(s);
    else byWard.set(s.ward, [s]);
  }
  return [...byWard].map(([ward, own]) => ({
    ward,
    value: valueOver(periodValues(own, def.id, ward), def.unit, range, def.stock, def.period),
  }));
}
