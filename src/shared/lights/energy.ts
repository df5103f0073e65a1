import { LAMP_DIMMED, LAMP_FAULT, LAMP_ON } from '../protocol/codes';

// Energy accounting for the streetlights (issue 5): kWh so far today, the dusk-to-dawn baseline and the
// share saved, city-wide and per ward. Pure arithmetic shared by the browser and the hub.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface PowerSeriesOptions {
  /**
   * City-time ms within which a new sample replaces the newest one instead of being appended. The lamp
   * columns report power on every frame, thousands of times a second; a chart and a daily sum need a
   * sample a minute at most.
   */
  spacingMs?: number;
  /** History that must fit at that spacing: a 24-hour chart plus slack for a late midnight. */
  spanMs?: number;
}

/** How far back a power series reaches by default: a day, and a replay's margin before it. */
export const POWER_SPAN_MS = 26 * HOUR_MS;

/**
 * City power draw over time, as a bounded ring of (t, watts) samples. Samples are read as a step
 * function: each value holds until the next sample, and the newest one holds until whatever time is
 * asked about. Memory is fixed at construction; once full, the oldest samples fall out.
 */
export class PowerSeries {
  readonly spacingMs: number;
  readonly capacity: number;
  private readonly times: Float64Array;
  private readonly watts: Float64Array;
  /** slot of the oldest sample */
  private head = 0;
  private count = 0;

