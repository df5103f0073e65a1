import { useEffect, useState } from 'react';
import type { HubApi } from '../../app/connection';
import type { KpiSample } from '../../shared/protocol/events';
import { takeEarlyWardSamples } from './preload';

/**
 * Every ward's values of one indicator over the hub's default 24 months, read when the indicator is
 * chosen (the default one asked by the app as it starts: it needs no city time to ask). Until they
 * come, and if the hub fails, none: the ward panels say there is no data rather than show another
 * indicator's.
 */
export function useWardSamples(api: HubApi, id: string): readonly KpiSample[] {
  const [got, setGot] = useState<{ id: string; samples: readonly KpiSample[] }>({ id: '', samples: [] });
  useEffect(() => {
    const abort = new AbortController();
    const ask =
      takeEarlyWardSamples(api, id) ??
      api.kpiHistory(id, { ward: 'all' }, abort.signal).then((h) => h.samples);
    ask.then(
      (samples) => {
        if (!abort.signal.aborted) setGot({ id, samples });
      },
      () => {
        if (!abort.signal.aborted) setGot({ id, samples: [] });
      },
    );
    return () => abort.abort();
  }, [api, id]);
  return got.id === id ? got.samples : [];
}
