import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { givenWardShapes } from '../../../mocks/scenarios';
import type { HubApi, ReportsSummaryQuery } from '../../app/connection';
import { DEFAULT_WARD_KPI } from './headline';
import { preloadBriefing, takeEarlySummaries, takeEarlyWardSamples } from './preload';
import { useReportSummaries } from './useReportSummaries';

const HUB_NOW = Date.parse('2026-12-04T03:30:20Z');
const MINUTE = Date.parse('2026-12-04T03:30:00Z');

/** A hub that counts what it is asked. */
function countingHub() {
  givenWardShapes();
  const asked = { summaries: [] as ReportsSummaryQuery[], wards: [] as string[], city: 0 };
  const api: HubApi = {
    async kpiHistory(id, q) {
      if (q.ward === 'all') asked.wards.push(id);
      return { samples: [], dropped: 0, to: HUB_NOW };
    },
    async cityHistory() {
      asked.city++;
      return { indicators: new Map(), dropped: 0, to: HUB_NOW };
    },
    async reportsSummary(q) {
      asked.summaries.push(q);
      return {
        from: q.from ?? 0,
        to: q.to ?? 0,
        bucket: q.bucket,
        buckets: [],
        categories: [],
        simulated: false,
      };
    },
  };
  return { api, asked };
}

describe('the briefing asked for early', () => {
  it('asks the history, the default ward figures and, at the hub’s minute, the five summaries', async () => {
    const { api, asked } = countingHub();
    preloadBriefing(api);
    await waitFor(() => expect(asked.summaries).toHaveLength(5));
    expect(asked.city).toBe(1);
    expect(asked.wards).toEqual([DEFAULT_WARD_KPI]);
    // Each period's range ends at the hub's minute, not at its second.
    expect(asked.summaries.every((q) => q.to === MINUTE)).toBe(true);
  });

  it('hands each early answer over once, and the ward figures only for their own indicator', async () => {
    const { api } = countingHub();
    preloadBriefing(api);
    expect(takeEarlyWardSamples(api, 'cashless-rate')).toBeUndefined();
    expect(takeEarlyWardSamples(api, DEFAULT_WARD_KPI)).toBeDefined();
    expect(takeEarlyWardSamples(api, DEFAULT_WARD_KPI)).toBeUndefined();
    await waitFor(() => expect(takeEarlySummaries(api)?.minute).toBe(MINUTE));
    expect(takeEarlySummaries(api)).toBeUndefined();
  });

  it('the page uses the early summaries for their minute instead of asking again', async () => {
    const { api, asked } = countingHub();
    preloadBriefing(api);
    await waitFor(() => expect(asked.summaries).toHaveLength(5));
    const { result } = renderHook(() => useReportSummaries(api, MINUTE));
    await waitFor(() => expect(result.current.size).toBe(5));
    expect(asked.summaries).toHaveLength(5);
  });

  it('at a later minute the page shows the early answers and asks for its own', async () => {
    const { api, asked } = countingHub();
    preloadBriefing(api);
    await waitFor(() => expect(asked.summaries).toHaveLength(5));
    const { result } = renderHook(() => useReportSummaries(api, MINUTE + 60_000));
    await waitFor(() => expect(asked.summaries).toHaveLength(10));
    await waitFor(() => expect(result.current.get('month')?.to).toBe(MINUTE + 60_000));
  });
});
