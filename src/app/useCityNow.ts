import { useEffect, useState } from 'react';
import { useAppSelector } from './hooks';
import { cityNow, selectCityClock } from './connection';

/** City time (epoch ms), ticking every `everyMs` of real time; null until the first snapshot. */
export function useCityNow(everyMs = 1000): number | null {
  const clock = useAppSelector(selectCityClock);
  const [realNow, setRealNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setRealNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return cityNow(clock, realNow);
}

/**
 * City time floored to its minute, read every 5 s of real time; null until the first snapshot. Panels
 * that recompute a summary from it do so once a city minute at most, not on every clock tick.
 */
export function useCityMinute(): number | null {
  const now = useCityNow(5000);
  return now === null ? null : Math.floor(now / 60_000) * 60_000;
}
