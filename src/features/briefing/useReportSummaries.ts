import { useEffect, useState } from 'react';
import type { HubApi, ReportsSummary } from '../../app/connection';
import { BRIEFING_PERIODS, briefingRange, bucketKind, type BriefingPeriod } from './periods';

/**
 * The citizen reports of each briefing period, from the hub's store (the page holds a week of
 * finished reports only): all five asked at once, so that a period switch has its figures at hand,
 * and asked again when the city's minute moves on. The last answers stay shown while new ones come.
 */
export function useReportSummaries(
  api: HubApi,
  now: number | null,
): ReadonlyMap<BriefingPeriod, ReportsSummary> {
  const [got, setGot] = useState<ReadonlyMap<BriefingPeriod, ReportsSummary>>(new Map());
  useEffect(() => {
    if (now === null) return;
    const abort = new AbortController();
    Promise.allSettled(
      BRIEFING_PERIODS.map((p) => {
        const range = briefingRange(p, now);
        return api.reportsSummary(
          { from: range.from, to: range.to, bucket: bucketKind(range) },
          abort.signal,
        );
      }),
    ).then((answers) => {
      if (abort.signal.aborted) return;
      setGot((before) => {
        const next = new Map(before);
        answers.forEach((a, i) => {
          if (a.status === 'fulfilled') next.set(BRIEFING_PERIODS[i]!, a.value);
        });
        return next;
      });
    });
    return () => abort.abort();
  }, [api, now]);
  return got;
}
