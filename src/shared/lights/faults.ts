import { LAMP_DIMMED, LAMP_FAULT, LAMP_ON } from '../protocol/codes';
import type { CabinetStatus } from '../protocol/events';
import type { Setting } from './schedule';
import { localDay, sunTimes, type Place } from './sun';

// Lighting faults (issue 5). A lamp reports only its state and level; whether that is a fault depends
// on what its cabinet commands and on the sun. One rule, shared by the hub's REST summary and the
// browser's map and wall, so both count the same lamps.

/** Per lamp, a small code, so that 50,000 of them fit a Uint8Array the map can read. */
export const FAULT_NONE = 0;
/** the lamp itself reports a failure (LAMP_FAULT) */
export const FAULT_LAMP = 1;
/** lit while its cabinet has switched it off and the sun is up: burning by day */
export const FAULT_DAY_BURNING = 2;
/** lit, but not at the level its cabinet commands (full instead of dimmed, or another dim level) */
export const FAULT_WRONG_LEVEL = 3;
/** dark while its cabinet commands it on, or lit at night after the cabinet switched off */
export const FAULT_NOT_SWITCHED = 4;
export const FAULT_CODE_COUNT = 5;

/** The kinds as the UI, the REST API and docs/protocol.md name them, indexed by code (0 is none). */
export const LAMP_FAULT_KINDS = ['lamp-failure', 'day-burning', 'wrong-level', 'not-switched'] as const;
export type LampFaultKind = (typeof LAMP_FAULT_KINDS)[number];

/** Kind of a lamp fault code; null for FAULT_NONE or an unknown code. */
export function faultKindOf(code: number): LampFaultKind | null {
  return LAMP_FAULT_KINDS[code - 1] ?? null;
}

/**
 * What a cabinet drives its lamps to, from its control status: the operator's mode, or in `auto` the
 * level its schedule set (100 on, 0 off, between: dimmed). Null when it is offline or not controlled
 * by this hub: its lamps' states are then the last ones known, and judging them would be guessing.
 */
export function commandedSetting(status: Omit<CabinetStatus, 'id'> | undefined | null): Setting | null {
  if (!status || !status.online) return null;
  const { mode, level } = status;
  if (mode === 'on') return { mode: 'on', level: 100 };
  if (mode === 'off') return { mode: 'off', level: 0 };
  if (mode === 'dim') return { mode: 'dim', level };
  if (level >= 100) return { mode: 'on', level: 100 };
  if (level <= 0) return { mode: 'off', level: 0 };
  return { mode: 'dim', level };
}

/** What each cabinet commands now, in inventory order (the index the lamps' `cabinet` column uses). */
export function cabinetCommands(
  cabinets: readonly { status?: Omit<CabinetStatus, 'id'> | null }[],
): (Setting | null)[] {
  return cabinets.map((c) => commandedSetting(c.status));
}

/** Between today's sunrise and sunset at the place. */
export function isDaylight(place: Place, t: number): boolean {
  const { sunrise, sunset } = sunTimes(place, localDay(t, place));
  return sunrise <= t && t < sunset;
}

/** One lamp's fault code, given what its cabinet commands (null: not judged) and whether it is day. */
export function lampFault(state: number, level: number, command: Setting | null, daylight: boolean): number {
  if (state === LAMP_FAULT) return FAULT_LAMP;
  if (!command) return FAULT_NONE;
  const lit = state === LAMP_ON || state === LAMP_DIMMED;
  if (command.mode === 'off') {
    if (!lit) return FAULT_NONE;
    return daylight ? FAULT_DAY_BURNING : FAULT_NOT_SWITCHED;
  }
  if (!lit) return FAULT_NOT_SWITCHED;
  if (command.mode === 'on') return state === LAMP_ON ? FAULT_NONE : FAULT_WRONG_LEVEL;
  return state === LAMP_DIMMED && level === command.level ? FAULT_NONE : FAULT_WRONG_LEVEL;
}

/** The lamp columns the classification reads (the page's LampColumns, the hub's HubLampColumns). */
export interface FaultColumns {
  count: number;
  state: ArrayLike<number>;
  level: ArrayLike<number>;
  cabinet: ArrayLike<number>;
}

export interface LampFaults {
  /** fault code of each lamp */
  code: Uint8Array;
  /** indexes of the lamps with a fault, ascending */
  lamps: Uint32Array;
  /** how many lamps have each code (index 0: lamps without a fault) */
  byCode: number[];
}

/**
 * Classifies every lamp in one pass. `commands` is indexed like the cabinet inventory (the lamp
 * columns' `cabinet`); a lamp whose cabinet has no entry is judged only by its own failure state.
 * Pass the previous result's `code` as `reuse` to avoid reallocating it on every refresh.
 */
export function classifyLamps(
  lamps: FaultColumns,
  commands: readonly (Setting | null)[],
  daylight: boolean,
  reuse?: Uint8Array,
): LampFaults {
  const n = lamps.count;
  const code = reuse && reuse.length === n ? reuse : new Uint8Array(n);
  const byCode = new Array<number>(FAULT_CODE_COUNT).fill(0);
  let faulty = 0;
  for (let i = 0; i < n; i++) {
    const f = lampFault(lamps.state[i]!, lamps.level[i]!, commands[lamps.cabinet[i]!] ?? null, daylight);
    code[i] = f;
    byCode[f]! += 1;
    if (f !== FAULT_NONE) faulty++;
  }
  const list = new Uint32Array(faulty);
  for (let i = 0, k = 0; i < n; i++) if (code[i] !== FAULT_NONE) list[k++] = i;
  return { code, lamps: list, byCode };
}

/** Per cabinet and code, flat like cabinetCounts: entry `c * FAULT_CODE_COUNT + code`. */
export function faultsPerCabinet(
  faults: Pick<LampFaults, 'code' | 'lamps'>,
  cabinetOfLamp: ArrayLike<number>,
  cabinetCount: number,
): Uint32Array {
  const out = new Uint32Array(cabinetCount * FAULT_CODE_COUNT);
  for (const i of faults.lamps) {
    const c = cabinetOfLamp[i]!;
    if (c < cabinetCount) out[c * FAULT_CODE_COUNT + faults.code[i]!]! += 1;
  }
  return out;
}

/** Cabinet c's lamp faults by kind (from faultsPerCabinet), every kind present. */
export function faultTallyOf(perCabinet: Uint32Array, c: number): Record<LampFaultKind, number> {
  const out = {} as Record<LampFaultKind, number>;
  LAMP_FAULT_KINDS.forEach((kind, k) => (out[kind] = perCabinet[c * FAULT_CODE_COUNT + k + 1] ?? 0));
  return out;
}
