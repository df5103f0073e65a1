import { INCIDENT_CATEGORIES, OPEN_STATUSES, SEVERITIES, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
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

/** Lower-case, without Vietnamese diacritics: "phu hoi" finds "Phú Hội", "duong" finds "đường". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function matches(
  inc: Incident,
  f: IncidentFilter,
  wardName: (code?: string) => string | null,
): boolean {
  if (f.category && categoryOf(inc) !== f.category) return false;
  if (f.ward && (inc.ward ?? '') !== f.ward) return false;
  if (f.severities.length && !f.severities.includes(inc.severity)) return false;
  if (f.status === 'open' ? !OPEN_STATUSES.has(inc.status) : f.status && inc.status !== f.status)
    return false;
  if (f.source && inc.source !== f.source) return false;
  if (f.text) {
    const needle = fold(f.text.trim());
    const hay = fold(`${inc.id} ${inc.title} ${inc.description ?? ''} ${wardName(inc.ward) ?? ''}`);
    if (!hay.includes(needle)) return false;
  }
  return true;
}

const sevRank = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

const comparators: Record<SortKey, (a: Incident, b: Incident) => number> = {
  newest: (a, b) => b.reportedAt.localeCompare(a.reportedAt),
  oldest: (a, b) => a.reportedAt.localeCompare(b.reportedAt),
  severity: (a, b) => sevRank[b.severity] - sevRank[a.severity] || b.reportedAt.localeCompare(a.reportedAt),
  deadline: (a, b) => slaDeadline(a) - slaDeadline(b),
};

/** The console's rows: filtered, then sorted; ties keep a stable order by id. */
export function filterAndSort(
  all: readonly Incident[],
  f: IncidentFilter,
  sort: SortKey,
  wardName: (code?: string) => string | null,
): Incident[] {
  const cmp = comparators[sort];
  return all.filter((i) => matches(i, f, wardName)).sort((a, b) => cmp(a, b) || a.id.localeCompare(b.id));
}
