import { LAMP_STATE_COUNT } from './codes';

// `light.states` (protocol version 2): a tick's lamp changes as one event, three columns of equal
// length, one entry per lamp that changed, each lamp at most once. The hub and the wall check it with
// the same hand-written function: zod per lamp would cost more than applying the batch.

/** `light.states` data: lamp index, LAMP_* state code and dim level 0-100, entry k of each for one lamp. */
export interface LightStates {
  i: number[];
  s: number[];
  l: number[];
}

/** What is wrong with a batch: a path inside `data` (e.g. `i.17`) and why. */
export interface LightStatesProblem {
  path: string;
  message: string;
}

// Which lamps a batch has named so far: a mark per lamp, stamped with a generation so that a check
// need not clear 50,000 entries first. Checks run synchronously, one at a time, so one table serves all.
let marks = new Uint32Array(0);
let generation = 0;

function freshMarks(lampCount: number): number {
  if (marks.length < lampCount) {
    marks = new Uint32Array(lampCount);
    generation = 0;
  }
  if (++generation >= 0xffffffff) {
    marks.fill(0);
    generation = 1;
  }
  return generation;
}

/**
 * Null when `data` is a valid `light.states` for an inventory of `lampCount` lamps; otherwise its
 * first problem, naming the entry. One pass over the columns, no allocation on the valid path.
 */
export function lightStatesProblem(data: unknown, lampCount: number): LightStatesProblem | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { path: '', message: 'expected an object { i, s, l } of three arrays' };
  }
  const { i, s, l } = data as Record<string, unknown>;
  if (!Array.isArray(i)) return { path: 'i', message: 'expected an array of lamp indexes' };
  if (!Array.isArray(s)) return { path: 's', message: 'expected an array of lamp states' };
  if (!Array.isArray(l)) return { path: 'l', message: 'expected an array of dim levels' };
  const n = i.length;
  if (n === 0) return { path: 'i', message: 'expected at least one lamp' };
  if (s.length !== n) return { path: 's', message: `expected ${n} entries, as many as i, got ${s.length}` };
  if (l.length !== n) return { path: 'l', message: `expected ${n} entries, as many as i, got ${l.length}` };
  const stamp = freshMarks(lampCount);
  for (let k = 0; k < n; k++) {
    const index: unknown = i[k];
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= lampCount) {
      const range =
        lampCount > 0 ? `an integer from 0 to ${lampCount - 1}` : 'a known lamp (this hub has none)';
      return { path: `i.${k}`, message: `lamp index must be ${range}` };
    }
    if (marks[index as number] === stamp) {
      return {
        path: `i.${k}`,
        message: `lamp ${index as number} is named twice (also at i.${i.indexOf(index)}): each lamp at most once`,
      };
    }
    marks[index as number] = stamp;
    const state: unknown = s[k];
    if (!Number.isInteger(state) || (state as number) < 0 || (state as number) >= LAMP_STATE_COUNT) {
      return { path: `s.${k}`, message: `lamp state must be an integer from 0 to ${LAMP_STATE_COUNT - 1}` };
    }
    const level: unknown = l[k];
    // NaN fails both comparisons.
    if (typeof level !== 'number' || !(level >= 0 && level <= 100)) {
      return { path: `l.${k}`, message: 'dim level must be a number from 0 to 100' };
    }
  }
  return null;
}

export function isLightStates(data: unknown, lampCount: number): data is LightStates {
  return lightStatesProblem(data, lampCount) === null;
}

/**
 * Collects lamp changes into one `light.states`, the latest change of each lamp winning in the place
 * of its first. For a producer (the simulator) and for the hub, which folds a call's lamp events.
 */
export class LightStatesBuilder {
  /** lamp → its entry + 1 in the columns being built (0: not in them) */
  private readonly slot: Int32Array;
  private i: number[] = [];
  private s: number[] = [];
  private l: number[] = [];

  constructor(readonly lampCount: number) {
    this.slot = new Int32Array(lampCount);
  }

  get size(): number {
    return this.i.length;
  }

  /** Records a lamp's state; an index outside the inventory is ignored (validation refuses it first). */
  set(index: number, state: number, level: number): void {
    if (!(index >= 0 && index < this.lampCount)) return;
    const at = this.slot[index]!;
    if (at > 0) {
      this.s[at - 1] = state;
      this.l[at - 1] = level;
      return;
    }
    this.slot[index] = this.i.push(index);
    this.s.push(state);
    this.l.push(level);
  }

  /** Adds every entry of a batch, in order. */
  add(batch: LightStates): void {
    for (let k = 0; k < batch.i.length; k++) this.set(batch.i[k]!, batch.s[k]!, batch.l[k]!);
  }

  /** The batch so far, or null when nothing changed; the builder starts empty again. */
  take(): LightStates | null {
    if (this.i.length === 0) return null;
    const out = { i: this.i, s: this.s, l: this.l };
    for (const index of this.i) this.slot[index] = 0;
    this.i = [];
    this.s = [];
    this.l = [];
    return out;
  }
}
