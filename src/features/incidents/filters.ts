import { INCIDENT_CATEGORIES, OPEN_STATUSES, SEVERITIES, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { fold } from '../../shared/text';
import { slaDeadline } from './sla';

/** What the console filters by. Empty string: no filter on that field. */
export interface IncidentFilter {
  category: string;
  ward: string;
  severities: Severity[];
  /** a status, '' for all, or 'open' for received + assigned + in progress */
  status: string;
  source: string;
  text: string;
}

export const NO_FILTER: IncidentFilter = {
  category: '',
  ward: '',
  severities: [],
  status: 'open',
  source: '',
  text: '',
};

export type SortKey = 'newest' | 'oldest' | 'severity' | 'deadline';

const known = new Set<string>(INCIDENT_CATEGORIES);
/** A category the profile does not know is filed under "other", never dropped. */
export const categoryOf = (inc: Pick<Incident, 'category'>) =>
  known.has(inc.category) ? inc.category : 'other';

/**
 * What free text is searched in: id, title, description and ward name, folded once per incident
 * version (incidents are immutable, so a changed one is a new object and gets a new entry).
 */
const haystacks = new WeakMap<Incident, string>();
function haystack(inc: Incident, wardName: (code?: string) => string | null): string {
  let hay = haystacks.get(inc);
  if (hay === undefined) {
    hay = fold(`${inc.id} ${inc.title} ${inc.description ?? ''} ${wardName(inc.ward) ?? ''}`);
    haystacks.set(inc, hay);
  }
  return hay;
}

/** The filter as a predicate: the search text is folded once, not once per incident. */
export function matcher(
  f: IncidentFilter,
  wardName: (code?: string) => string | null,
): (inc: Incident) => boolean {
  const needle = f.text ? fold(f.text.trim()) : '';
  const severities = f.severities.length ? new Set<Severity>(f.severities) : null;
  return (inc) => {
    if (f.category && categoryOf(inc) !== f.category) return false;
    if (f.ward && (inc.ward ?? '') !== f.ward) return false;
    if (severities && !severities.has(inc.severity)) return false;
    if (f.status === 'open' ? !OPEN_STATUSES.has(inc.status) : f.status && inc.status !== f.status)
      return false;
    if (f.source && inc.source !== f.source) return false;
    return !needle || haystack(inc, wardName).includes(needle);
  };
}

const sevRank = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

// ISO-8601 UTC timestamps of one format order as strings do: plain comparison, not localeCompare
// (which is collation-aware and many times slower on 10,000 rows).
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const comparators: Record<SortKey, (a: Incident, b: Incident) => number> = {
  newest: (a, b) => byString(b.reportedAt, a.reportedAt),
  oldest: (a, b) => byString(a.reportedAt, b.reportedAt),
  severity: (a, b) => sevRank[b.severity] - sevRank[a.severity] || byString(b.reportedAt, a.reportedAt),
  deadline: (a, b) => slaDeadline(a) - slaDeadline(b),
};

/** The full order of a sort: its key, then the id, so that no two incidents tie. */
const orderOf = (sort: SortKey) => {
  const cmp = comparators[sort];
  return (a: Incident, b: Incident) => cmp(a, b) || byString(a.id, b.id);
};

/** The console's rows: filtered, then sorted; ties keep a stable order by id. */
export function filterAndSort(
  all: readonly Incident[],
  f: IncidentFilter,
  sort: SortKey,
  wardName: (code?: string) => string | null,
): Incident[] {
  return all.filter(matcher(f, wardName)).sort(orderOf(sort));
}

/** Incidents by id, split over shards; a changed shard is a new object, an unchanged one the same. */
export type IncidentShards = readonly Readonly<Record<string, Incident>>[];

/**
 * The console's rows, kept up to date as reports stream in. The incidents come in shards (see
 * incidentsSlice): with the same filter and sort, only shards that are new objects are compared key by
 * key, their replaced or removed incidents leave the rows, and their new or changed incidents that
 * match are merged in. A stream frame thus costs about the size of the shards it touched, not of the
 * list. A new filter or sort rebuilds the rows with filterAndSort. Each call whose rows differ returns
 * a new array; otherwise the previous one.
 */
export class ConsoleRows {
  private shards: IncidentShards | null = null;
  private filter: IncidentFilter | null = null;
  private sort: SortKey | null = null;
  private rows: Incident[] = [];

  constructor(private readonly wardName: (code?: string) => string | null) {}

  get(shards: IncidentShards, filter: IncidentFilter, sort: SortKey): Incident[] {
    if (filter !== this.filter || sort !== this.sort || !this.shards) {
      this.rows = filterAndSort(shards.flatMap(Object.values), filter, sort, this.wardName);
    } else if (shards !== this.shards) {
      this.rows = this.merge(this.shards, shards, filter, sort);
    }
    this.shards = shards;
    this.filter = filter;
    this.sort = sort;
    return this.rows;
  }

  private merge(
    before: IncidentShards,
    after: IncidentShards,
    filter: IncidentFilter,
    sort: SortKey,
  ): Incident[] {
    const stale = new Set<Incident>();
    const candidates: Incident[] = [];
    for (let k = 0; k < Math.max(before.length, after.length); k++) {
      const a = before[k] ?? {};
      const b = after[k] ?? {};
      if (a === b) continue;
      for (const id in a) if (b[id] !== a[id]) stale.add(a[id]!);
      for (const id in b) if (a[id] !== b[id]) candidates.push(b[id]!);
    }
    const test = matcher(filter, this.wardName);
    const fresh = candidates.filter(test);
    let kept = stale.size ? this.rows.filter((r) => !stale.has(r)) : this.rows;
    if (kept.length === this.rows.length) kept = this.rows;
    if (fresh.length === 0) return kept;
    const order = orderOf(sort);
    fresh.sort(order);
    const out = new Array<Incident>(kept.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < fresh.length)
      out[k++] = order(kept[i]!, fresh[j]!) <= 0 ? kept[i++]! : fresh[j++]!;
    while (i < kept.length) out[k++] = kept[i++]!;
    while (j < fresh.length) out[k++] = fresh[j++]!;
    return out;
  }
}
