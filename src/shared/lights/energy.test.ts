import { describe, expect, it } from 'vitest';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../protocol/codes';
import {
  NO_WARD,
  PowerSeries,
  baselineWh,
  emptyWardEnergy,
  lampDrawW,
  lampWardIndex,
  savedShare,
  wardEnergy,
} from './energy';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 11, 0); // 18:00 in Huế

/** 1000 W from T0 for 2 h, then 500 W for 1 h, then 0. */
function stepSeries(): PowerSeries {
  const s = new PowerSeries();
  s.add(T0, 1000);
  s.add(T0 + 2 * HOUR, 500);
  s.add(T0 + 3 * HOUR, 0);
  return s;
}

describe('PowerSeries', () => {
  it('hands over a window that reads the same as the whole: the sample in force at its start first', () => {
    const s = stepSeries();
    const from = T0 + HOUR;
    const to = T0 + 4 * HOUR;
    const w = s.window(from, to);
    expect(w).toEqual([
      [from, 1000],
      [T0 + 2 * HOUR, 500],
      [T0 + 3 * HOUR, 0],
    ]);
    const copy = new PowerSeries();
    for (const [t, v] of w) copy.add(t, v);
    expect(copy.energyWh(from, to)).toBeCloseTo(s.energyWh(from, to), 9);
    expect(copy.first()).toBe(from);
    // A window starting on a sample, or before the first, adds nothing in front.
    expect(s.window(T0 + 2 * HOUR, to)[0]).toEqual([T0 + 2 * HOUR, 500]);
    expect(s.window(T0 - HOUR, T0)).toEqual([[T0, 1000]]);
    expect(new PowerSeries().window(T0, to)).toEqual([]);
    expect(new PowerSeries().first()).toBeNull();
  });

  it('integrates power as a step function', () => {
    const s = stepSeries();
    expect(s.energyWh(T0, T0 + 3 * HOUR)).toBeCloseTo(2500, 9);
    // the last sample holds until `to`
    const open = new PowerSeries();
    open.add(T0, 1200);
    expect(open.energyWh(T0, T0 + 90 * MIN)).toBeCloseTo(1800, 9);
  });

  it('clips to the interval at both ends', () => {
    const s = stepSeries();
    // 1 h at 1000 W then 30 min at 500 W
    expect(s.energyWh(T0 + HOUR, T0 + 2.5 * HOUR)).toBeCloseTo(1250, 9);
    // inside a single step
    expect(s.energyWh(T0 + 10 * MIN, T0 + 40 * MIN)).toBeCloseTo(500, 9);
    // before the first sample the draw is unknown and counts as nothing
    expect(s.energyWh(T0 - 5 * HOUR, T0 + HOUR)).toBeCloseTo(1000, 9);
    expect(s.energyWh(T0 + 5 * HOUR, T0 + 6 * HOUR)).toBe(0);
    expect(s.energyWh(T0 + HOUR, T0 + HOUR)).toBe(0);
    expect(s.energyWh(T0 + 2 * HOUR, T0 + HOUR)).toBe(0);
    expect(new PowerSeries().energyWh(T0, T0 + HOUR)).toBe(0);
  });

  it('merges close samples into the newest, keeping the latest value', () => {
    const s = new PowerSeries({ spacingMs: MIN });
    s.add(T0, 100);
    s.add(T0 + 10_000, 200);
    s.add(T0 + 59_999, 300);
    expect(s.size).toBe(1);
    expect(s.points(T0 - HOUR, T0 + HOUR)).toEqual([[T0, 300]]);
    s.add(T0 + MIN, 400);
    expect(s.size).toBe(2);
    expect(s.energyWh(T0, T0 + 2 * MIN)).toBeCloseTo((300 + 400) / 60, 9);
  });

  it('stays bounded under a flood of updates, dropping the oldest', () => {
    const s = new PowerSeries({ spacingMs: MIN, spanMs: 26 * HOUR });
    expect(s.capacity).toBeGreaterThanOrEqual(26 * 60);
    const n = 100_000;
    const span = 30 * HOUR;
    for (let i = 0; i < n; i++) s.add(T0 + (i * span) / n, 1000);
    expect(s.size).toBe(s.capacity);
    const pts = s.points(-Infinity, Infinity);
    expect(pts.length).toBe(s.capacity);
    const first = pts[0]![0];
    const last = pts[pts.length - 1]![0];
    // the first four hours fell out, the last 26 are still there
    expect(first).toBeGreaterThan(T0 + 3 * HOUR);
    expect(last - first).toBeGreaterThanOrEqual(26 * HOUR - MIN);
    expect(last).toBeGreaterThan(T0 + span - 2 * MIN);
    // a constant 1 kW over the held 24 hours
    expect(s.energyWh(T0 + 6 * HOUR, T0 + 30 * HOUR)).toBeCloseTo(24_000, 6);
  });

  it('lists points oldest first within the range, across the ring wrap', () => {
    const s = new PowerSeries({ spacingMs: MIN, spanMs: 4 * MIN }); // capacity 5
    for (let i = 0; i < 8; i++) s.add(T0 + i * MIN, i * 10);
    expect(s.size).toBe(5);
    expect(s.points(-Infinity, Infinity)).toEqual([
      [T0 + 3 * MIN, 30],
      [T0 + 4 * MIN, 40],
      [T0 + 5 * MIN, 50],
      [T0 + 6 * MIN, 60],
      [T0 + 7 * MIN, 70],
    ]);
    expect(s.points(T0 + 4 * MIN, T0 + 6 * MIN).map(([t]) => t)).toEqual([
      T0 + 4 * MIN,
      T0 + 5 * MIN,
      T0 + 6 * MIN,
    ]);
    expect(s.points(T0 + 4.5 * MIN, T0 + 4.9 * MIN)).toEqual([]);
  });

  it('starts over when the city clock goes back, and on clear()', () => {
    const s = stepSeries();
    s.add(T0 - HOUR, 700); // simulator restarted an hour before the history
    expect(s.points(-Infinity, Infinity)).toEqual([[T0 - HOUR, 700]]);
    s.add(T0 - HOUR - 30_000, 800); // a little back: same interval
    expect(s.points(-Infinity, Infinity)).toEqual([[T0 - HOUR, 800]]);
    s.clear();
    expect(s.size).toBe(0);
    expect(s.energyWh(T0 - 2 * HOUR, T0)).toBe(0);
  });

  it('ignores non-finite samples', () => {
    const s = new PowerSeries();
    s.add(Number.NaN, 10);
    s.add(T0, Number.POSITIVE_INFINITY);
    expect(s.size).toBe(0);
  });
});

