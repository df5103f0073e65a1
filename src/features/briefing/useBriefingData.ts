import { useEffect, useMemo, useState } from 'react';
import type { HubApi } from '../../app/connection';
import { useAppSelector } from '../../app/hooks';
import { HUE_KPIS, type KpiDefinition } from '../../shared/city/kpiCatalogue';
import { periodStart } from '../../shared/city/periods';
import type { Kpi, KpiSample } from '../../shared/protocol/events';
import { selectKpis } from '../kpis';
import { periodValues, type PeriodValue } from './figures';

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
  /** the city's now when the hub answered the history, or null before */
  asOf: number | null;
}

/**
 * The city's history of every indicator, read once from the hub when the page opens, and the
 * stream's values laid over it as they come: a value for a period already
 * in the history replaces it (the later sample wins), a new period extends it.
 */
interface CityHistory {
  history: ReadonlyMap<string, readonly KpiSample[]>;
  load: LoadState;
  /** the city's now as the hub answered, or null: the page's now until the stream's clock comes */
  asOf: number | null;
}

const pending = new WeakMap<HubApi, Promise<CityHistory>>();

/**
 * Every indicator's city history, asked once per page and at once: the app calls this on the
 * briefing's route before the page's code has loaded, and before the stream's snapshot tells the
 * city's time (the hub answers the last 24 months to its now, which covers this year and the last).
 * A page that failed to load asks again when it is next shown.
 */
export function loadCityHistory(api: HubApi): Promise<CityHistory> {
  let p = pending.get(api);
  if (!p) {
    p = api.cityHistory({}).then(
      (h): CityHistory => {
        const missing = HUE_KPIS.filter((k) => !h.indicators.has(k.id)).map((k) => k.id);
        return {
          history: h.indicators,
          load: { phase: 'ready', failed: missing, dropped: h.dropped },
          asOf: h.to,
        };
      },
      (err: unknown): CityHistory => {
        pending.delete(api);
        return { history: new Map(), load: { phase: 'failed', reason: (err as Error).message }, asOf: null };
      },
    );
    pending.set(api, p);
  }
  return p;
}

export function useBriefingData(api: HubApi): BriefingData {
  const [got, setGot] = useState<CityHistory>({
    history: new Map(),
    load: { phase: 'loading' },
    asOf: null,
  });
  const live = useAppSelector(selectKpis);
  const { history, load } = got;

  useEffect(() => {
    let current = true;
    void loadCityHistory(api).then((h) => {
      if (current) setGot(h);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const values = useMemo(() => {
    const out = new Map<string, readonly PeriodValue[]>();
    for (const def of HUE_KPIS) {
      const k = live[def.id];
      const own = history.get(def.id) ?? [];
      out.set(def.id, periodValues(k ? [...own, liveSample(def, k)] : own, def.id));
    }
    return out;
  }, [history, live]);

  // The history is read once: its samples are looked through then, not at every value the stream brings.
  const historySimulated = useMemo(
    () => [...history.values()].some((list) => list.some((s) => s.simulated)),
    [history],
  );
  const simulated = historySimulated || Object.values(live).some((k) => k?.simulated);

  const latestAt = useMemo(() => {
    let latest = 0;
    for (const k of Object.values(live)) if (k) latest = Math.max(latest, Date.parse(k.at));
    return latest;
  }, [live]);

  return { load, values, simulated, latestAt, asOf: got.asOf };
}
