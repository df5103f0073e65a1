import { useMemo } from 'react';
import { useAppSelector } from '../../../app/hooks';
import { useThrottled } from '../../../shared/ui/useThrottled';
import { cabinetCounts, type CabinetCounts, type CabinetFaults } from '../cabinetCounts';
import { selectLampFaultsVersion, type LampFaultWatch } from '../lampFaults';
import { selectCabinets } from '../cabinetsSlice';
import type { LampColumns } from '../lampColumns';
import { selectLightsVersion } from '../lightsSlice';

/**
 * How often the list recounts the lamps while they change. Lamp states arrive many times a second;
 * a count an operator reads need not move faster than twice a second, and recounting 20,000 lamps
 * per frame would cost the wall's frame budget for nothing.
 */
const RECOUNT_MS = 500;

/**
 * Lamps per cabinet (in inventory order) and state, recounted when the lamp columns change (their
 * version moves) but at most once per RECOUNT_MS.
 */
export function useCabinetCounts(lamps: LampColumns): CabinetCounts {
  const cabinetCount = useAppSelector(selectCabinets).length;
  const version = useAppSelector(selectLightsVersion);
  const latest = useMemo(() => ({ lamps, cabinetCount, version }), [lamps, cabinetCount, version]);
  const counted = useThrottled(latest, RECOUNT_MS);
  return useMemo(() => cabinetCounts(counted.lamps, counted.cabinetCount), [counted]);
}

/**
 * Lamp faults per cabinet (in inventory order) and kind, as the page's fault judgement
 * (LampFaultWatch) last published them: the console judges nothing itself.
 */
export function useCabinetFaults(faults: Pick<LampFaultWatch, 'judged'>): CabinetFaults {
  const version = useAppSelector(selectLampFaultsVersion);
  // The judgement is replaced, not changed, and its version in the store says when.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => faults.judged?.perCabinet ?? NO_FAULTS, [faults, version]);
}

const NO_FAULTS: CabinetFaults = new Uint32Array(0);
