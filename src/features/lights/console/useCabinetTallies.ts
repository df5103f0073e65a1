import { useMemo } from 'react';
import { useAppSelector } from '../../../app/hooks';
import { useCityNow } from '../../../app/useCityNow';
import { isDaylight } from '../../../shared/lighting/faults';
import { HUE } from '../../../shared/lighting/sun';
import { useThrottled } from '../../../shared/ui/useThrottled';
import { cabinetCounts, cabinetFaults, type CabinetCounts, type CabinetFaults } from '../cabinetCounts';
import { selectCabinets } from '../cabinetsSlice';
import type { LightColumns } from '../lightColumns';
import { selectLightsVersion } from '../lightsSlice';

/**
 * How often the list recounts the lamps while they change. Lamp states arrive many times a second;
 * a count an operator reads need not move faster than twice a second, and recounting 20,000 lamps
 * per frame would cost the wall's frame budget for nothing.
 */
const RECOUNT_MS = 500;
/**
 * How often the lamps are judged for faults. Slower than the counts: a fault is a lamp that stays
 * wrong, not a blip, and judging 50,000 lamps against their cabinets costs more than counting them.
 */
const REJUDGE_MS = 1000;

/**
 * Lamps per cabinet (in inventory order) and state, recounted when the lamp columns change (their
 * version moves) but at most once per RECOUNT_MS.
 */
export function useCabinetCounts(lamps: LightColumns): CabinetCounts {
  const cabinetCount = useAppSelector(selectCabinets).length;
  const version = useAppSelector(selectLightsVersion);
  const latest = useMemo(() => ({ lamps, cabinetCount, version }), [lamps, cabinetCount, version]);
  const counted = useThrottled(latest, RECOUNT_MS);
  return useMemo(() => cabinetCounts(counted.lamps, counted.cabinetCount), [counted]);
}

/**
 * Lamp faults per cabinet (in inventory order) and kind, judged again when the lamps, the cabinets'
 * commands or day and night change, at most once per REJUDGE_MS.
 */
export function useCabinetFaults(lamps: LightColumns): CabinetFaults {
  const cabinets = useAppSelector(selectCabinets);
  const version = useAppSelector(selectLightsVersion);
  const cityNow = useCityNow(1000);
  const daylight = cityNow !== null && isDaylight(HUE, cityNow);
  const latest = useMemo(
    () => ({ lamps, cabinets, daylight, version }),
    [lamps, cabinets, daylight, version],
  );
  const judged = useThrottled(latest, REJUDGE_MS);
  return useMemo(() => cabinetFaults(judged.lamps, judged.cabinets, judged.daylight), [judged]);
}
