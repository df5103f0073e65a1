import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  assertStyle,
  basemapTheme,
  basemapUrl,
  chooseBasemap,
  DEFAULT_BASEMAP,
  fetchBasemapConfig,
  isAcceptableStyleUrl,
  loadBasemapStyle,
  registerMapProtocols,
  resolveStyleUrls,
  resolveUrl,
} from './basemap';

const PUBLIC = resolve(__dirname, '../../../public');
const readStyle = (name: string) =>
  JSON.parse(readFileSync(resolve(PUBLIC, 'styles', name), 'utf8')) as StyleSpecification;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('basemapUrl', () => {
  it('takes ?basemap= first, then the configured style, then the default', () => {
    expect(basemapUrl('?basemap=/styles/hue-light.json', '/styles/city.json')).toBe('/styles/hue-light.json');
    expect(basemapUrl('?lang=en', '/styles/city.json')).toBe('/styles/city.json');
    expect(basemapUrl('')).toBe(DEFAULT_BASEMAP);
    expect(basemapUrl('?basemap=', '  ')).toBe(DEFAULT_BASEMAP);
    expect(basemapUrl('?basemap=https%3A%2F%2Ftiles.example.vn%2Fstyle.json')).toBe(
      'https://tiles.example.vn/style.json',
    );
  });

  it('skips values that are neither a root path nor an http(s) URL', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:application/json,{}',
      'blob:http://localhost/x',
      'file:///etc/passwd',
      '//evil.example/style.json',
      '/\\evil.example/style.json',
      'styles/hue-light.json',
      'http://',
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(isAcceptableStyleUrl(bad), bad).toBe(false);
      expect(basemapUrl(`?basemap=${encodeURIComponent(bad)}`), bad).toBe(DEFAULT_BASEMAP);
      expect(basemapUrl('', bad), bad).toBe(DEFAULT_BASEMAP);
    }
    // A bad link does not hide a good configured style.
    expect(basemapUrl('?basemap=javascript:1', '/styles/city.json')).toBe('/styles/city.json');
  });
});

describe('resolveStyleUrls', () => {
  const base = 'http://wall.local:8080/styles/city.json';

  it('resolves relative URLs against the style and keeps tile placeholders', () => {
    const style: StyleSpecification = {
      version: 8,
      glyphs: '../fonts/{fontstack}/{range}.pbf',
      sprite: '/sprites/city',
      sources: {
        wards: { type: 'geojson', data: '/data/hue/wards-2025.geojson', attribution: 'a' },
        inline: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        osm: { type: 'vector', url: 'pmtiles:///tiles/hue.pmtiles' },
        near: { type: 'vector', url: 'pmtiles://tiles/hue.pmtiles' },
        remote: { type: 'vector', url: 'pmtiles://https://cdn.example/hue.pmtiles' },
        raster: { type: 'raster', tiles: ['tiles/{z}/{x}/{y}.png', 'https://t.example/{z}/{x}/{y}.png'] },
      },
      layers: [],
    };
    const out = resolveStyleUrls(style, base);
    expect(out.glyphs).toBe('http://wall.local:8080/fonts/{fontstack}/{range}.pbf');
    expect(out.sprite).toBe('http://wall.local:8080/sprites/city');
    expect(out.sources.wards).toEqual({
      type: 'geojson',
      data: 'http://wall.local:8080/data/hue/wards-2025.geojson',
      attribution: 'a',
    });
    expect(out.sources.inline).toEqual(style.sources.inline);
    expect(out.sources.osm).toMatchObject({ url: 'pmtiles://http://wall.local:8080/tiles/hue.pmtiles' });
    expect(out.sources.near).toMatchObject({
      url: 'pmtiles://http://wall.local:8080/styles/tiles/hue.pmtiles',
    });
    expect(out.sources.remote).toMatchObject({ url: 'pmtiles://https://cdn.example/hue.pmtiles' });
    expect(out.sources.raster).toMatchObject({
      tiles: ['http://wall.local:8080/styles/tiles/{z}/{x}/{y}.png', 'https://t.example/{z}/{x}/{y}.png'],
    });
    // The input is left as it was.
    expect(style.sources.wards).toMatchObject({ data: '/data/hue/wards-2025.geojson' });
  });

  it('resolves every URL of a sprite list', () => {
    const out = resolveStyleUrls(
      { version: 8, sources: {}, layers: [], sprite: [{ id: 'default', url: '/sprites/a' }] },
      base,
    );
    expect(out.sprite).toEqual([{ id: 'default', url: 'http://wall.local:8080/sprites/a' }]);
  });

  it('leaves absolute URLs of other schemes alone', () => {
    expect(resolveUrl('https://x.example/{z}/{x}/{y}.mvt', base)).toBe('https://x.example/{z}/{x}/{y}.mvt');
    expect(resolveUrl('mapbox://styles/x', base)).toBe('mapbox://styles/x');
  });
});

describe('assertStyle', () => {
  it('names the file and the problem', () => {
    expect(() => assertStyle({ version: 7, sources: {}, layers: [] }, '/s.json')).toThrow(
      /\/s\.json.*"version": 8, got 7/,
    );
    expect(() => assertStyle([], '/s.json')).toThrow(/not a JSON object/);
    expect(() => assertStyle({ version: 8, layers: [] }, '/s.json')).toThrow(/"sources"/);
    expect(() => assertStyle({ version: 8, sources: {} }, '/s.json')).toThrow(/"layers"/);
    expect(() => assertStyle({ version: 8, sources: {}, layers: [] }, '/s.json')).not.toThrow();
  });
});

