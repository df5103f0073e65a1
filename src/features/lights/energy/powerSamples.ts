import { cityNow } from '../../../app/connection';
import { PowerSeries } from '../../../shared/lights/energy';
import type { PowerHistory } from '../../../shared/protocol/events';
import { selectLightsSummary } from '../lightsSlice';
import { selectPowerHistory } from './powerHistorySlice';
import type { RootState } from '../../../app/store';

interface SampledStore {
  getState(): RootState;
  subscribe(listener: () => void): () => void;
}

const samplesOf = new WeakMap<SampledStore, PowerSeries>();

/**
 * A store's lighting power over time: its snapshot's history, then the city's draw sampled on every
 * change of the store (O(1)). One series a store, sampled for as long as the store lives, whether or
 * not a panel shows it: the wall's panels move to a replay's store and back, and the live store's
 * samples of the meantime must still be there when they come back (the energy of the day is summed
 * from them). A new history in the store (a snapshot, a resync, a replay's step) starts it again.
 */
export function powerSamplesOf(store: SampledStore): PowerSeries {
  const known = samplesOf.get(store);
  if (known) return known;
  const series = new PowerSeries();
  let history: PowerHistory | null | undefined;
  const sample = () => {
    const s = store.getState();
    const h = selectPowerHistory(s);
    if (h !== history) {
      history = h;
      series.clear();
      for (const [t, w] of h?.points ?? []) series.add(t, w);
    }
    const now = cityNow(s.connection.clock, Date.now());
    if (now !== null && s.lights.count > 0) series.add(now, selectLightsSummary(s).powerW);
  };
  sample();
  store.subscribe(sample);
  samplesOf.set(store, series);
  return series;
}
