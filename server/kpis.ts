import {
  HUE_KPIS,
  kpiDefinition,
  kpiValueProblem,
  type KpiDefinition,
  type KpiPeriodKind,
} from '../src/shared/city/kpiCatalogue';
import { periodStart } from '../src/shared/city/periods';
import { HUE_WARDS } from '../src/shared/city/wards';
import type { Kpi, KpiSample } from '../src/shared/protocol/events';

// The city's indicators on the hub: what a `kpi.updated` must be to enter the stream, the history
// sample each one becomes, and the history's queries when no store keeps it (a memory hub).

/** The start of the month `n` months before the one containing `t`, in city time. */

const wardCodes: ReadonlySet<string> = new Set(HUE_WARDS.map((w) => w.code));

export function isWardCode(code: string): boolean {
  return wardCodes.has(code);
}

/** A problem with a field of a `kpi.updated`'s data: `path` is below `data`. */
export interface KpiProblem {
  path: string;
  message: string;
}

/**
 * What the catalogue makes wrong about a `kpi.updated` that passed its schema: an unknown id, a unit
 * or period kind other than the indicator's, a value impossible for its unit, a ward that is not
 * one of the city's (or a ward for an indicator kept for the city only), a period start that does
 * not begin a period. Empty when it may enter the stream.
 */
export function kpiProblems(data: Kpi): KpiProblem[] {
  const def = kpiDefinition(data.id);
  if (!def) return [{ path: 'id', message: `unknown indicator "${data.id}"` }];
  const problems: KpiProblem[] = [];
  // Protocol 2 had no `growth-percent`: its producers send GRDP growth in `percent`, which is read as
  // the growth it always meant (inCatalogueUnit).
  const legacyGrowth = def.unit === 'growth-percent' && data.unit === 'percent';
  if (data.unit !== def.unit && !legacyGrowth) {
    problems.push({ path: 'unit', message: `indicator "${def.id}" is in "${def.unit}", not "${data.unit}"` });
  } else {
    const impossible = kpiValueProblem(def.unit, data.value);
    if (impossible) problems.push({ path: 'value', message: `indicator "${def.id}": ${impossible}` });
  }
  if (data.ward !== undefined) {
    if (!wardCodes.has(data.ward)) problems.push({ path: 'ward', message: `unknown ward "${data.ward}"` });
    else if (!def.perWard)
      problems.push({ path: 'ward', message: `indicator "${def.id}" has no values per ward` });
  }
  if (data.period) {
    const { kind, start } = data.period;
    if (kind !== def.period) {
      problems.push({
        path: 'period.kind',
        message: `indicator "${def.id}" is reported per ${def.period}, not per ${kind}`,
      });
    } else if (periodStart(kind, Date.parse(start)) !== Date.parse(start)) {
      const t = Date.parse(start);
      problems.push({
        path: 'period.start',
        message: `not the start of a ${kind} in city time (UTC+7): that ${kind} starts at ${new Date(periodStart(kind, t)).toISOString()}`,
      });
    }
  }
  return problems;
}

/** The data as the stream carries it: in the catalogue's unit (see catalogueUnit). */
export function inCatalogueUnit(data: Kpi): Kpi {
  const def = kpiDefinition(data.id);
  return def && data.unit !== def.unit ? { ...data, unit: def.unit } : data;
}

/**
 * The history sample of a value: its period made explicit (the indicator's own period containing
 * `at` when the producer named none) and its instants in one form. Null for an id the catalogue
 * does not hold (only a log from before protocol 3 has any).
 */
export function sampleOf(kpi: Kpi): KpiSample | null {
  const def = kpiDefinition(kpi.id);
  if (!def) return null;
  const at = Date.parse(kpi.at);
  const kind = kpi.period?.kind ?? def.period;
  const start = kpi.period ? Date.parse(kpi.period.start) : periodStart(kind, at);
  return {
    id: kpi.id,
    value: kpi.value,
    at: new Date(at).toISOString(),
    period: { kind, start: new Date(start).toISOString() },
    ...(kpi.ward !== undefined ? { ward: kpi.ward } : {}),
    ...(kpi.simulated ? { simulated: true } : {}),
  };
}

/** A sample as a `kpi.updated`'s data (the state holds those), in its indicator's unit. */
export function kpiOfSample(sample: KpiSample, def: KpiDefinition): Kpi {
  return { ...sample, unit: def.unit };
}

/**
 * Which of two values of one indicator the state keeps: the one for the later period, and of two
 * for the same period the later sent. Per-ward values never replace the city's.
 */
