import { describe, expect, it } from 'vitest';
import { PowerSeries } from '../../../shared/lighting/energy';
import { HUE, localDay, localMidnight, sunTimes } from '../../../shared/lighting/sun';
import { energyTotals, lampInventory } from './reading';

const HOUR = 3_600_000;
const DAY = localDay(Date.UTC(2026, 10, 23, 5, 0));
const midnight = localMidnight(DAY);
const today = sunTimes(HUE, DAY);

describe('energyTotals', () => {
  it('sums from the first sample when the page opened after midnight, against the night part of it', () => {
    const s = new PowerSeries();
    const opened = today.sunset + HOUR;
    s.add(opened, 4000);
    const now = opened + 2 * HOUR;
    const r = energyTotals(s, now, 10_000);
    expect(r.firstSample).toBe(opened);
    expect(r.since).toBe(opened);
    expect(r.todayWh).toBeCloseTo(8000, 6);
    expect(r.baselineWh).toBeCloseTo(20_000, 6);
    expect(r.saved).toBeCloseTo(0.6, 9);
  });

  it('sums from midnight once the samples reach back past it', () => {
    const s = new PowerSeries();
    s.add(midnight - 2 * HOUR, 1000);
    const now = midnight + HOUR;
    const r = energyTotals(s, now, 1000);
    expect(r.since).toBe(midnight);
    expect(r.todayWh).toBeCloseTo(1000, 6);
    expect(r.saved).toBeCloseTo(0, 9);
  });

  it('has no saving to show by day and nothing at all before a sample', () => {
    const s = new PowerSeries();
    const noon = midnight + 12 * HOUR;
    s.add(noon, 0);
    expect(energyTotals(s, noon + HOUR, 5000).saved).toBeNull();
    const empty = energyTotals(new PowerSeries(), noon, 5000);
    expect(empty.firstSample).toBeNull();
    expect(empty.todayWh).toBe(0);
    expect(empty.points).toEqual([]);
  });
});

describe('lampInventory', () => {
  it('maps lamps to wards through their cabinets and adds up the ratings', () => {
    const inv = lampInventory(
      { count: 4, cabinet: new Uint32Array([1, 0, 1, 2]), watts: new Float32Array([100, 60, 100, 40]) },
      [{ ward: 'B' }, { ward: 'A' }, { ward: 'unknown' }],
      ['A', 'B'],
    );
    expect([...inv.lampCounts]).toEqual([2, 1]);
    expect(inv.ratedW).toBe(300);
  });
});
