// How each indicator of the catalogue behaves over the year: its expected level at any instant, with
// Huế's seasons in it (tourism peaks in summer and at Tết, the October-November floods raise citizen
// reports, long winter nights save more lighting energy) and a slow trend toward its target. The
// seeded history and the live values both draw around these levels, so the two join without a jump.
import type { KpiDefinition } from '../../src/shared/city/kpiCatalogue';
import { DAY_MS, UTC_OFFSET_MS } from './sun';

/**
 * - flow: an amount per day (reports, arrivals, revenue, energy): a period's value is its days' sum;
 * - stock: how many there are (teams, members): a period's value is the count at its end;
 * - rate: a share or a growth: a period's value is its level then.
 */
export type Shape = 'flow' | 'stock' | 'rate';

export interface IndicatorModel {
  shape: Shape;
  /** flow: the expected amount per day at t; stock and rate: the expected level at t */
  level(t: number): number;
  /** one day's spread: relative to the level for a flow, in the unit's points for a rate */
  noise: number;
  /** per ward, flows: how much more an urban ward (phường) has per resident than a commune */
  urban?: number;
  /** per ward, rates: how far a ward's rate strays from the city's (points) */
  wardSpread?: number;
  /** highest possible value (a share that cannot exceed 100) */
  max?: number;
}

/** The models' levels are as given on this day, 23 November 2026 (the simulator's default start). */
export const REFERENCE_TIME = Date.UTC(2026, 10, 23, 3, 0);
const YEAR_MS = 365.25 * DAY_MS;

/** The first day of Tết (lunar new year), local dates: it moves through late January and February. */
const TET = [
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
].map((d) => Date.parse(d) - UTC_OFFSET_MS);

interface LocalDate {
  /** 0-11 */
  month: number;
  /** 0 Sunday - 6 Saturday */
  weekday: number;
  /** day of the year, 0-365 */
  dayOfYear: number;
}

function localDate(t: number): LocalDate {
  const d = new Date(t + UTC_OFFSET_MS);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    month: d.getUTCMonth(),
    weekday: d.getUTCDay(),
    dayOfYear: Math.floor((t + UTC_OFFSET_MS - yearStart) / DAY_MS),
  };
}

/** 1 on the first day of Tết, fading over the week around it, 0 elsewhere. */
function tet(t: number): number {
  let nearest = Infinity;
  for (const day of TET) nearest = Math.min(nearest, Math.abs(t - (day + DAY_MS / 2)) / DAY_MS);
  return nearest > 10 ? 0 : Math.exp(-((nearest / 3.5) ** 2));
}

/** Years since the reference day, negative in the past: what a trend multiplies. */
const years = (t: number) => (t - REFERENCE_TIME) / YEAR_MS;

/** A flow growing (or shrinking) by `perYear` a year: 0.08 is 8 % more each year. */
const growth = (perYear: number) => (t: number) => Math.pow(1 + perYear, years(t));

const weekend = (t: number, factor: number) => {
  const w = localDate(t).weekday;
  return w === 0 || w === 6 ? factor : 1;
};

const byMonth = (factors: readonly number[]) => (t: number) => factors[localDate(t).month] ?? 1;

/** Visitors by month: the Festival in spring, the summer holidays, a quiet rainy season. */
const TOURISM_MONTHS = byMonth([0.95, 1.0, 1.0, 1.15, 1.1, 1.3, 1.35, 1.3, 0.9, 0.7, 0.6, 0.75]);
/** Tết brings families home and visitors to the citadel and the tombs. */
const tourism = (t: number) => TOURISM_MONTHS(t) + 0.9 * tet(t);
/** The October-November floods (and December's tail) bring flooding, fallen trees and potholes. */
const FLOOD_MONTHS = byMonth([1.0, 0.9, 0.9, 0.9, 0.95, 1.0, 1.0, 1.0, 1.05, 1.5, 1.7, 1.15]);
const floodSeason = (t: number) => Math.max(0, FLOOD_MONTHS(t) - 1);
/** Hours of darkness in Huế: about 13 at the December solstice, 11.2 at the June one. */
const nightHours = (t: number) =>
  12 + 0.85 * Math.cos((2 * Math.PI * (localDate(t).dayOfYear - 355)) / 365.25);
/** Offices close at weekends and for Tết. */
const workingDay = (t: number) => weekend(t, 0.08) * (1 - 0.8 * tet(t));

const flow = (perDay: number, shape: (t: number) => number, noise: number, urban = 1): IndicatorModel => ({
  shape: 'flow',
  level: (t) => perDay * shape(t),
  noise,
  urban,
});

/** A rate of `now` on the reference day, moving by `perYear` points a year, with seasonal dips. */
const rate = (
  now: number,
  perYear: number,
  noise: number,
  opts: { dip?: (t: number) => number; wardSpread?: number; max?: number } = {},
): IndicatorModel => ({
  shape: 'rate',
  level: (t) => Math.min(opts.max ?? Infinity, now + perYear * years(t) - (opts.dip?.(t) ?? 0)),
  noise,
  ...(opts.wardSpread !== undefined ? { wardSpread: opts.wardSpread } : {}),
  ...(opts.max !== undefined ? { max: opts.max } : {}),
});

