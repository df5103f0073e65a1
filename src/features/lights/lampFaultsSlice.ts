import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import {
  classifyLamps,
  cabinetCommands,
  FAULT_CODE_COUNT,
  FAULT_DAY_BURNING,
  FAULT_LAMP,
  FAULT_NOT_SWITCHED,
  FAULT_WRONG_LEVEL,
  isDaylight,
  type LampFaults,
} from '../../shared/lighting/faults';
import { HUE } from '../../shared/lighting/sun';
import { selectCabinets } from './cabinetsSlice';
import type { LightColumns } from './lightColumns';

/** Fault marker colours by code, RGBA: failure red, day-burning yellow, wrong level orange, missed switch violet. */
export const FAULT_COLORS: Record<number, readonly [number, number, number, number]> = {
  [FAULT_LAMP]: [244, 63, 94, 255],
  [FAULT_DAY_BURNING]: [250, 204, 21, 255],
  [FAULT_WRONG_LEVEL]: [251, 146, 60, 255],
  [FAULT_NOT_SWITCHED]: [192, 132, 252, 255],
};

/**
 * Markers drawn at most. A city has a few hundred faulty lamps; tens of thousands means the data is
 * wrong (the benchmark's random states make three lamps in four "faulty"), and redrawing that many
 * rings every second cost the map a third of its frame rate. The tile still counts them all.
 */
export const MAX_FAULT_MARKERS = 5000;

/** The faulty lamps as the map draws them: positions and colours, two and four per lamp, as binary attributes. */
export interface FaultMarkers {
  /** markers drawn: the first MAX_FAULT_MARKERS faulty lamps in lamp order */
  count: number;
  /** faulty lamps in all */
  total: number;
  positions: Float32Array;
  colors: Uint8Array;
  /** lamp index of each marker, for the tooltip */
  lamps: Uint32Array;
  /** fault code of each marker */
  codes: Uint8Array;
  /** fault code of every lamp, markers drawn or not (a panel counts a cabinet's faults from it) */
  code: Uint8Array;
}

/** Markers for the faulty lamps of a classification, in lamp order. */
export function faultMarkers(
  positions: Float32Array,
  faults: LampFaults,
  limit = MAX_FAULT_MARKERS,
): FaultMarkers {
  const n = Math.min(faults.lamps.length, limit);
  const out: FaultMarkers = {
    count: n,
    total: faults.lamps.length,
    positions: new Float32Array(n * 2),
    colors: new Uint8Array(n * 4),
    lamps: faults.lamps.subarray(0, n),
    codes: new Uint8Array(n),
    code: faults.code,
  };
  for (let k = 0; k < n; k++) {
    const i = faults.lamps[k]!;
    const code = faults.code[i]!;
    out.positions[k * 2] = positions[i * 2]!;
    out.positions[k * 2 + 1] = positions[i * 2 + 1]!;
    out.colors.set(FAULT_COLORS[code] ?? FAULT_COLORS[FAULT_LAMP]!, k * 4);
    out.codes[k] = code;
  }
  return out;
}

/**
 * Lamp fault counts by code, for the wall's tiles: the map's classification, published to the store
 * so that panels without the lamp columns can show them.
 */
export interface LampFaultCounts {
  byCode: number[];
}

const initialState: LampFaultCounts = { byCode: new Array<number>(FAULT_CODE_COUNT).fill(0) };

export const lampFaultsSlice = createSlice({
  name: 'lampFaults',
  initialState,
  reducers: {
    lampFaultsCounted(_s, { payload }: PayloadAction<number[]>) {
      return { byCode: payload };
    },
  },
  selectors: {
    selectLampFaultCounts: (s) => s.byCode,
  },
});

export const { lampFaultsCounted } = lampFaultsSlice.actions;
export const { selectLampFaultCounts } = lampFaultsSlice.selectors;

/** Lamps with any fault, from the counts by code (code 0 counts the lamps without one). */
export function faultyLampCount(byCode: readonly number[]): number {
  return byCode.reduce((n, v, code) => (code === 0 ? n : n + v), 0);
}

/**
 * Classifies the lamps at most every `everyMs` real ms, when the lamps, the cabinets' commands or
 * day and night changed, and publishes the counts. 50,000 lamps take about a millisecond.
 */
export function useLampFaults(
  lamps: Pick<LightColumns, 'count' | 'state' | 'level' | 'cabinet'> & { positions: Float32Array },
  lampsVersion: number,
  now: number | null,
  everyMs = 1000,
): FaultMarkers | null {
  const dispatch = useAppDispatch();
  const cabinets = useAppSelector(selectCabinets);
  const commands = useMemo(() => cabinetCommands(cabinets), [cabinets]);
  const daylight = now === null ? false : isDaylight(HUE, now);
  const [markers, setMarkers] = useState<FaultMarkers | null>(null);
  const last = useRef({ at: 0, codes: undefined as Uint8Array | undefined, byCode: '' });
  const [due, setDue] = useState(0);

  useEffect(() => {
    const wait = last.current.at + everyMs - Date.now();
    if (wait > 0) {
      // Too soon: come back when the interval is up, with whatever changed by then.
      const id = setTimeout(() => setDue((d) => d + 1), wait);
      return () => clearTimeout(id);
    }
    last.current.at = Date.now();
    if (lamps.count === 0) return;
    const faults = classifyLamps(lamps, commands, daylight, last.current.codes);
    last.current.codes = faults.code;
    setMarkers(faultMarkers(lamps.positions, faults));
    const key = faults.byCode.join(',');
    if (key !== last.current.byCode) {
      last.current.byCode = key;
      dispatch(lampFaultsCounted(faults.byCode));
    }
    return undefined;
  }, [lamps, lampsVersion, commands, daylight, everyMs, dispatch, due]);

  return markers;
}
