import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startHub } from '../../server/hub';
import { ROOT, sleep } from '../support/app';
import { launchChromium } from '../support/browser';
import { describeProblems, guardContext } from '../support/page';
import { decodePng, meanLuminance, shareNear, type Rgba } from '../support/png';
import { writeSolidPmtiles } from '../support/pmtiles';

// A city's own basemap: proves that a style other than the default loads, from `?basemap=`, from
// the hub's BASEMAP_STYLE, and from a local PMTiles archive through the pmtiles protocol. Each is
// told apart from the default by what the map's pixels look like, not by what the page says.

const baseUrl = inject('baseUrl');
const RESULTS = resolve(ROOT, 'test-results');
const VIEWPORT = { width: 1920, height: 1080 };
/** served by the hub from dist/, written after the build and removed afterwards */
const FIXTURES = resolve(ROOT, 'dist/test-fixtures');
const SOLID_RGB = [200, 40, 160] as const;
/** MapLibre fades raster tiles in and deck.gl draws its first layers after `load`. */
const SETTLE_MS = 2000;

let browser: Browser;
let fixturesServed = false;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  writeSolidPmtiles(resolve(FIXTURES, 'solid.pmtiles'), { rgb: SOLID_RGB, maxZoom: 14 });
  const style = {
    version: 8,
    name: 'solid PMTiles fixture',
    sources: {
      solid: {
        type: 'raster',
        url: 'pmtiles:///test-fixtures/solid.pmtiles',
        tileSize: 256,
        attribution: 'test fixture',
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#000000' } },
      { id: 'solid', type: 'raster', source: 'solid', paint: { 'raster-fade-duration': 0 } },
    ],
  };
  writeFileSync(resolve(FIXTURES, 'solid-style.json'), JSON.stringify(style));
  // With E2E_BASE_URL the app may serve another folder than this dist/.
  fixturesServed = (await fetch(`${baseUrl}/test-fixtures/solid-style.json`)).ok;
  browser = await launchChromium({ gl: 'swiftshader' });
});

afterAll(async () => {
  await browser?.close();
  rmSync(FIXTURES, { recursive: true, force: true });
});

/** Opens the wall, waits for the map's style to load and returns a screenshot of the map. */
async function mapPixels(appUrl: string, query: string, shot: string): Promise<Rgba> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const problems = await guardContext(context);
    const page = await context.newPage();
    await page.goto(`${appUrl}/${query}`);
    const map = page.locator('[data-testid="map"][data-loaded="true"]');
    await map.waitFor({ timeout: 60_000 });
    await sleep(SETTLE_MS);
    const png = await map.screenshot({ path: resolve(RESULTS, shot) });
    expect(describeProblems(problems), `the page misbehaved with ${query || 'no query'}`).toBe('');
    return decodePng(png);
  } finally {
    await context.close();
  }
}

describe('a city’s own basemap', () => {
  let dark: Rgba;

  beforeAll(async () => {
    dark = await mapPixels(baseUrl, '', 'basemap-default.png');
  });

  it('loads another style with ?basemap=', async () => {
    const light = await mapPixels(baseUrl, '?basemap=/styles/hue-light.json', 'basemap-light.png');
    const figures = { defaultLuma: meanLuminance(dark), lightLuma: meanLuminance(light) };
    console.log(`[e2e] basemap brightness ${JSON.stringify(figures)}`);
    expect(figures.defaultLuma, 'the default style is dark').toBeLessThan(60);
    expect(figures.lightLuma - figures.defaultLuma, 'the light style is not on screen').toBeGreaterThan(100);
  });

  it('draws a local PMTiles archive through the pmtiles protocol', async (ctx) => {
    if (!fixturesServed) ctx.skip();
    const solid = await mapPixels(baseUrl, '?basemap=/test-fixtures/solid-style.json', 'basemap-pmtiles.png');
    const share = shareNear(solid, SOLID_RGB);
    console.log(`[e2e] PMTiles tile colour covers ${(share * 100).toFixed(1)}% of the map`);
    expect(shareNear(dark, SOLID_RGB), 'the control: the default has none of the tile colour').toBeLessThan(
      0.01,
    );
    expect(share, 'the PMTiles tiles are not on screen').toBeGreaterThan(0.3);
  });

  it('loads the style the hub is configured with (BASEMAP_STYLE), without a rebuild', async (ctx) => {
    if (!fixturesServed) ctx.skip();
    // A second hub on the same dist/, in this process: `npm start` could rebuild dist/ under the
    // app the other tests use. The hub reads BASEMAP_STYLE per request.
    const saved = process.env.BASEMAP_STYLE;
    process.env.BASEMAP_STYLE = '/styles/hue-light.json';
    const hub = await startHub({ port: 0, staticDir: resolve(ROOT, 'dist'), sim: { seed: 1, lamps: 2000 } });
    try {
      const config = (await (await fetch(`${hub.url}/api/config`)).json()) as { basemapStyle?: string };
      expect(config.basemapStyle).toBe('/styles/hue-light.json');
      const light = await mapPixels(hub.url, '', 'basemap-configured.png');
      expect(
        meanLuminance(light) - meanLuminance(dark),
        'the configured style is not on screen',
      ).toBeGreaterThan(100);
    } finally {
      if (saved === undefined) delete process.env.BASEMAP_STYLE;
      else process.env.BASEMAP_STYLE = saved;
      await hub.close();
    }
  });
});
