import { useEffect, useRef, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { MAP_DATA_REDRAW_MS } from '../../shared/map/redrawBudget';
import { Throttle } from '../../shared/throttle';
import { selectLightsVersion } from './lightsSlice';

/**
 * The lamp columns' version as views that draw lamps should follow it: at most once per
 * MAP_DATA_REDRAW_MS, the last change always arriving. The columns change every frame under live
 * telemetry; nobody across the room sees lamps change faster than the map may redraw.
 */
export function useLampsVersion(): number {
  const version = useAppSelector(selectLightsVersion);
  const [shown, setShown] = useState(version);
  const latest = useRef(version);
  const throttle = useRef<Throttle | null>(null);
  useEffect(() => {
    const t = new Throttle(MAP_DATA_REDRAW_MS, () => setShown(latest.current));
    throttle.current = t;
    return () => t.cancel();
  }, []);
  useEffect(() => {
    latest.current = version;
    throttle.current?.poke();
  }, [version]);
  return shown;
}
