import { http, HttpResponse } from 'msw';
import { WARD_SHAPES_URL } from '../../src/shared/city/wardShapes';
import { monthsBefore } from '../../src/shared/city/periods';
import type { KpiSample } from '../../src/shared/protocol/events';
import { HISTORY_MONTHS } from '../sim/kpiHistory';
import { readWards2025 } from '../sim/wardsFile';

// What the SPA fetches over HTTP, answered from the simulator's data. Each handler stands for one
// resource; the scenarios (mocks/scenarios.ts) put them in front of a test.

export { WARD_SHAPES_URL };

/** The ward boundaries as the page's static files serve them (the simulator places things in the same). */
export const wardShapes = http.get(WARD_SHAPES_URL, () => HttpResponse.json(readWards2025() as object));

/**
 * `GET /api/kpis/history` (every indicator's city history, src/realtime/hubApi.ts cityHistory) of any
 * hub, answered with `samples` by indicator, as the hub answers up to its city's `now`.
 */
export function cityKpiHistory(samples: readonly KpiSample[], now: number) {
  return http.get('*/api/kpis/history', () => {
    const indicators: Record<string, KpiSample[]> = {};
    for (const s of samples) (indicators[s.id] ??= []).push(s);
    return HttpResponse.json({
      from: new Date(monthsBefore(now, HISTORY_MONTHS)).toISOString(),
      to: new Date(now).toISOString(),
      indicators,
    });
  });
}

/** The hub's HTTP API does not answer at all (the network to it is down). */
export const hubApiUnreachable = http.get('*/api/*', () => HttpResponse.error());