export function supersedes(next: Kpi, held: Kpi): boolean {
  const a = sampleOf(next);
  const b = sampleOf(held);
  if (!a || !b) return true;
  return Date.parse(a.period.start) >= Date.parse(b.period.start);
}

/** `ward` of a history query: the city's values (null), one ward's, or every ward's. */
export type WardSelector = null | string | 'all';

export interface KpiHistoryQuery {
  id: string;
  /** period starts from (inclusive) and to (inclusive), epoch ms */
  from: number;
  to: number;
  ward: WardSelector;
  /** only samples of this period kind; every kind when absent */
  kind?: KpiPeriodKind;
}

/** Where the indicators' history lives: the store (CityStore), or memory for a hub without one. */
export interface KpiArchive {
  /** Keeps samples; one for the same indicator, ward and period replaces the one held. */
  add(samples: readonly KpiSample[]): Promise<void>;
  /** Each indicator's newest sample of its own period kind, for the city and for each ward. */
  latest(): Promise<KpiSample[]>;
  /** Samples ordered by period start (then kind, longest first, then ward). */
  history(q: KpiHistoryQuery): Promise<KpiSample[]>;
}

const KIND_ORDER: Record<KpiPeriodKind, number> = { year: 0, quarter: 1, month: 2, day: 3 };

/** Orders samples as history answers list them. */
export function compareSamples(a: KpiSample, b: KpiSample): number {
  return (
    Date.parse(a.period.start) - Date.parse(b.period.start) ||
    KIND_ORDER[a.period.kind] - KIND_ORDER[b.period.kind] ||
    (a.ward ?? '').localeCompare(b.ward ?? '')
  );
}

/** Every sample since the hub started, by indicator, ward and period (a memory hub's history). */
export class MemoryKpiArchive implements KpiArchive {
  private readonly samples = new Map<string, KpiSample>();

  add(samples: readonly KpiSample[]): Promise<void> {
    for (const s of samples) {
      this.samples.set(`${s.id}|${s.ward ?? ''}|${s.period.kind}|${s.period.start}`, s);
    }
    return Promise.resolve();
  }

  latest(): Promise<KpiSample[]> {
    const newest = new Map<string, KpiSample>();
    for (const s of this.samples.values()) {
      if (s.period.kind !== kpiDefinition(s.id)?.period) continue;
      const key = `${s.id}|${s.ward ?? ''}`;
      const held = newest.get(key);
      if (!held || Date.parse(s.period.start) > Date.parse(held.period.start)) newest.set(key, s);
    }
    return Promise.resolve([...newest.values()]);
  }

  history(q: KpiHistoryQuery): Promise<KpiSample[]> {
    const out: KpiSample[] = [];
    for (const s of this.samples.values()) {
      if (s.id !== q.id || (q.kind && s.period.kind !== q.kind)) continue;
      if (q.ward === 'all' ? s.ward === undefined : (s.ward ?? null) !== q.ward) continue;
      const start = Date.parse(s.period.start);
      if (start >= q.from && start <= q.to) out.push(s);
    }
    return Promise.resolve(out.sort(compareSamples));
  }
}

/** An indicator of the catalogue with its latest values, as `GET /api/kpis` lists it. */
export interface KpiWithLatest extends KpiDefinition {
  /** the city's newest value, null when none yet */
  latest: Omit<KpiSample, 'id' | 'ward'> | null;
  /** per-ward indicators: each ward's newest value, by ward code */
  wards?: (Omit<KpiSample, 'id'> & { ward: string })[];
}

/** The catalogue with each indicator's latest values from `latest` (KpiArchive.latest). */
export function catalogueWithLatest(latest: readonly KpiSample[]): KpiWithLatest[] {
  const city = new Map<string, KpiSample>();
  const wards = new Map<string, (Omit<KpiSample, 'id'> & { ward: string })[]>();
  for (const s of latest) {
    const { id, ward, ...rest } = s;
    if (ward === undefined) city.set(id, s);
    else wards.set(id, [...(wards.get(id) ?? []), { ...rest, ward }]);
  }
  return HUE_KPIS.map((def) => {
    const c = city.get(def.id);
    const byWard = def.perWard ? (wards.get(def.id) ?? []) : null;
    return {
      ...def,
      latest: c
        ? { value: c.value, period: c.period, at: c.at, ...(c.simulated ? { simulated: true } : {}) }
        : null,
      ...(byWard ? { wards: byWard.sort((a, b) => a.ward.localeCompare(b.ward)) } : {}),
    };
  });
}
