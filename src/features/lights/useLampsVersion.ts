import { useAppSelector } from '../../app/hooks';
import { MAP_DATA_REDRAW_MS } from '../../shared/map/redrawBudget';
import { useThrottled } from '../../shared/ui/useThrottled';
import { selectLightsVersion } from './lightsSlice';

/**
 * The lamp columns' version as views that draw lamps follow it: at most once per MAP_DATA_REDRAW_MS.
 * The columns change every frame under live telemetry; nobody across the room sees lamps change
 * faster than the map may redraw.
 */
export function useLampsVersion(): number {
  return useThrottled(useAppSelector(selectLightsVersion), MAP_DATA_REDRAW_MS);
}
