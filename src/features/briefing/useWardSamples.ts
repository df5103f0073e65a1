import { useEffect, useState } from 'react';
import type { HubApi } from '../../app/connection';
import { monthsBefore } from '../../shared/city/periods';
import type { KpiSample } from '../../shared/protocol/events';

/**
 * Every ward's values of one indicator since the start of last year's month (a year to date and a
 * week both fit), read when the indicator is chosen. Until they come, and if the hub fails, none: the
 * ward panels say there is no data rather than show another indicator's.
 */
export function useWardSamples(api: HubApi, id: string, openedAt: number | null): readonly KpiSample[] {
  const [got, setGot] = useState<{ id: string; samples: readonly KpiSample[] }>({ id: '', samples: [] });
  useEffect(() => {
    if (openedAt === null) return;
    const abort = new AbortController();
    api
      .kpiHistory(
        id,
        { from: monthsBefore(openedAt, 12), to: openedAt + 366 * 86_400_000, ward: 'all' },
        abort.signal,
      )
      .then(
        (h) => setGot({ id, samples: h.samples }),
        () => {
          if (!abort.signal.aborted) setGot({ id, samples: [] });
        },
      );
    return () => abort.abort();
  }, [api, id, openedAt]);
  return got.id === id ? got.samples : [];
}