  constructor({ spacingMs = MINUTE_MS, spanMs = POWER_SPAN_MS }: PowerSeriesOptions = {}) {
    if (!(spacingMs > 0) || !(spanMs > 0)) throw new RangeError('spacingMs and spanMs must be positive');
    this.spacingMs = spacingMs;
    // Stored samples are at least spacingMs apart, so this many always cover spanMs.
    this.capacity = Math.ceil(spanMs / spacingMs) + 1;
    this.times = new Float64Array(this.capacity);
    this.watts = new Float64Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records the city draw at city time t, in O(1). A sample closer than spacingMs to the newest one
   * overwrites that one's value (the latest reading of the interval wins) and keeps its time, so stored
   * samples stay spacingMs apart. A time further back than that means the city clock was reset (a
   * simulator restart, a replay): the history no longer lines up with it and is dropped.
   */
  add(t: number, watts: number): void {
    if (!Number.isFinite(t) || !Number.isFinite(watts)) return;
    if (this.count > 0) {
      const newest = this.slot(this.count - 1);
      const dt = t - this.times[newest]!;
      if (dt < -this.spacingMs) {
        this.clear();
      } else if (dt < this.spacingMs) {
        this.watts[newest] = watts;
        return;
      }
    }
    let s: number;
    if (this.count === this.capacity) {
      s = this.head;
      this.head = (this.head + 1) % this.capacity;
    } else {
      s = this.slot(this.count);
      this.count++;
    }
    this.times[s] = t;
    this.watts[s] = watts;
  }

  /** Samples with from <= t <= to, oldest first, as ECharts takes them for a time axis. */
  points(from: number, to: number): [number, number][] {
    const out: [number, number][] = [];
    for (let k = this.countBefore(from, false); k < this.count; k++) {
      const s = this.slot(k);
      const t = this.times[s]!;
      if (t > to) break;
      out.push([t, this.watts[s]!]);
    }
    return out;
  }

  /**
   * The step function over [from, to] as samples: the one in force at `from` (moved up to `from`),
   * then those after it. What a history handed to another series must hold so that it reads the same.
   */
  window(from: number, to: number): [number, number][] {
    const k = this.countBefore(from, true);
    const out = this.points(from, to);
    if (k > 0 && (out.length === 0 || out[0]![0] > from) && to >= from) {
      out.unshift([from, this.watts[this.slot(k - 1)]!]);
    }
    return out;
  }

  /**
   * Energy drawn over [from, to] in watt-hours: the integral of the step function, clipped to the
   * interval. Before the oldest sample the draw is unknown and counts as nothing. "kWh today" is
   * energyTotals (daily.ts).
   */
  energyWh(from: number, to: number): number {
    if (!(to > from) || this.count === 0) return 0;
    // The sample in force at `from` is the last one at or before it.
    let k = Math.max(0, this.countBefore(from, true) - 1);
    let wattMs = 0;
    for (; k < this.count; k++) {
      const s = this.slot(k);
      const start = this.times[s]!;
      if (start >= to) break;
      const end = k + 1 < this.count ? this.times[this.slot(k + 1)]! : to;
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (b > a) wattMs += this.watts[s]! * (b - a);
    }
    return wattMs / HOUR_MS;
  }

  /** Time of the oldest sample held, or null when there is none. */
  first(): number | null {
    return this.count === 0 ? null : this.times[this.head]!;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Ring slot of the k-th oldest sample. */
  private slot(k: number): number {
    return (this.head + k) % this.capacity;
  }

  /** How many samples lie before x (t < x), or at or before it when inclusive. Binary search. */
  private countBefore(x: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.times[this.slot(mid)]!;
      if (t < x || (inclusive && t === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * What the lamps would draw with no dimming and no part-night switching: every lamp at its full rating
 * (ratedWatts is their sum) from dusk to dawn. Nothing when dawn is not after dusk, so that a caller can
 * add the pieces of a calendar day that overlap the night, e.g. for "today so far":
 * baselineWh(w, midnight, Math.min(dawn, now)) + baselineWh(w, dusk, now).
 */
export function baselineWh(ratedWatts: number, dusk: number, dawn: number): number {
  if (!(dawn > dusk)) return 0;
  return (ratedWatts * (dawn - dusk)) / HOUR_MS;
}

/**
 * Share of the baseline saved: 1 when nothing was drawn, negative when more was drawn than the
 * baseline (lamps burning by day). Null when there is no baseline to compare with (before dusk). Also
 * serves a ward's instant saving: savedShare(drawW, ratedW), the units cancel.
 */
export function savedShare(actualWh: number, baselineWh: number): number | null {
  if (!(baselineWh > 0)) return null;
  return (baselineWh - actualWh) / baselineWh;
}

/**
 * Draw of one LED lamp in watts: full rating when on, proportional to level when dimmed, nothing when
 * off or faulted. The same rule as the city total, so that the wards add up to it.
 */
export function lampDrawW(state: number, level: number, watts: number): number {
  if (state === LAMP_ON) return watts;
  if (state === LAMP_DIMMED) return (watts * level) / 100;
  return 0;
}

/** Marks a lamp whose cabinet has no known ward: counted in no ward. */
export const NO_WARD = 0xffff;

/**
 * Ward index of each lamp, through its cabinet: the lamp columns name a cabinet per lamp and each
 * cabinet a ward code. Built once per inventory load, so that wardEnergy needs no lookup per lamp.
 */
export function lampWardIndex(
  cabinetOfLamp: ArrayLike<number>,
  cabinets: readonly { ward: string }[],
  wardCodes: readonly string[],
): Uint16Array {
  if (wardCodes.length >= NO_WARD) throw new RangeError('too many wards for a Uint16 index');
  const wardOf = new Map(wardCodes.map((code, i) => [code, i]));
  const cabinetWard = cabinets.map((c) => wardOf.get(c.ward) ?? NO_WARD);
  const out = new Uint16Array(cabinetOfLamp.length);
  for (let i = 0; i < out.length; i++) out[i] = cabinetWard[cabinetOfLamp[i]!] ?? NO_WARD;
  return out;
}

/** Lamp columns as the client holds them (LampColumns), plus each lamp's ward index. */
export interface LampEnergyColumns {
  count: number;
  /** index into the ward list, NO_WARD (or anything >= wardCount) for none */
  ward: ArrayLike<number>;
  /** rated watts at full level */
  watts: ArrayLike<number>;
  /** 0-100 */
  level: ArrayLike<number>;
  /** LAMP_OFF, LAMP_ON, LAMP_DIMMED or LAMP_FAULT */
  state: ArrayLike<number>;
}

/** Per ward, indexed like the ward list. */
export interface WardEnergy {
  /** watts drawn now */
  drawW: Float64Array;
  /** watts if every lamp of the ward were at full level: the baseline rate */
  ratedW: Float64Array;
  /**
   * rated watts of faulted lamps: they draw nothing, which is a failure, not a saving; subtract it from
   * ratedW to keep dark lamps out of the saving shown
   */
  faultW: Float64Array;
}

export function emptyWardEnergy(wardCount: number): WardEnergy {
  return {
    drawW: new Float64Array(wardCount),
    ratedW: new Float64Array(wardCount),
    faultW: new Float64Array(wardCount),
  };
}

/**
 * Current draw and rated total of each ward, in one pass over the lamp columns with no allocation per
 * lamp: cheap enough to run on every refresh for 50,000 lamps. Pass `out` (sized for wardCount) to
 * reuse its arrays from one refresh to the next; it is zeroed first.
 */
export function wardEnergy(
  lamps: LampEnergyColumns,
  wardCount: number,
  out: WardEnergy = emptyWardEnergy(wardCount),
): WardEnergy {
  const { drawW, ratedW, faultW } = out;
  if (drawW.length < wardCount || ratedW.length < wardCount || faultW.length < wardCount) {
    throw new RangeError('out is smaller than wardCount');
  }
  drawW.fill(0);
  ratedW.fill(0);
  faultW.fill(0);
  const { ward, watts, level, state } = lamps;
  const n = Math.min(lamps.count, ward.length, watts.length, level.length, state.length);
  for (let i = 0; i < n; i++) {
    const w = ward[i]!;
    if (w >= wardCount) continue;
    const rated = watts[i]!;
    const s = state[i]!;
    ratedW[w]! += rated;
    if (s === LAMP_ON) drawW[w]! += rated;
    else if (s === LAMP_DIMMED) drawW[w]! += (rated * level[i]!) / 100;
    else if (s === LAMP_FAULT) faultW[w]! += rated;
  }
  return out;
}
