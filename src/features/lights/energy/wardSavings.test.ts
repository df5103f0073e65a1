import { describe, expect, it } from 'vitest';
import { NO_WARD, wardEnergy } from '../../../shared/lights/energy';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../../shared/protocol/codes';
import { topWardSavings, wardLampCounts } from './wardSavings';

/** Lamps of 100 W: ward, state, level. */
function columns(lamps: [number, number, number][]) {
  return {
    count: lamps.length,
    ward: lamps.map(([w]) => w),
    state: lamps.map(([, s]) => s),
    level: lamps.map(([, , l]) => l),
    watts: lamps.map(() => 100),
  };
}

describe('wardLampCounts', () => {
  it('counts lamps per ward, leaving out those of no ward', () => {
    expect([...wardLampCounts([0, 2, 2, NO_WARD, 1, 2], 3)]).toEqual([1, 1, 3]);
  });
});

describe('topWardSavings', () => {
  const lamps = columns([
    // ward 0: two lamps dimmed to 40 %, one faulted → 20 % drawn of the 200 W that work
    [0, LAMP_DIMMED, 40],
    [0, LAMP_DIMMED, 40],
    [0, LAMP_FAULT, 100],
    // ward 1: one lamp at full power
    [1, LAMP_ON, 100],
    // ward 2: four lamps, two off → half saved
    [2, LAMP_ON, 100],
    [2, LAMP_ON, 100],
    [2, LAMP_OFF, 0],
    [2, LAMP_OFF, 0],
  ]);
  const counts = wardLampCounts(lamps.ward, 4);

  it('ranks wards by lamp count and keeps faulted lamps out of the saving', () => {
    const rows = topWardSavings(wardEnergy(lamps, 4), counts, 6);
    expect(rows).not.toBeNull();
    expect(rows!.map((r) => [r.ward, r.lamps])).toEqual([
      [2, 4],
      [0, 3],
      [1, 1],
    ]);
    expect(rows![0]!.saved).toBeCloseTo(0.5, 9);
    expect(rows![1]!.saved).toBeCloseTo(0.6, 9);
    expect(rows![2]!.saved).toBe(0);
  });

  it('keeps only the wards asked for', () => {
    expect(topWardSavings(wardEnergy(lamps, 4), counts, 1)!.map((r) => r.ward)).toEqual([2]);
  });

  it('is null while every lamp is dark', () => {
    const day = columns([
      [0, LAMP_OFF, 0],
      [1, LAMP_OFF, 0],
      [1, LAMP_FAULT, 0],
    ]);
    expect(topWardSavings(wardEnergy(day, 2), wardLampCounts(day.ward, 2), 6)).toBeNull();
  });

  it('gives no saving for a ward whose lamps are all faulted', () => {
    const night = columns([
      [0, LAMP_ON, 100],
      [1, LAMP_FAULT, 0],
    ]);
    const rows = topWardSavings(wardEnergy(night, 2), wardLampCounts(night.ward, 2), 6)!;
    expect(rows.find((r) => r.ward === 1)!.saved).toBeNull();
  });
});