const stock = (now: number, perYear: number): IndicatorModel => ({
  shape: 'stock',
  level: (t) => now + perYear * years(t),
  noise: 0,
});

/** Huế's indicators by id. Plausible magnitudes for a briefing, not official figures. */
export const INDICATOR_MODELS: Readonly<Record<string, IndicatorModel>> = {
  // Levels on the reference day are the wall's figures before issue 13.
  'online-services-rate': rate(91.6, 1.8, 0.6, { max: 100 }),
  'on-time-dossier-rate': rate(98.4, 0.15, 0.6, { wardSpread: 1.1, max: 100 }),
  'online-dossier-share': rate(73, 5, 1.5, { max: 100 }),
  'one-stop-dossiers': flow(400, (t) => workingDay(t) * growth(0.04)(t), 0.12, 1.25),
  'digital-signature-rate': rate(99.3, 0.4, 0.4, { max: 100 }),
  'eid-enrolment': flow(560, (t) => weekend(t, 0.6) * (1 - 0.7 * tet(t)) * growth(0.08)(t), 0.15),
  // Tết is paid in cash: lucky money, markets.
  'cashless-rate': rate(67.4, 3.5, 1.2, { dip: (t) => 3 * tet(t), max: 100 }),
  'hue-s-wallets': flow(125, (t) => weekend(t, 0.8) * growth(0.1)(t), 0.2),
  // Hue-S's registered users: the running total the wall has shown since before the catalogue.
  'hue-s-users': stock(1_183_200, 310 * 365),
  'digital-teams': stock(344, 12),
  'digital-team-members': stock(1510, 45),
  'reports-received': flow(10.3, (t) => FLOOD_MONTHS(t), 0.3, 1.4),
  'reports-handled': flow(10.1, (t) => FLOOD_MONTHS(t), 0.3, 1.4),
  // Floods bury the departments in work: answers are slower in October and November.
  'reports-answered-48h': rate(93.5, 1.5, 2.5, { dip: (t) => 8 * floodSeason(t), wardSpread: 2.5, max: 100 }),
  'citizen-satisfaction': rate(88.5, 1.2, 1.5, { dip: (t) => 4 * floodSeason(t), max: 100 }),
  'tourist-arrivals': flow(14_250, (t) => tourism(t) * growth(0.08)(t), 0.1),
  'digital-museum-visits': flow(1_850, (t) => Math.sqrt(tourism(t)) * growth(0.12)(t), 0.15),
  'bike-trips': flow(1_150, (t) => TOURISM_MONTHS(t) * weekend(t, 1.25) * growth(0.08)(t), 0.12),
  'traffic-violations': flow(165, (t) => (1 + 0.4 * tet(t)) * weekend(t, 1.1) * growth(-0.06)(t), 0.15, 1.6),
  'fire-alarms': flow(
    2.6,
    (t) => byMonth([0.9, 1.1, 1.0, 1.2, 1.3, 1.3, 1.25, 1.1, 0.9, 0.7, 0.7, 0.9])(t) * growth(-0.05)(t),
    0.3,
    1.2,
  ),
  'security-alerts': flow(17, (t) => Math.sqrt(tourism(t)) * (1 + 0.3 * tet(t)), 0.2),
  'e-health-records': rate(84.5, 5, 0.2, { max: 100 }),
  'online-school-enrolment': rate(92, 3, 0.5, { max: 100 }),
  'cyber-incidents': flow(1.5, growth(-0.1), 0.4),
  'cyber-blocked-rate': rate(98.7, 0.3, 0.8, { max: 100 }),
  // The first quarter has Tết's long holiday in it.
  'grdp-growth': rate(8.3, 0.1, 0.5, { dip: (t) => (localDate(t).month < 3 ? 0.6 : 0) }),
  // Collections bunch up at the year's end and thin out around Tết.
  'budget-revenue': flow(
    41.6,
    (t) => byMonth([0.9, 0.75, 0.95, 1.0, 1.0, 1.05, 0.95, 0.95, 1.0, 1.0, 1.05, 1.4])(t) * growth(0.1)(t),
    0.15,
  ),
  // Dimming saves a share of each night's energy: the longer the night, the more it saves.
  'lighting-energy-saved': flow(3.8, (t) => (nightHours(t) / 12) * growth(0.12)(t), 0.08, 1.3),
};

export function indicatorModel(k: KpiDefinition): IndicatorModel {
  const model = INDICATOR_MODELS[k.id];
  if (!model) throw new Error(`no simulator model for indicator ${k.id}`);
  return model;
}

/** Decimals a value keeps: whole counts, percentages to the hundredth, revenue to the 0.1 billion. */
export function roundFor(unit: KpiDefinition['unit'], value: number): number {
  const decimals = unit === 'count' ? 0 : unit === 'billion-vnd' || unit === 'growth-percent' ? 1 : 2;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
