import { http, HttpResponse } from 'msw';
import { WARD_SHAPES_URL } from '../../src/shared/city/wardShapes';
import { monthsBefore } from '../../src/shared/city/periods';
import { summarizeReports, type ReportBucketKind, type ReportRecord } from '../../src/shared/city/reports';
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

/**
 * `GET /api/reports/summary` of a hub whose store holds `records`, counted by the hub's own rule
 * (src/shared/city/reports.ts). `asked` receives each query's range, as epoch ms.
 */
export function reportArchive(
  records: readonly ReportRecord[],
  asked: (q: { from: number; to: number; bucket: string }) => void = () => undefined,
) {
  return http.get('*/api/reports/summary', ({ request }) => {
    const q = new URL(request.url).searchParams;
    const from = Date.parse(q.get('from') ?? '');
    const to = Date.parse(q.get('to') ?? '');
    const bucket = (q.get('bucket') ?? 'month') as ReportBucketKind;
    asked({ from, to, bucket });
    const s = summarizeReports(records, from, to, bucket);
    const iso = (t: number) => new Date(t).toISOString();
    return HttpResponse.json({
      from: iso(from),
      to: iso(to),
      bucket,
      buckets: s.buckets.map((b) => ({ ...b, start: iso(b.start) })),
      categories: s.categories,
      ...(s.simulated ? { simulated: true } : {}),
    });
  });
}

/** The hub's HTTP API does not answer at all (the network to it is down). */
export const hubApiUnreachable = http.get('*/api/*', () => HttpResponse.error());
