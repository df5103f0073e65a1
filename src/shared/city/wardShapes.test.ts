import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WardFeature } from './wardShapes';

const square: WardFeature = {
  type: 'Feature',
  properties: { id: '19753', name: 'Phú Xuân', population: 130_247 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [107.5, 16.4],
        [107.6, 16.4],
        [107.6, 16.5],
        [107.5, 16.4],
      ],
    ],
  },
};

// The loader keeps its promise per page: each test starts from a fresh copy of the module.
async function freshLoader(answers: (() => Promise<Response>)[]) {
  const fetch = vi.fn(() => answers.shift()!());
  vi.stubGlobal('fetch', fetch);
  vi.resetModules();
  return { fetch, ...(await import('./wardShapes')) };
}

const ok = () => Promise.resolve(Response.json({ type: 'FeatureCollection', features: [square] }));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadWardShapes', () => {
  it('fetches the boundary file once, however many views ask', async () => {
    const { fetch, loadWardShapes, loadedWardShapes } = await freshLoader([ok]);
    expect(loadedWardShapes()).toBeNull();
    const [a, b] = await Promise.all([loadWardShapes(), loadWardShapes()]);
    expect(await loadWardShapes()).toBe(a);
    expect(b).toBe(a);
    expect(a.map((f) => f.properties.name)).toEqual(['Phú Xuân']);
    expect(loadedWardShapes()).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers no wards when the fetch fails, and tries again on the next call', async () => {
    const { fetch, loadWardShapes, loadedWardShapes } = await freshLoader([
      () => Promise.reject(new TypeError('network')),
      () => Promise.resolve(new Response('missing', { status: 404 })),
      ok,
    ]);
    expect(await loadWardShapes()).toEqual([]);
    expect(await loadWardShapes()).toEqual([]);
    expect(loadedWardShapes()).toBeNull();
    expect(await loadWardShapes()).toHaveLength(1);
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe('wardRings', () => {
  it('gives the rings of a polygon and of every part of a multipolygon', async () => {
    const { wardRings } = await import('./wardShapes');
    const ring = square.geometry.coordinates[0] as number[][];
    expect(wardRings(square)).toEqual([ring]);
    const multi: WardFeature = {
      ...square,
      geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] },
    };
    expect(wardRings(multi)).toEqual([ring, ring]);
  });
});
