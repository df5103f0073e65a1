// Socio-economic indicators (chỉ tiêu kinh tế - xã hội) with plausible Huế magnitudes. Rates wander
// a little around their level; counts only grow; year-to-date figures restart on 1 January.
import type { KpiId } from '../../src/shared/protocol/codes';
import type { Kpi } from '../../src/shared/protocol/events';
import type { Rng } from './rng';
import { DAY_MS, HOUR_MS, UTC_OFFSET_MS, localMsOfDay } from './sun';

type Unit = Kpi['unit'];

interface LevelModel {
  kind: 'level';
  unit: 'percent';
  level: number;
  /** slow trend per sim day */
  trendPerDay: number;
  noise: number;
  min: number;
  max: number;
}
interface CountModel {
  kind: 'count';
  unit: Unit;
  /** value on REFERENCE_TIME */
  atReference: number;
  perDay: number;
}
interface YearToDateModel {
  kind: 'ytd';
  unit: Unit;
  perYear: number;
}
type KpiModel = LevelModel | CountModel | YearToDateModel;

/** Counts are anchored here (start of the default sim day) and extrapolated linearly from it. */
const REFERENCE_TIME = Date.UTC(2026, 10, 23, 3, 0);

export const KPI_MODELS: Readonly<Partial<Record<KpiId, KpiModel>>> = {
  'online-services-rate': {
    kind: 'level',
    unit: 'percent',
    level: 91.6,
    trendPerDay: 0.004,
    noise: 0.08,
    min: 85,
    max: 97,
  },
  'cashless-rate': {
    kind: 'level',
    unit: 'percent',
    level: 67.4,
    trendPerDay: 0.01,
    noise: 0.06,
    min: 55,
    max: 85,
  },
  'eid-enrolment': { kind: 'count', unit: 'count', atReference: 812_450, perDay: 620 },
  'tourist-arrivals': { kind: 'ytd', unit: 'count', perYear: 5_400_000 },
  'on-time-dossier-rate': {
    kind: 'level',
    unit: 'percent',
    level: 98.4,
    trendPerDay: 0,
    noise: 0.03,
    min: 96,
    max: 99.9,
  },
  'budget-revenue': { kind: 'ytd', unit: 'billion-vnd', perYear: 15_200 },
  'grdp-growth': {
    kind: 'level',
    unit: 'percent',
    level: 8.3,
    trendPerDay: 0,
    noise: 0.005,
    min: 7.5,
    max: 9.2,
  },
  'hue-s-users': { kind: 'count', unit: 'count', atReference: 1_183_200, perDay: 310 },
  'digital-signature-rate': {
    kind: 'level',
    unit: 'percent',
    level: 99.3,
    trendPerDay: 0,
    noise: 0.02,
    min: 98,
    max: 100,
  },
};

export interface KpiTrack {
  id: KpiId;
  model: KpiModel;
  value: number;
  /** last update, epoch ms */
  at: number;
}

const YEAR_MS = 365.25 * DAY_MS;

function localYearStart(t: number): number {
  const year = new Date(t + UTC_OFFSET_MS).getUTCFullYear();
  return Date.UTC(year, 0, 1) - UTC_OFFSET_MS;
}

/** People act in the daytime: visits, payments and sign-ups cluster between 7:00 and 21:00. */
function activity(t: number): number {
  const h = localMsOfDay(t) / HOUR_MS;
  return h >= 7 && h < 21 ? 1.55 : 0.1;
}

function round(value: number, unit: Unit): number {
  if (unit === 'count') return Math.round(value);
  return Math.round(value * (unit === 'percent' ? 100 : 10)) / (unit === 'percent' ? 100 : 10);
}

export function createKpiTrack(rng: Rng, id: KpiId, t: number): KpiTrack | undefined {
  const model = KPI_MODELS[id];
  if (!model) return undefined;
  let value: number;
  if (model.kind === 'level') value = model.level + rng.normal() * model.noise * 3;
  else if (model.kind === 'count') value = model.atReference + ((t - REFERENCE_TIME) / DAY_MS) * model.perDay;
  else value = model.perYear * ((t - localYearStart(t)) / YEAR_MS) * rng.range(0.97, 1.03);
  return { id, model, value: Math.max(0, round(value, model.unit)), at: t };
}

/** Moves a KPI on to time t: a small drift since its last update. */
export function stepKpi(rng: Rng, track: KpiTrack, t: number): void {
  const m = track.model;
  if (m.kind === 'level') {
    const pull = (m.level + m.trendPerDay * ((t - REFERENCE_TIME) / DAY_MS) - track.value) * 0.05;
    const next = track.value + pull + rng.normal() * m.noise;
    track.value = round(Math.min(m.max, Math.max(m.min, next)), m.unit);
  } else {
    const perDay = m.kind === 'count' ? m.perDay : m.perYear / 365.25;
    const restart = m.kind === 'ytd' && localYearStart(t) > track.at;
    const from = restart ? localYearStart(t) : track.at;
    const gained = perDay * (Math.max(0, t - from) / DAY_MS) * activity(t) * rng.range(0.6, 1.4);
    track.value = round((restart ? 0 : track.value) + gained, m.unit);
  }
  track.at = t;
}

export function kpiOf(track: KpiTrack): Kpi {
  return { id: track.id, value: track.value, unit: track.model.unit, at: new Date(track.at).toISOString() };
}
