import { describe, expect, it } from 'vitest';
import { lampInventory } from './reading';

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
