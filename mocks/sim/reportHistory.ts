// The citizen reports of the city's past, clearly simulated: what Hue-S received before the city
// first started, each with how it was handled, so that a briefing over this year or this quarter has
// figures. The reports come from the live simulator's own content and handling (incidents.ts); the
// rainy season (October and November most) brings more of them, floods and fallen trees above all.
import { slaDeadlineOf } from '../../src/shared/city/sla';
import type { ReportRecord } from '../../src/shared/city/reports';
import { INCIDENTS_PER_YEAR, reportArrivals } from './arrivals';
import { makeIncident, planLifecycle } from './incidents';
import type { Rng } from './rng';
import { UTC_OFFSET_MS } from './sun';

/** How far back the seeded past reaches: a year, and the same month a year before for comparison. */
export const REPORT_HISTORY_MONTHS = 13;

/** Reports by local month (January first) against the yearly mean: the storms of October-November. */
const SEASON = [0.9, 0.85, 0.9, 0.9, 0.95, 0.95, 0.95, 0.95, 1.05, 1.35, 1.35, 1.0];
const SEASON_PEAK = Math.max(...SEASON);
const SEASON_MEAN = SEASON.reduce((a, b) => a + b, 0) / SEASON.length;

/**
 * The reports received over [from, until) (epoch ms), about INCIDENTS_PER_YEAR a year, each finished
 * as the live simulator would have handled it: resolved (most by their deadline) or rejected. Pure:
 * the same rng state gives the same reports.
 */
export function reportHistory(rng: Rng, from: number, until: number): ReportRecord[] {
  // Drawn at the season's peak rate and thinned by the month's share of it.
  const arrivals = reportArrivals((INCIDENTS_PER_YEAR * SEASON_PEAK) / SEASON_MEAN);
  const out: ReportRecord[] = [];
  for (let t = arrivals.next(rng, from); t < until; t = arrivals.next(rng, t)) {
    const local = new Date(t + UTC_OFFSET_MS);
    if (rng.next() * SEASON_PEAK >= SEASON[local.getUTCMonth()]!) continue;
    const id = `HS-${local.getUTCFullYear()}-${String(out.length + 1).padStart(5, '0')}`;
    const report = makeIncident(rng, { id, at: t, cameraSpots: [] });
    const resolved = planLifecycle(rng, report, t).find((step) => step.status === 'resolved');
    out.push({
      id,
      category: report.category,
      ...(report.ward ? { ward: report.ward } : {}),
      reportedAt: t,
      resolvedAt: resolved?.at ?? null,
      deadline: slaDeadlineOf(report.category, t),
      simulated: true,
    });
  }
  return out;
}
