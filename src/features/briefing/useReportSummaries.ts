import { useEffect, useState } from 'react';
import type { HubApi } from '../../app/connection';
import { fetchSummaries, takeEarlySummaries, type Summaries } from './preload';

/**
 * The citizen reports of each briefing period, from the hub's store (the page holds a week of
 * finished reports only), asked again when the city's minute moves on. The last answers stay shown
 * while new ones come. The app's early ask, made before this page's code loaded, serves the minute
 * it was made for, and is shown until the answers for a later minute come.
 */
export function useReportSummaries(api: HubApi, now: number | null): Summaries {
  const [got, setGot] = useState<Summaries>(new Map());
  useEffect(() => {
    if (now === null) return;
    const abort = new AbortController();
    const early = takeEarlySummaries(api);
    if (early && early.minute !== now)
      void early.promise.then((s) => setGot((before) => (before.size > 0 ? before : s)));
    const answer = early?.minute === now ? early.promise : fetchSummaries(api, now, abort.signal);
    void answer.then((s) => {
      if (abort.signal.aborted) return;
      setGot((before) => new Map([...before, ...s]));
    });
    return () => abort.abort();
  }, [api, now]);
  return got;
}
