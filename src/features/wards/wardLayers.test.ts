import { describe, expect, it } from 'vitest';
import type { WardFeature } from '../../shared/city/wardShapes';
import { rampColor, wardExtrusionProps } from './wardLayers';

describe('wardExtrusionProps', () => {
  it('raises and reddens the ward with the most open incidents per resident', () => {
    const wards: WardFeature[] = [
      {
        type: 'Feature',
        properties: { id: '1', name: 'A', population: 10_000 },
        geometry: { type: 'Polygon', coordinates: [] },
      },
      {
        type: 'Feature',
        properties: { id: '2', name: 'B', population: 10_000 },
        geometry: { type: 'Polygon', coordinates: [] },
      },
    ];
    const measures = new Map([
      ['1', { open: 8, per10k: 8 }],
      ['2', { open: 1, per10k: 1 }],
    ]);
    const p = wardExtrusionProps(wards, measures, true);
    expect(p.getElevation(wards[0]!)).toBeGreaterThan(p.getElevation(wards[1]!));
    expect(p.getFillColor(wards[0]!)).toEqual(rampColor(8, 8));
    expect(rampColor(8, 8)[0]).toBeGreaterThan(rampColor(1, 8)[0]);
  });
});
