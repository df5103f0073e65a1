import { useEffect, useMemo, useState } from 'react';
import type { HubApi } from '../../app/connection';
import { useAppSelector } from '../../app/hooks';
import { HUE_KPIS, type KpiDefinition } from '../../shared/city/kpiCatalogue';
import { monthsBefore, periodStart } from '../../shared/city/periods';
import type { Kpi, KpiSample } from '../../shared/protocol/events';
import { selectKpis } from '../kpis';
import { periodValues, type PeriodValue } from './figures';

/** How far back the briefing reads: this year and the last, to the same day, month by month. */
const HISTORY_MONTHS = 25;

export type LoadState =
  | { phase: 'loading' }
  | { phase: 'ready'; failed: string[]; dropped: number }
  | { phase: 'failed'; reason: string };

/** A value from the stream as a history sample: for its own period when the producer named none. */
export function liveSample(def: KpiDefinition, k: Kpi): KpiSample {
  const period = k.period ?? {
    kind: def.period,
    start: new Date(periodStart(def.period, Date.parse(k.at))).toISOString(),
  };
  return { id: k.id, value: k.value, at: k.at, period, ...(k.simulated ? { simulated: true } : {}) };
}

export interface BriefingData {
  load: LoadState;
  /** each indicator's city values by period, history and stream together */
  values: ReadonlyMap<string, readonly PeriodValue[]>;
  /** whether any value shown is a simulator's */
  simulated: boolean;
  /** the latest moment a value from the stream was measured at, or 0 */
  latestAt: number;
}

/**
 * The city's history of every indicator, read once from the hub when the page opens (`from` the
 * city's now then), and the stream's values laid over it as they come: a value for a period already
 * in the history replaces it (the later sample wins), a new period extends it.
 */
export function useBriefingData(api: HubApi, openedAt: number | null): BriefingData {
  const [history, setHistory] = useState<ReadonlyMap<string, readonly KpiSample[]>>(new Map());
  const [load, setLoad] = useState<LoadState>({ phase: 'loading' });
  const live = useAppSelector(selectKpis);
  const ready = openedAt !== null;

  useEffect(() => {
    if (openedAt === null) return;
    const abort = new AbortController();
    const from = monthsBefore(openedAt, HISTORY_MONTHS);
    // Far enough ahead that values arriving while the page loads are not cut off.
    const to = openedAt + 366 * 86_400_000;
    Promise.allSettled(HUE_KPIS.map((def) => api.kpiHistory(def.id, { from, to }, abort.signal))).then(
      (answers) => {
        if (abort.signal.aborted) return;
        const got = new Map<string, KpiSample[]>();
        const failed: string[] = [];
        let dropped = 0;
        let reason = '';
        answers.forEach((a, i) => {
          const id = HUE_KPIS[i]!.id;
          if (a.status === 'fulfilled') {
            got.set(id, a.value.samples);
            dropped += a.value.dropped;
          } else {
            failed.push(id);
            reason ||= (a.reason as Error).message;
          }
        });
        setHistory(got);
        setLoad(
          failed.length === HUE_KPIS.length
            ? { phase: 'failed', reason }
            : { phase: 'ready', failed, dropped },
        );
      },
    );
    return () => abort.abort();
    // The history is read once per page: the stream keeps it current after that.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ready]);

  const values = useMemo(() => {
    const out = new Map<string, readonly PeriodValue[]>();
    for (const def of HUE_KPIS) {
      const k = live[def.id];
      const own = history.get(def.id) ?? [];
      out.set(def.id, periodValues(k ? [...own, liveSample(def, k)] : own, def.id));
    }
    return out;
  }, [history, live]);

  const simulated = useMemo(
    () =>
      Object.values(live).some((k) => k?.simulated) ||
      [...history.values()].some((list) => list.some((s) => s.simulated)),
    [history, live],
  );

  const latestAt = useMemo(() => {
    let latest = 0;
    for (const k of Object.values(live)) if (k) latest = Math.max(latest, Date.parse(k.at));
    return latest;
  }, [live]);

  return { load, values, simulated, latestAt };
}
