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
