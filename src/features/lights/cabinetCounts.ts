import { FAULT_CODE_COUNT } from '../../shared/lights/faults';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON, LAMP_STATE_COUNT } from '../../shared/protocol/codes';
import type { Cabinet } from '../../shared/protocol/events';
import type { LampColumns } from './lampColumns';
import { fold } from '../../shared/text';

/**
 * Lamps per cabinet and state, flat: entry `c * LAMP_STATE_COUNT + state` counts cabinet c's lamps in
 * that state, so the four counts of a cabinet are [off, on, dimmed, fault] (the LAMP_* codes). One
 * typed array for a thousand cabinets instead of a thousand objects, rebuilt twice a second.
 */
export type CabinetCounts = Uint32Array;

/**
 * Counts every lamp once, by the cabinet it hangs on (its index in the inventory order) and its
 * state. A lamp naming a cabinet beyond `cabinetCount`, or a state outside the codes, is skipped: a
 * snapshot and the cabinet list can be a moment apart.
 */
export function cabinetCounts(
  lamps: Pick<LampColumns, 'count' | 'state' | 'cabinet'>,
  cabinetCount: number,
): CabinetCounts {
  const out = new Uint32Array(cabinetCount * LAMP_STATE_COUNT);
  const { count, state, cabinet } = lamps;
  for (let i = 0; i < count; i++) {
    const c = cabinet[i]!;
    const s = state[i]!;
    if (c >= cabinetCount || s >= LAMP_STATE_COUNT) continue;
    out[c * LAMP_STATE_COUNT + s]! += 1;
  }
  return out;
}

/** Cabinet c's lamps in one state; 0 for a cabinet the counts do not cover. */
export function countOf(counts: CabinetCounts, c: number, state: number): number {
  return counts[c * LAMP_STATE_COUNT + state] ?? 0;
}

/** All of cabinet c's lamps, whatever their state. */
export function lampsOf(counts: CabinetCounts, c: number): number {
  let n = 0;
  for (let s = 0; s < LAMP_STATE_COUNT; s++) n += countOf(counts, c, s);
  return n;
}

export interface LampTally {
  off: number;
  on: number;
  dimmed: number;
  fault: number;
}

/** Cabinet c's four counts by name. */
export function tallyOf(counts: CabinetCounts, c: number): LampTally {
  return {
    off: countOf(counts, c, LAMP_OFF),
    on: countOf(counts, c, LAMP_ON),
    dimmed: countOf(counts, c, LAMP_DIMMED),
    fault: countOf(counts, c, LAMP_FAULT),
  };
}

/**
 * Lamps with a fault per cabinet and fault code, flat like CabinetCounts: entry
 * `c * FAULT_CODE_COUNT + code` (the FAULT_* codes; entry 0 of each cabinet stays 0).
 */
export type CabinetFaults = Uint32Array;

/** Cabinet c's lamps with a fault, of any kind; 0 for a cabinet the counts do not cover. */
export function lampFaultsOf(faults: CabinetFaults, c: number): number {
  let n = 0;
  for (let code = 1; code < FAULT_CODE_COUNT; code++) n += faults[c * FAULT_CODE_COUNT + code] ?? 0;
  return n;
}

/**
 * Needs a crew: the cabinet stopped answering, or one of its lamps has a fault of any kind (failed,
 * burning by day, at the wrong level, not switched). A cabinet without a control status (a hub that
 * does not control lighting) is not counted as offline.
 */
export function needsAttention(cab: Cabinet, faults: CabinetFaults, c: number): boolean {
  return cab.status?.online === false || lampFaultsOf(faults, c) > 0;
}

/** What the cabinet list filters by. Empty string: no filter on that field. */
export interface CabinetFilter {
  /** part of the cabinet id or of its ward's name, without regard to case or diacritics */
  text: string;
  /** a ward code */
  ward: string;
  faultsOnly: boolean;
}

export const NO_CABINET_FILTER: CabinetFilter = { text: '', ward: '', faultsOnly: false };

/** What the free text is searched in, folded once per cabinet object (a status update makes a new one). */
const haystacks = new WeakMap<Cabinet, string>();
function haystack(cab: Cabinet, wardName: (code: string) => string | null): string {
  let hay = haystacks.get(cab);
  if (hay === undefined) {
    hay = fold(`${cab.id} ${wardName(cab.ward) ?? ''}`);
    haystacks.set(cab, hay);
  }
  return hay;
}

/**
 * The inventory indexes of the cabinets the filter lets through, in inventory order. Indexes, not
 * cabinets: the row needs its index to read its counts. `faults` decides `faultsOnly`.
 */
export function filterCabinets(
  cabinets: readonly Cabinet[],
  faults: CabinetFaults,
  f: CabinetFilter,
  wardName: (code: string) => string | null,
): number[] {
  const needle = fold(f.text.trim());
  const out: number[] = [];
  for (let c = 0; c < cabinets.length; c++) {
    const cab = cabinets[c]!;
    if (f.ward && cab.ward !== f.ward) continue;
    if (f.faultsOnly && !needsAttention(cab, faults, c)) continue;
    if (needle && !haystack(cab, wardName).includes(needle)) continue;
    out.push(c);
  }
  return out;
}