describe('baseline and saving', () => {
  it('is every lamp at full rating from dusk to dawn', () => {
    expect(baselineWh(20_000, T0, T0 + 12 * HOUR)).toBeCloseTo(240_000, 9);
    expect(baselineWh(20_000, T0, T0)).toBe(0);
    expect(baselineWh(20_000, T0 + HOUR, T0)).toBe(0);
  });

  it('gives the share saved, null without a baseline', () => {
    expect(savedShare(2500, 10_000)).toBeCloseTo(0.75, 12);
    expect(savedShare(0, 10_000)).toBe(1);
    expect(savedShare(12_000, 10_000)).toBeCloseTo(-0.2, 12);
    expect(savedShare(0, 0)).toBeNull();
    expect(savedShare(100, 0)).toBeNull();
  });
});

describe('wardEnergy', () => {
  // ward 0: on 100 W, dimmed 50% of 120 W, fault 90 W; ward 1: off 80 W, dimmed 30% of 200 W;
  // the last lamp has no ward
  const lamps = {
    count: 6,
    ward: Uint16Array.from([0, 0, 0, 1, 1, NO_WARD]),
    watts: Uint16Array.from([100, 120, 90, 80, 200, 500]),
    level: Uint8Array.from([100, 50, 0, 0, 30, 100]),
    state: Uint8Array.from([LAMP_ON, LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_DIMMED, LAMP_ON]),
  };

  it('sums the draw and the rating of each ward', () => {
    const e = wardEnergy(lamps, 2);
    expect(Array.from(e.drawW)).toEqual([100 + 60, 60]);
    expect(Array.from(e.ratedW)).toEqual([100 + 120 + 90, 80 + 200]);
    expect(Array.from(e.faultW)).toEqual([90, 0]);
    expect(savedShare(e.drawW[1]!, e.ratedW[1]!)).toBeCloseTo(1 - 60 / 280, 12);
  });

  it('adds up to the per-lamp draw, and reuses the output it is given', () => {
    const out = emptyWardEnergy(3);
    out.drawW.fill(1e9);
    wardEnergy(lamps, 3, out);
    let total = 0;
    for (let i = 0; i < lamps.count; i++) {
      if (lamps.ward[i]! < 3) total += lampDrawW(lamps.state[i]!, lamps.level[i]!, lamps.watts[i]!);
    }
    expect(out.drawW.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
    expect(out.drawW[2]).toBe(0);
    expect(() => wardEnergy(lamps, 4, out)).toThrow(RangeError);
  });

  it('maps lamps to wards through their cabinets', () => {
    const idx = lampWardIndex(
      [0, 1, 1, 2, 0],
      [{ ward: '19753' }, { ward: '19768' }, { ward: 'unknown' }],
      ['19768', '19753'],
    );
    expect(Array.from(idx)).toEqual([1, 0, 0, NO_WARD, 1]);
  });
});
