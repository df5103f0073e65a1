import { OPEN_STATUSES } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';

export interface WardMeasure {
  open: number;
  /** open incidents per 10,000 residents */
  per10k: number;
}

/** Open incidents per ward, and per 10,000 residents: the measure the 3D wards are raised by. */
export function wardMeasures(
  incidents: readonly Incident[],
  population: ReadonlyMap<string, number>,
): Map<string, WardMeasure> {
  const open = new Map<string, number>();
  for (const inc of incidents) {
    if (!inc.ward || !OPEN_STATUSES.has(inc.status)) continue;
    open.set(inc.ward, (open.get(inc.ward) ?? 0) + 1);
  }
  const out = new Map<string, WardMeasure>();
  for (const [code, pop] of population) {
    const n = open.get(code) ?? 0;
    out.set(code, { open: n, per10k: pop > 0 ? (n * 10_000) / pop : 0 });
  }
  return out;
}

/** The `count` wards with the most open incidents per 10,000 residents, worst first; wards with none left out. */
export function worstWards(
  measures: ReadonlyMap<string, WardMeasure>,
  count: number,
): ({ code: string } & WardMeasure)[] {
  return [...measures]
    .filter(([, m]) => m.open > 0)
    .map(([code, m]) => ({ code, ...m }))
    .sort((a, b) => b.per10k - a.per10k || b.open - a.open)
    .slice(0, count);
}
