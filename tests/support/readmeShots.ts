import { resolve } from 'node:path';
import { startHub } from '../../server/hub';
import { MAP_DATA_REDRAW_MS } from '../../src/shared/map/redrawBudget';
import { HUE, localMsOfDay } from '../../src/shared/lights/sun';
import { ROOT, sleep } from './app';
import { launchChromium } from './browser';
import { ensureBuilt } from './build';

// `npx tsx tests/support/readmeShots.ts`: the README's pictures of the wall and the briefing. The
// production build, the hub with its simulator at 50,000 lamps, a leader's wall at 1920×1080 in
// SwiftShader, taken once the city is past 23:00 (part-night dimming on, a day of energy behind it),
// then the leader's briefing for this month, the reports scene, and the wide layout at 7680×2160
// (taken at half scale, 3840×1080 pixels, to keep the repository small).

const OUT = resolve(ROOT, 'docs/screenshots/wall-vi-1920.png');
const BRIEFING = resolve(ROOT, 'docs/screenshots/briefing-vi-1920.png');
const SCENE = resolve(ROOT, 'docs/screenshots/scene-reports-1920.png');
const WIDE = resolve(ROOT, 'docs/screenshots/wall-wide-7680.png');

await ensureBuilt();
const hub = await startHub({
  port: 0,
  host: '127.0.0.1',
  sim: { seed: 1, lamps: 50_000 },
  staticDir: resolve(ROOT, 'dist'),
});
const browser = await launchChromium({ gl: 'swiftshader' });
// `-- scene wide` takes only those; no names: every picture.
const only = new Set(process.argv.slice(2));
const take = (name: string) => only.size === 0 || only.has(name);
try {
  if (take('wall')) {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.goto(`${hub.url}/?token=dev-leader`);
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="energy-chart"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="report-trend"] .report-bars', { timeout: 30_000 });
    // The energy panel reads the city every 2 s, 24 city minutes at ×720: the shot is taken as soon as a
    // reading falls between 23:10 and 23:40 in Huế (UTC+7), whatever day the simulator is on, so that the
    // header's clock has not passed midnight (and the day's energy restarted) by the time it is taken.
    const night = (t: number) => {
      const minutes = localMsOfDay(t, HUE) / 60_000;
      return minutes >= 23 * 60 + 10 && minutes < 23 * 60 + 40;
    };
    for (;;) {
      const now = Number(await page.getAttribute('[data-testid="energy-panel"]', 'data-now'));
      if (night(now)) break;
      await sleep(100);
    }
    // the map's live layers catch up with the reading
    await sleep(MAP_DATA_REDRAW_MS);
    await page.screenshot({ path: OUT });
    console.log(`[readme] ${OUT}`);
    await page.context().close();
  }
  if (take('briefing')) {
    const briefing = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await briefing.goto(`${hub.url}/briefing?token=dev-leader`);
    for (const chart of ['trend', 'ranking', 'map', 'sla', 'reports', 'energy'])
      await briefing.waitForSelector(`[data-testid="chart-${chart}"][data-drawn]`, { timeout: 30_000 });
    // the systems' strip has had the hub's first push after the page's snapshot
    await sleep(6000);
    await briefing.screenshot({ path: BRIEFING });
    console.log(`[readme] ${BRIEFING}`);
    await briefing.context().close();
  }
  if (take('scene')) {
    const scene = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await scene.goto(`${hub.url}/?token=dev-leader&scene=reports`);
    await scene.waitForSelector('[data-testid="map"][data-loaded="true"][data-view="scene"]', {
      timeout: 120_000,
    });
    await sleep(MAP_DATA_REDRAW_MS);
    await scene.screenshot({ path: SCENE });
    console.log(`[readme] ${SCENE}`);
    await scene.context().close();
  }
  if (take('wide')) {
    const wide = await (
      await browser.newContext({ viewport: { width: 7680, height: 2160 }, deviceScaleFactor: 0.5 })
    ).newPage();
    await wide.goto(`${hub.url}/?token=dev-leader`);
    await wide.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 180_000 });
    await wide.waitForSelector('[data-testid="energy-chart"]', { timeout: 30_000 });
    await wide.waitForSelector('[data-testid="report-trend"] .report-bars', { timeout: 30_000 });
    await sleep(MAP_DATA_REDRAW_MS);
    await wide.screenshot({ path: WIDE });
    console.log(`[readme] ${WIDE}`);
  }
} finally {
  await browser.close();
  await hub.close();
}
process.exit(0);
