import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { HUE_WARDS, URBAN_WARD_CODES, isInWard, randomPointInWard, wardAt, wardByCode } from './wards';

describe('HUE_WARDS', () => {
  it('holds the 40 units of 2025 with GSO codes, names and population', () => {
    expect(HUE_WARDS).toHaveLength(40);
    expect(new Set(HUE_WARDS.map((w) => w.code)).size).toBe(40);
    for (const w of HUE_WARDS) {
      expect(w.code).toMatch(/^\d{5}$/);
      expect(w.population).toBeGreaterThan(1000);
    }
    const total = HUE_WARDS.reduce((sum, w) => sum + w.population, 0);
    expect(total).toBeGreaterThan(1_200_000);
    expect(total).toBeLessThan(1_500_000);
    expect(wardByCode('19753')?.name).toBe('Phú Xuân');
    for (const code of URBAN_WARD_CODES) expect(wardByCode(code)?.type).toBe('Phường');
  });
});

describe('wardAt', () => {
  it('finds the ward of landmarks', () => {
    expect(wardAt(107.577, 16.469)?.name).toBe('Phú Xuân'); // Imperial City
    expect(wardAt(107.588, 16.473)?.name).toBe('Phú Xuân'); // Đông Ba market
    expect(wardAt(107.594, 16.465)?.name).toBe('Thuận Hóa'); // Lê Lợi, south bank
  });

  it('finds nothing at sea or outside the city', () => {
    expect(wardAt(107.9, 16.7)).toBeUndefined(); // the East Sea
    expect(wardAt(106.5, 16.4)).toBeUndefined();
  });

  it('agrees with isInWard', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const lon = rng.range(107.5, 107.7);
      const lat = rng.range(16.38, 16.56);
      const code = wardAt(lon, lat)?.code;
      for (const w of ['19753', '19789', '19777']) expect(isInWard(w, lon, lat)).toBe(code === w);
    }
  });
});

describe('randomPointInWard', () => {
  it('draws points that the ward holds', () => {
    const rng = new Rng(9);
    for (const w of HUE_WARDS) {
      for (let i = 0; i < 20; i++) {
        const [lon, lat] = randomPointInWard(rng, w.code);
        expect(wardAt(lon, lat)?.code).toBe(w.code);
      }
    }
  });
});