describe('loadBasemapStyle', () => {
  it('fetches the style relative to the page and resolves its URLs', async () => {
    const fetchMock = vi.fn(async (_url: string) =>
      jsonResponse({ version: 8, sources: { w: { type: 'geojson', data: 'w.geojson' } }, layers: [] }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const style = await loadBasemapStyle('/styles/x.json', 'http://h:1/wall?x=1');
    expect(fetchMock.mock.calls[0]?.[0]).toBe('http://h:1/styles/x.json');
    expect(style.sources.w).toMatchObject({ data: 'http://h:1/styles/w.geojson' });
  });

  it('throws a clear error for HTTP failures, bad JSON and non-styles', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
    await expect(loadBasemapStyle('/styles/gone.json', 'http://h/')).rejects.toThrow(
      'basemap style /styles/gone.json: HTTP 404',
    );
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 200 }));
    await expect(loadBasemapStyle('/s.json', 'http://h/')).rejects.toThrow(/not valid JSON/);
    vi.stubGlobal('fetch', async () => jsonResponse({ version: 8, name: 'x' }));
    await expect(loadBasemapStyle('/s.json', 'http://h/')).rejects.toThrow(/"sources" must be an object/);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(loadBasemapStyle('/s.json', 'http://h/')).rejects.toThrow(/s\.json: Failed to fetch/);
  });
});

describe('chooseBasemap', () => {
  it('falls back to the default style when the chosen one fails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal('fetch', async (url: string) =>
      url.endsWith(DEFAULT_BASEMAP)
        ? jsonResponse(readStyle('hue-dark.json'))
        : new Response('', { status: 500 }),
    );
    const chosen = await chooseBasemap('?basemap=/styles/broken.json', undefined, 'http://h/');
    expect(chosen.url).toBe(DEFAULT_BASEMAP);
    expect(chosen.failed).toEqual({
      url: '/styles/broken.json',
      error: 'basemap style /styles/broken.json: HTTP 500',
    });
    expect(chosen.style.sources.wards).toMatchObject({ data: 'http://h/data/hue/wards-2025.geojson' });
  });

  it('fails when the default itself cannot load', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 503 }));
    await expect(chooseBasemap('', undefined, 'http://h/')).rejects.toThrow(/HTTP 503/);
  });
});

describe('registerMapProtocols', () => {
  it('registers pmtiles once per MapLibre', () => {
    const a = { addProtocol: vi.fn() };
    const b = { addProtocol: vi.fn() };
    registerMapProtocols(a);
    registerMapProtocols(a);
    registerMapProtocols(b);
    expect(a.addProtocol).toHaveBeenCalledTimes(1);
    expect(a.addProtocol.mock.calls[0]?.[0]).toBe('pmtiles');
    expect(typeof a.addProtocol.mock.calls[0]?.[1]).toBe('function');
    expect(b.addProtocol).toHaveBeenCalledTimes(1);
  });
});

describe('fetchBasemapConfig', () => {
  it('returns the hub’s basemapStyle', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse({ city: 'Huế', basemapStyle: '/styles/city.json' }));
    expect(await fetchBasemapConfig()).toBe('/styles/city.json');
  });

  it('returns undefined on any failure, so the wall still starts', async () => {
    const answers: (() => Promise<Response>)[] = [
      async () => new Response('', { status: 404 }),
      async () => new Response('not json'),
      async () => jsonResponse(null),
      async () => jsonResponse({ basemapStyle: 42 }),
      async () => jsonResponse({ basemapStyle: ' ' }),
      async () => {
        throw new TypeError('Failed to fetch');
      },
    ];
    for (const answer of answers) {
      vi.stubGlobal('fetch', answer);
      expect(await fetchBasemapConfig()).toBeUndefined();
    }
  });

  it('gives up on a hub that does not answer', async () => {
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    );
    expect(await fetchBasemapConfig('/api/config', 20)).toBeUndefined();
  });
});

describe('the shipped styles', () => {
  const attributions = (style: StyleSpecification) =>
    Object.values(style.sources).map((s) => ('attribution' in s ? s.attribution : undefined));

  for (const name of ['hue-dark.json', 'hue-light.json']) {
    it(`${name} is a valid MapLibre style that works offline`, () => {
      const style = readStyle(name);
      expect(validateStyleMin(style)).toEqual([]);
      // Nothing ships glyphs or sprites: labels are deck.gl's, so symbol layers could never draw.
      expect(style.layers.filter((l) => l.type === 'symbol')).toEqual([]);
      expect(style.glyphs).toBeUndefined();
      expect(style.sprite).toBeUndefined();
      for (const source of Object.values(style.sources)) {
        const data = 'data' in source ? source.data : undefined;
        expect(typeof data === 'string' && data.startsWith('/data/hue/'), JSON.stringify(source)).toBe(true);
        const file = resolve(PUBLIC, (data as string).slice(1));
        expect(() => readFileSync(file), file).not.toThrow();
      }
      expect(attributions(style)).toEqual([
        'Administrative boundaries: vietnam-3d-map (MIT), after gis.vn',
        'puleeno/diagioihanhchinh (MIT)',
      ]);
    });
  }

  it('has a dark default and a clearly lighter briefing variant', () => {
    const luminance = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      return 0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    };
    const background = (style: StyleSpecification) => {
      const layer = style.layers.find((l) => l.type === 'background');
      return luminance(String(layer?.paint?.['background-color']));
    };
    const dark = readStyle('hue-dark.json');
    const light = readStyle('hue-light.json');
    expect(background(dark)).toBeLessThan(20);
    expect(background(light)).toBeGreaterThan(200);
    expect(basemapTheme(dark)).toBe('dark');
    expect(basemapTheme(light)).toBe('light');
  });
});
