import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import {
  classifyLamps,
  cabinetCommands,
  FAULT_CODE_COUNT,
  FAULT_DAY_BURNING,
  FAULT_LAMP,
  FAULT_NOT_SWITCHED,
  FAULT_WRONG_LEVEL,
  faultsPerCabinet,
  isDaylight,
  type LampFaults,
} from '../../shared/lights/faults';
import { HUE } from '../../shared/lights/sun';
import { Throttle } from '../../shared/throttle';
import { selectCabinets, type CabinetsState } from './cabinetsSlice';
import type { LampColumns } from './lampColumns';

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

/** Lamp faults as the store holds them: counts by code, and a version that changes with each judgement. */
export interface LampFaultsState {
  /** lamps by fault code (index 0: lamps without a fault) */
  byCode: number[];
  /** bumped whenever the watch publishes new markers; panels that read them re-read on a change */
  version: number;
}

const initialState: LampFaultsState = { byCode: new Array<number>(FAULT_CODE_COUNT).fill(0), version: 0 };

export const lampFaultsSlice = createSlice({
  name: 'lampFaults',
  initialState,
  reducers: {
    lampFaultsJudged(_s, { payload }: PayloadAction<LampFaultsState>) {
      return payload;
    },
  },
  selectors: {
    selectLampFaultCounts: (s) => s.byCode,
    selectLampFaultsVersion: (s) => s.version,
  },
});

export const { lampFaultsJudged } = lampFaultsSlice.actions;
export const { selectLampFaultCounts, selectLampFaultsVersion } = lampFaultsSlice.selectors;

/** Lamps with any fault, from the counts by code (code 0 counts the lamps without one). */
export function faultyLampCount(byCode: readonly number[]): number {
  return byCode.reduce((n, v, code) => (code === 0 ? n : n + v), 0);
}

/** The store as far as the watch reads and writes it. */
export interface FaultWatchStore {
  getState(): { lights: { version: number }; cabinets: CabinetsState; lampFaults: LampFaultsState };
  dispatch(action: ReturnType<typeof lampFaultsJudged>): unknown;
  subscribe(listener: () => void): () => void;
}

/** What one judgement of every lamp gives the page: markers for the map, tallies for the panels. */
export interface JudgedFaults {
  markers: FaultMarkers;
  /** lamps per cabinet and fault code, flat: entry `c * FAULT_CODE_COUNT + code` (see faultsPerCabinet) */
  perCabinet: Uint32Array;
}

/**
 * The one place the page judges its lamps for faults. It watches the store (the stream's flush is what
 * changes it), and when the lamps, the cabinets' commands or day and night changed it classifies every
 * lamp, at most once per `everyMs`: a fault is a lamp that stays wrong, not a blip, and 50,000 lamps
 * take about a millisecond. The counts go to the store; the markers and per-cabinet tallies, typed
 * arrays like the lamp columns, stay here, with the store's `lampFaults.version` telling readers when
 * they changed. The map, the wall's tile and the lights console only read what it publishes.
 */
export class LampFaultWatch {
  /** null until the first judgement of a loaded inventory */
  judged: JudgedFaults | null = null;
  private readonly throttle: Throttle;
  private seen: { lamps: number; cabinets: unknown; daylight: boolean | null } = {
    lamps: -1,
    cabinets: null,
    daylight: null,
  };
  private codes: Uint8Array | undefined;

  constructor(
    private readonly store: FaultWatchStore,
    private readonly lamps: Pick<LampColumns, 'count' | 'state' | 'level' | 'cabinet' | 'positions'>,
    /** city time now, or null before the first snapshot */
    private readonly cityNow: () => number | null,
    everyMs = 1000,
  ) {
    this.throttle = new Throttle(everyMs, () => this.judge());
  }

  /** Starts watching; returns the stop. */
  start(): () => void {
    const unsubscribe = this.store.subscribe(() => this.onChange());
    this.onChange();
    return () => {
      unsubscribe();
      this.throttle.cancel();
    };
  }

  private daylight(): boolean {
    const now = this.cityNow();
    return now !== null && isDaylight(HUE, now);
  }

  private onChange(): void {
    // Nothing to judge before the inventory: a poke now would only hold the first judgement back.
    if (this.lamps.count === 0) return;
    const s = this.store.getState();
    const cabinets = selectCabinets(s);
    const daylight = this.daylight();
    const seen = this.seen;
    if (seen.lamps === s.lights.version && seen.cabinets === cabinets && seen.daylight === daylight) return;
    seen.lamps = s.lights.version;
    seen.cabinets = cabinets;
    seen.daylight = daylight;
    this.throttle.poke();
  }

  private judge(): void {
    const lamps = this.lamps;
    const s = this.store.getState();
    const cabinets = selectCabinets(s);
    const faults = classifyLamps(lamps, cabinetCommands(cabinets), this.daylight(), this.codes);
    this.codes = faults.code;
    this.judged = {
      markers: faultMarkers(lamps.positions, faults),
      perCabinet: faultsPerCabinet(faults, lamps.cabinet, cabinets.length),
    };
    this.store.dispatch(lampFaultsJudged({ byCode: faults.byCode, version: s.lampFaults.version + 1 }));
  }
}
