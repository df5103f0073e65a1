import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { startHub, type Hub } from '../../server/hub';
import { ROOT, sleep } from '../support/app';
import { launchWithWebGl, type GlBackend } from '../support/browser';
import { ensureBuilt } from '../support/build';
import { guardContext } from '../support/page';
import { percentile, round } from '../support/stats';
import { intOption } from './args';

// `npm run bench -- --scenario flyover`: issue 14's fly-over figures. The wall at 7680×2160 (two 4K
// panels side by side) over a city of 50,000 lamps, flying between the map's named views as scenes do
// (maplibre flyTo); each fly-over's frames are timed from the page's own requestAnimationFrame and its
// main thread from Chromium's TaskDuration. Chromium renders with a software GPU on two cores shared
// with the hub: read the figures as this machine's, not a wall PC's.

const VIEWS = ['imperial-city', 'dong-ba', 'gateways', 'overview'] as const;

const FRAME_SCRIPT = `(() => {
  const F = { on: false, frames: [] };
  window.__fly = F;
  const loop = (t) => { if (F.on) F.frames.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})();`;

function options(argv: string[]) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      lamps: { type: 'string', default: '50000' },
      width: { type: 'string', default: '7680' },
      height: { type: 'string', default: '2160' },
      rounds: { type: 'string', default: '2' },
      gl: { type: 'string', default: process.env.BENCH_GL ?? 'llvmpipe' },
      seed: { type: 'string', default: process.env.BENCH_SEED ?? '2025' },
      out: { type: 'string', default: resolve(ROOT, 'bench-results/flyover.json') },
    },
  });
  return {
    lamps: intOption('lamps', v.lamps),
    width: intOption('width', v.width),
    height: intOption('height', v.height),
    rounds: intOption('rounds', v.rounds),
    seed: intOption('seed', v.seed),
    gl: v.gl as GlBackend,
    out: v.out!,
  };
}

async function taskSeconds(cdp: CDPSession) {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

export async function runFlyoverBench(argv: string[]): Promise<void> {
  const o = options(argv);
  await ensureBuilt();
  const { browser, renderer } = await launchWithWebGl(o.gl);
  let hub: Hub | undefined;
  try {
    hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      sim: { seed: o.seed, lamps: o.lamps },
      staticDir: resolve(ROOT, 'dist'),
    });
    const context = await browser.newContext({
      viewport: { width: o.width, height: o.height },
      deviceScaleFactor: 1,
    });
    await guardContext(context);
    await context.addInitScript({ content: FRAME_SCRIPT });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    console.log(
      `[bench] hub ${hub.url}, ${o.lamps} lamps, wall ${o.width}×${o.height}; renderer: ${renderer}`,
    );
    await page.goto(`${hub.url}/`);
    await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 60_000 });
    // The lamps' snapshot, the first draws and the charts' chunk are the page's start, not a fly-over.
    await sleep(10_000);

    const flights: { view: string; ms: number; frames: number[]; mainThread: number }[] = [];
    for (let r = 0; r < o.rounds; r++) {
      for (const view of VIEWS) {
        const task0 = await taskSeconds(cdp);
        const t0 = Date.now();
        await page.evaluate(() => {
          const F = (window as unknown as { __fly: { on: boolean; frames: number[] } }).__fly;
          F.frames = [];
          F.on = true;
        });
        await page.click(`[data-testid="view-${view}"]`);
        await page.waitForSelector(`[data-testid="map"][data-view="${view}"]`, { timeout: 30_000 });
        const frames = await page.evaluate(() => {
          const F = (window as unknown as { __fly: { on: boolean; frames: number[] } }).__fly;
          F.on = false;
          return F.frames;
        });
        const ms = Date.now() - t0;
        const mainThread = (await taskSeconds(cdp)) - task0;
        flights.push({ view, ms, frames, mainThread: (mainThread * 1000) / ms });
        console.log(
          `[bench] fly to ${view}: ${ms} ms, ${frames.length} frames, main thread ${((mainThread * 100000) / ms).toFixed(0)} %`,
        );
        await sleep(1500);
      }
    }
    const gaps = flights.flatMap((f) => f.frames.slice(1).map((t, i) => t - f.frames[i]!));
    const flying = flights.reduce((a, f) => a + f.ms, 0);
    const figures = {
      wall: `${o.width}×${o.height}`,
      lamps: o.lamps,
      renderer,
      flights: flights.length,
      fps: round((gaps.length + flights.length) / (flying / 1000), 1),
      frameMs: {
        p50: round(percentile(gaps, 50), 1),
        p95: round(percentile(gaps, 95), 1),
        max: round(Math.max(...gaps), 1),
      },
      longFrames: round((gaps.filter((g) => g > 50).length / Math.max(1, gaps.length)) * 100, 1),
      mainThreadPercent: round((flights.reduce((a, f) => a + f.mainThread * f.ms, 0) / flying) * 100, 1),
    };
    console.log('| measure | figure |');
    console.log('| --- | --- |');
    console.log(`| wall | ${figures.wall}, ${figures.lamps} lamps, ${figures.flights} fly-overs |`);
    console.log(`| frames per second while flying | ${figures.fps} |`);
    console.log(
      `| frame time p50 / p95 / max | ${figures.frameMs.p50} / ${figures.frameMs.p95} / ${figures.frameMs.max} ms |`,
    );
    console.log(`| frames over 50 ms | ${figures.longFrames} % |`);
    console.log(`| main thread busy while flying | ${figures.mainThreadPercent} % |`);
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`);
    console.log(`[bench] written to ${o.out}`);
  } finally {
    await browser.close();
    await hub?.close();
  }
}
