import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession } from 'playwright-core';
import { startHub, type Hub } from '../../server/hub';
import { ROOT, sleep } from '../support/app';
import { launchChromium } from '../support/browser';
import { ensureBuilt } from '../support/build';
import { guardContext, wallDiagnostics } from '../support/page';
import { formatGrowth, growth, snapshotSummary } from './heapSnapshot';
import { soakFigures, soakTable, type HeapSample } from './soakReport';
import { intOption, positiveOption } from './args';

// `npm run bench -- --scenario soak [--minutes 60]`: issue 14's "a wall runs for days". The hub with
// its simulator at ×60 (an hour of the soak is two and a half city days: dusk, night dimming, dawn,
// reports opened and closed) serves the production build; the wall is open in headless Chromium for
// `--minutes`. Its JS heap is read after a forced GC (CDP HeapProfiler.collectGarbage) once the warm-up
// is over and every `--sample` seconds until the end; the trend line through the samples must grow by at
// most 5 %. The warm-up is a city day by default, so that the JIT has met every hour's code before the
// window opens (docs/benchmarks.md). Chromium and this process share the cores: the heap is the figure.

function options(argv: string[]) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: process.env.BENCH_MINUTES ?? '60' },
      lamps: { type: 'string', default: process.env.BENCH_LAMPS ?? '20000' },
      scale: { type: 'string', default: '60' },
      // seconds; a city day at the clock's scale unless given
      warmup: { type: 'string' },
      sample: { type: 'string', default: '60' },
      seed: { type: 'string', default: process.env.BENCH_SEED ?? '2025' },
      out: { type: 'string', default: resolve(ROOT, 'bench-results/soak.json') },
      // Heap snapshots at the start and the end (outside the samples): what a growth is made of.
      'heap-diff': { type: 'boolean', default: false },
    },
  });
  const scale = positiveOption('scale', v.scale);
  return {
    minutes: positiveOption('minutes', v.minutes),
    lamps: intOption('lamps', v.lamps),
    scale,
    warmupS: v.warmup === undefined ? 86_400 / scale : positiveOption('warmup', v.warmup),
    sampleS: positiveOption('sample', v.sample),
    seed: intOption('seed', v.seed),
    out: v.out!,
    heapDiff: v['heap-diff'] === true,
  };
}

/** What the page retains: the least of three reads after a GC, 2 s apart, since a read can land while a
 * lamp batch or a snapshot is still alive on the stack (single reads spiked by up to 1.2 MiB). */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(2000);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    least = Math.min(least, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN);
  }
  return least;
}

export async function runSoakBench(argv: string[]): Promise<void> {
  const o = options(argv);
  await ensureBuilt();
  let hub: Hub | undefined;
  let browser: Browser | undefined;
  try {
    hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      sim: { seed: o.seed, lamps: o.lamps, timeScale: o.scale },
      // Nothing on disk: the page's heap is measured, and a memory hub keeps the city as a stored one does.
      storage: false,
      staticDir: resolve(ROOT, 'dist'),
    });
    browser = await launchChromium({ gl: 'swiftshader' });
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    const problems = await guardContext(context);
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${hub.url}/?token=dev-leader`);
    await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 60_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    console.log(
      `[bench] soak: ${o.lamps} lamps at ×${o.scale} on ${hub.url}, warm-up ${o.warmupS} s, then ${o.minutes} min`,
    );
    await sleep(o.warmupS * 1000);

    const samples: HeapSample[] = [];
    const t0 = performance.now();
    const sample = async () => {
      const bytes = await heapAfterGc(cdp);
      const atS = Math.round((performance.now() - t0) / 1000);
      samples.push({ atS, bytes });
      console.log(`[bench] soak ${atS} s: heap after GC ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
    };
    const kindsBefore = o.heapDiff ? await snapshotSummary(cdp, true) : null;
    await sample();
    const applied0 = (await wallDiagnostics(page))?.eventsApplied ?? 0;
    const endAt = t0 + o.minutes * 60_000;
    while (performance.now() < endAt) {
      await sleep(Math.min(o.sampleS * 1000, endAt - performance.now()));
      await sample();
    }
    const applied = ((await wallDiagnostics(page))?.eventsApplied ?? 0) - applied0;
    if (kindsBefore) {
      const rows = growth(kindsBefore, await snapshotSummary(cdp, true), 40);
      console.log(`[bench] heap growth over the soak by kind (bytes, count, kind):\n${formatGrowth(rows)}`);
    }
    const figures = soakFigures(samples, o.minutes);
    const stale = await page.$$eval('[data-stale="true"]', (els) =>
      els.map((e) => e.getAttribute('data-testid')),
    );
    const extra: [string, string][] = [
      ['events applied in the window', applied.toLocaleString('en')],
      ['page loads (a watchdog or build reload would add one)', String(loads)],
      ['widgets marked stale at the end', stale.length ? stale.join(', ') : 'none'],
      ['page errors', String(problems.pageErrors.length)],
    ];
    mkdirSync(resolve(o.out, '..'), { recursive: true });
    writeFileSync(
      o.out,
      `${JSON.stringify({ ...figures, lamps: o.lamps, scale: o.scale, applied, loads, stale, samples }, null, 2)}\n`,
    );
    console.log('');
    console.log(soakTable(figures, extra));
    console.log(`\n[bench] written to ${o.out}`);
    if (!figures.pass) process.exitCode = 1;
  } finally {
    await browser?.close();
    await hub?.close();
  }
}
