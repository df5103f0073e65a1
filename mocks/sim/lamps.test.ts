import { describe, expect, it } from 'vitest';
import { buildLampLayout } from './lamps';

describe('buildLampLayout', () => {
  it('is the same for the same seed and packs each cabinet contiguously', () => {
    const a = buildLampLayout(5, 3000);
    const b = buildLampLayout(5, 3000);
    expect(Array.from(b.lon)).toEqual(Array.from(a.lon));
    expect(a.cabinets[0]?.start).toBe(0);
    expect(a.cabinets.at(-1)?.end).toBe(3000);
    a.cabinets.forEach((c, i) => {
      if (i > 0) expect(c.start).toBe(a.cabinets[i - 1]!.end);
      for (let k = c.start; k < c.end; k++) expect(a.cabinet[k]).toBe(i);
      expect(c.offsetMs).toBeGreaterThanOrEqual(0);
      expect(c.offsetMs).toBeLessThanOrEqual(10 * 60_000);
    });
  });

  it('spaces lamps along streets, not on top of each other', () => {
    const l = buildLampLayout(1, 2000);
    const keys = new Set<string>();
    for (let i = 0; i < l.count; i++) keys.add(`${l.lon[i]},${l.lat[i]}`);
    expect(keys.size).toBe(l.count);
    let near = 0;
    for (let i = 1; i < l.count; i++) {
      const dx = (l.lon[i]! - l.lon[i - 1]!) * 106_700;
      const dy = (l.lat[i]! - l.lat[i - 1]!) * 110_600;
      const d = Math.hypot(dx, dy);
      if (d > 20 && d < 50) near++;
    }
    // most consecutive lamps are neighbours on the same street, ~32 m apart
    expect(near / l.count).toBeGreaterThan(0.8);
  });
});
