import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles, TileType } from 'pmtiles';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, shareNear } from '../support/png';
import { writeSolidPmtiles } from '../support/pmtiles';
import { useHarness } from './harness';

const TEXT = '0123456789abcdefghij';

describe('static files in ranges, for PMTiles', () => {
  const h = useHarness();
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hub-range-'));
    mkdirSync(join(root, 'tiles'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>IOC Wall</title>');
    writeFileSync(join(root, 'tiles/text.bin'), TEXT);
    writeFileSync(join(root, 'tiles/empty.bin'), '');
    writeFileSync(join(root, 'tiles/0.mvt'), Buffer.from([0x1a, 0x00]));
    writeSolidPmtiles(join(root, 'tiles/solid.pmtiles'), { rgb: [200, 40, 160], maxZoom: 14 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const get = async (path: string, range?: string, extra: Record<string, string> = {}) => {
    const hub = await h.start({ staticDir: root });
    const res = await fetch(`${hub.url}${path}`, { headers: { ...(range ? { range } : {}), ...extra } });
    return { res, body: await res.text() };
  };

  it('answers a single range with 206 and Content-Range', async () => {
    const cases: [string, string, string][] = [
      ['bytes=2-5', '2345', 'bytes 2-5/20'],
      ['bytes=15-', 'fghij', 'bytes 15-19/20'],
      ['bytes=-3', 'hij', 'bytes 17-19/20'],
      ['bytes=10-999', 'abcdefghij', 'bytes 10-19/20'],
    ];
    for (const [range, body, contentRange] of cases) {
      const got = await get('/tiles/text.bin', range);
      expect(got.res.status, range).toBe(206);
      expect(got.body, range).toBe(body);
      expect(got.res.headers.get('content-range'), range).toBe(contentRange);
      expect(got.res.headers.get('content-length'), range).toBe(String(body.length));
      expect(got.res.headers.get('accept-ranges'), range).toBe('bytes');
    }
  });

  it('answers 416 with the size when no byte can be sent', async () => {
    for (const [path, range, size] of [
      ['/tiles/text.bin', 'bytes=20-', 20],
      ['/tiles/text.bin', 'bytes=-0', 20],
      ['/tiles/empty.bin', 'bytes=0-16383', 0],
    ] as const) {
      const got = await get(path, range);
      expect(got.res.status, range).toBe(416);
      expect(got.res.headers.get('content-range'), range).toBe(`bytes */${size}`);
      expect(got.body).toBe('');
    }
  });

  it('sends the whole file for no range, several ranges, bad syntax and If-Range', async () => {
    for (const [range, extra] of [
      [undefined, {}],
      ['bytes=0-1,4-5', {}],
      ['lines=1-2', {}],
      ['bytes=0-3', { 'if-range': 'Wed, 21 Oct 2015 07:28:00 GMT' }],
    ] as const) {
      const got = await get('/tiles/text.bin', range, extra);
      expect(got.res.status, range).toBe(200);
      expect(got.body, range).toBe(TEXT);
      expect(got.res.headers.get('accept-ranges')).toBe('bytes');
    }
  });

  it('gives tile files their types', async () => {
    expect((await get('/tiles/solid.pmtiles', 'bytes=0-6')).res.headers.get('content-type')).toBe(
      'application/octet-stream',
    );
    expect((await get('/tiles/0.mvt')).res.headers.get('content-type')).toBe('application/x-protobuf');
  });

  it('lets the pmtiles reader find tiles in an archive through the hub', async () => {
    const hub = await h.start({ staticDir: root });
    const archive = new PMTiles(`${hub.url}/tiles/solid.pmtiles`);
    const header = await archive.getHeader();
    expect(header).toMatchObject({ specVersion: 3, tileType: TileType.Png, minZoom: 0, maxZoom: 14 });
    // Imperial City at zoom 13, and a far corner of the world at zoom 14: both in the one run.
    for (const [z, x, y] of [
      [13, 6543, 3715],
      [14, 16383, 0],
      [0, 0, 0],
    ] as const) {
      const tile = await archive.getZxy(z, x, y);
      expect(tile, `${z}/${x}/${y}`).toBeDefined();
      const image = decodePng(new Uint8Array(tile!.data));
      expect(image.width).toBe(256);
      expect(shareNear(image, [200, 40, 160], 0)).toBe(1);
    }
    expect(await archive.getZxy(15, 0, 0)).toBeUndefined();
  });
});

describe('GET /api/config', () => {
  const h = useHarness();
  const saved = process.env.BASEMAP_STYLE;
  afterEach(() => {
    if (saved === undefined) delete process.env.BASEMAP_STYLE;
    else process.env.BASEMAP_STYLE = saved;
  });

  it('tells the wall its city and basemap, without a token', async () => {
    delete process.env.BASEMAP_STYLE;
    const hub = await h.start();
    expect(await h.get(hub, '/api/config')).toEqual({
      status: 200,
      body: { city: 'Huế', basemapStyle: '/styles/hue-dark.json' },
    });
  });

  it('passes on BASEMAP_STYLE, so a city changes its basemap without a rebuild', async () => {
    process.env.BASEMAP_STYLE = '/styles/my-city.json';
    const hub = await h.start();
    expect((await h.get(hub, '/api/config')).body).toMatchObject({ basemapStyle: '/styles/my-city.json' });
  });

  it('refuses other methods', async () => {
    const hub = await h.start();
    const res = await fetch(`${hub.url}/api/config`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
