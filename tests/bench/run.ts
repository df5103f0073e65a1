import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, setPriority } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { startHub, type Hub } from '../../server/hub';
import { formatCityTime } from '../../src/shared/format';
import { ROOT, sleep } from '../support/app';
import { launchWithWebGl, type GlBackend } from '../support/browser';
import { ensureBuilt } from '../support/build';
import { ingest, type IngestEvent } from '../support/ingest';
import {
  countFrames,
  drainIncidentArrivals,
  framesDrawn,
  guardContext,
  recordIncidentArrivals,
  wallDiagnostics,
} from '../support/page';
import { runBriefingBench } from './briefing';
import { runFlyoverBench } from './flyover';
import { runConsoleBench } from './console';
import { runServerBench } from './server';
import { runSoakBench } from './soak';
import { deckFrameCpuMs, formatProfile, splitScenario } from './consoleReport';
import { benchIncident, dueNow, lightBatch, nextTickAt, seededRandom, sendTimeOf, type Sent } from './load';
import { figures, formatTable, type MapMetricsSample, type Measurements } from './report';
import { formatGrowth, growth, snapshotSummary } from './heapSnapshot';
import { sourceLocator } from './sourceMaps';
import { watchWire, type WireCount } from './wire';
import { intOption } from './args';

// `npm run bench [-- --lamps N --rate N --seconds N]`: the hub (with its simulator) runs in this
// process, the load generator too, and the production build of the wall in headless Chromium.
// On two cores Chromium's renderer, its software GPU and this process share the machine: read the
// figures as relative ones within a run, not as what a real wall PC would do.
// `npm run bench -- --scenario console [...]` runs the operator console's benchmark instead (console.ts),
// `--scenario server [...]` the hub's own: durable ingest, commands, restart, fan-out (server.ts);
// `--scenario briefing [...]` the leaders' briefing: load, period switches (briefing.ts);
// `--scenario flyover [...]` fly-overs on a 7680×2160 wall with 50,000 lamps (flyover.ts);
// `--scenario soak [--minutes 60]` the wall open for an hour at ×60, its heap after GC (soak.ts).
// `--path /lights` loads the lighting console under the same lamp load instead of the wall (no map:
// its map figures and incident latencies are then empty).

const { scenario, rest: args } = splitScenario(process.argv.slice(2));
const { values: opts } = parseArgs({
  args: scenario === 'wall' ? args : [],
  options: {
    lamps: { type: 'string', default: process.env.BENCH_LAMPS ?? '20000' },
    rate: { type: 'string', default: process.env.BENCH_RATE ?? '5000' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '30' },
    incidents: { type: 'string', default: process.env.BENCH_INCIDENTS ?? '10' },
    // Seconds of load before the window. The page's first half minute under load is its start, not a
    // leak: the chart's chunk loads, code gets compiled, the fault markers and energy figures fill.
    // The load runs through it: the window then measures the page settled under that load.
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '20' },
    seed: { type: 'string', default: process.env.BENCH_SEED ?? '2025' },
    gl: { type: 'string', default: process.env.BENCH_GL ?? 'llvmpipe' },
    out: { type: 'string', default: resolve(ROOT, 'bench-results/latest.json') },
    path: { type: 'string', default: '/' },
    // Records a CPU profile of the page during the window and prints where its main thread went.
    profile: { type: 'boolean', default: false },
    // Heap snapshots before and after the window (outside its measures): what the heap growth is made of.
    'heap-diff': { type: 'boolean', default: false },
  },
});

const lamps = intOption('lamps', opts.lamps);
const rate = intOption('rate', opts.rate);
const seconds = intOption('seconds', opts.seconds);
// The lighting console shows no reports: there, none are sent, and nothing waits for them to show.
const incidentsPerSec = opts.path === '/lights' ? 0 : Math.min(rate, Number(opts.incidents));
const warmupS = Number(opts.warmup);
const seed = intOption('seed', opts.seed);
const gl: GlBackend = opts.gl === 'swiftshader' ? 'swiftshader' : 'llvmpipe';

/** The heap is read (after a forced GC) this often during the window, to tell a plateau from a leak. */
const HEAP_SAMPLE_S = 20;
/** a tick every 50 ms: small enough batches to look like a stream, few enough requests to stay cheap */
const TICK_MS = 50;
/** the hub's replay log, as it runs by default: the report says how many seconds of stream it holds */
const LOG_SIZE = 100_000;
/** requests in flight at once; past this the generator lets events fall due instead of piling requests */
const MAX_IN_FLIGHT = 4;
/** up to a second's worth of updates in one request when catching up (10,000 lamps are ~140 KB of JSON) */
const MAX_BATCH = Math.min(10_000, Math.max(100, rate));

interface PerfMetrics {
  TaskDuration: number;
  JSHeapUsedSize: number;
}

async function metrics(cdp: CDPSession): Promise<PerfMetrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? Number.NaN;
  return { TaskDuration: get('TaskDuration'), JSHeapUsedSize: get('JSHeapUsedSize') };
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize;
}

async function appliedCount(page: Page): Promise<{ events: number; updates: number }> {
  const d = await wallDiagnostics(page);
  if (!d) throw new Error('window.__iocWall is missing: the wall does not expose its diagnostics');
  return { events: d.eventsApplied, updates: d.updatesApplied };
}

function mapMetrics(page: Page): Promise<MapMetricsSample | null> {
  return page.evaluate(() => {
    const m = (window as unknown as { __iocWall?: { map?: { metrics: MapMetricsSample | null } } }).__iocWall
      ?.map?.metrics;
    return m ? { ...m } : null;
  });
}

/** Reads deck.gl's metrics once a second until `until` resolves (they refresh every 60 of its frames). */
async function sampleMapMetrics(page: Page, until: Promise<unknown>): Promise<(MapMetricsSample | null)[]> {
  const samples: (MapMetricsSample | null)[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const next = sleep(1000);
    samples.push(await mapMetrics(page).catch(() => null));
    await Promise.race([next, until]);
  }
  return samples;
}

interface LoadOutcome {
  /** updates (lamp updates and reports) in the requests the hub accepted */
  accepted: number;
  refused: number;
  failures: number;
  incidentsSent: number;
  /** when each accepted report was sent (epoch ms): the window counts the ones sent in it */
  incidentSendMs: number[];
  firstError?: string;
}

interface Load {
  /** the counts so far, updated as requests end */
  outcome: LoadOutcome;
  /** sends what is due up to now, then no more */
  stop(): void;
  /** resolves with the final counts when stopped and every request ended */
  done: Promise<LoadOutcome>;
}

/** Starts sending the planned load, paced on a fixed grid, until stopped. */
function startLoad(baseUrl: string): Load {
  const outcome: LoadOutcome = { accepted: 0, refused: 0, failures: 0, incidentsSent: 0, incidentSendMs: [] };
  const control = { stopped: false };
  return { outcome, stop: () => (control.stopped = true), done: sendLoad(baseUrl, control, outcome) };
}

async function sendLoad(
  baseUrl: string,
  control: { readonly stopped: boolean },
  outcome: LoadOutcome,
): Promise<LoadOutcome> {
  const random = seededRandom(seed);
  const plan = { eventsPerSec: rate, incidentsPerSec, lamps };
  const sent: Sent = { lights: 0, incidents: 0 };
  const inFlight = new Set<Promise<void>>();
  const start = Date.now();

  for (;;) {
    const stopping = control.stopped;
    const elapsed = Date.now() - start;
    if (inFlight.size < MAX_IN_FLIGHT) {
      const due = dueNow(plan, elapsed, sent, MAX_BATCH);
      if (due.lights + due.incidents > 0) {
        const sendMs = Date.now();
        const events: IngestEvent[] = lightBatch(random, due.lights, lamps);
        // what the batch carries: as many lamps as due, unless more were due than there are lamps
        const lampUpdates = events.reduce((n, e) => n + (e.type === 'light.states' ? e.data.i.length : 0), 0);
        for (let i = 0; i < due.incidents; i++)
          events.push(benchIncident(sendMs, sent.incidents + i, random));
        sent.lights += due.lights;
        sent.incidents += due.incidents;
        const request = ingest(baseUrl, events)
          .then((res) => {
            if (res.status === 202) {
              outcome.accepted += lampUpdates + due.incidents;
              outcome.incidentsSent += due.incidents;
              for (let i = 0; i < due.incidents; i++) outcome.incidentSendMs.push(sendMs);
            } else {
              outcome.refused += events.length;
              outcome.firstError ??= `HTTP ${res.status}: ${res.error?.slice(0, 300)}`;
            }
          })
          .catch((err: unknown) => {
            outcome.failures += events.length;
            outcome.firstError ??= String(err);
          })
          .finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
    }
    if (stopping) break;
    const next = nextTickAt(start, TICK_MS, Date.now());
    await sleep(Math.max(0, next - Date.now()));
  }
  await Promise.all(inFlight);
  return outcome;
}

async function main(): Promise<void> {
  await ensureBuilt();
  // The hub and the load generator stand in for the city's servers, which a real wall does not share
  // its cores with: here they yield to the browser, so the page's figures are the page's.
  setPriority(10);
  const { browser, backend, renderer } = await launchWithWebGl(gl);
  let hub: Hub | undefined;
  try {
    hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      sim: { seed, lamps },
      logSize: LOG_SIZE,
      staticDir: resolve(ROOT, 'dist'),
    });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const problems = await guardContext(context);
    await recordIncidentArrivals(context);
    await countFrames(context);
    const page = await context.newPage();
    console.log(
      `[bench] hub ${hub.url}, ${lamps} lamps, ${rate} updates/s for ${seconds} s; renderer: ${renderer}`,
    );

    await page.goto(`${hub.url}${opts.path}?token=dev-operator`);
    await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 60_000 });
    if (opts.path === '/lights') {
      // The lighting console: its cabinet list, with a cabinet open, as an operator keeps it.
      await page.waitForSelector('[data-testid="cabinet-row"]', { timeout: 60_000 });
      await page.click('[data-testid="cabinet-row"]');
    } else {
      await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 120_000 });
    }
    await page.waitForFunction(
      (n) => (window as unknown as { __iocWall?: { lampCount: number } }).__iocWall?.lampCount === n,
      lamps,
      { timeout: 60_000 },
    );
    // The load starts with the warm-up, so that the window measures the page in its steady state under
    // it: the code for the load's paths compiled, the fault markers and energy figures filled.
    const load = startLoad(hub.url);
    // A viewer beside the page, counting the stream's bytes: the hub sends both the same frames.
    const wire = await watchWire(hub.url, 'dev-operator');
    await sleep(warmupS * 1000);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapKindsBefore = opts['heap-diff'] ? await snapshotSummary(cdp) : null;
    const heapBefore = await heapAfterGc(cdp);
    await drainIncidentArrivals(page);
    const windowStartMs = Date.now();
    const { accepted, refused, failures } = load.outcome;
    const atWindow = { accepted, refused, failures };

    const seq0 = hub.seq;
    const city0 = hub.cityNow;
    const applied0 = await appliedCount(page);
    const wire0: WireCount = { ...wire.count };
    const frames0 = await framesDrawn(page);
    const perf0 = await metrics(cdp);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();

    let deckFrameMs: number | null = null;
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const windowEnds = sleep(seconds * 1000);
    const mapSamples = sampleMapMetrics(page, windowEnds);
    const heapSeries = [heapBefore];
    for (let s = HEAP_SAMPLE_S; s < seconds; s += HEAP_SAMPLE_S) {
      await sleep(Math.max(0, t0 + s * 1000 - performance.now()));
      heapSeries.push(await heapAfterGc(cdp));
    }
    await windowEnds;
    load.stop();
    const wire1: WireCount = { ...wire.count };
    wire.close();
    const perf1 = await metrics(cdp);
    const cpu = process.cpuUsage(cpu0);
    if (opts.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      const file = resolve(opts.out, '..', 'profile.cpuprofile');
      mkdirSync(resolve(file, '..'), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      // One locator for both: each parses the bundles' source maps (megabytes) on first use.
      const locate = sourceLocator();
      console.log(`[bench] CPU profile in ${file}\n${formatProfile(profile, locate, 25)}`);
      deckFrameMs = deckFrameCpuMs(profile, locate);
    }
    const applied1 = await appliedCount(page);
    const frames1 = await framesDrawn(page);
    const seq1 = hub.seq;
    const city1 = hub.cityNow;
    const windowS = (performance.now() - t0) / 1000;
    const total = await load.done;
    // The window's share of the load.
    const outcome: Omit<LoadOutcome, 'incidentSendMs'> = {
      accepted: total.accepted - atWindow.accepted,
      refused: total.refused - atWindow.refused,
      failures: total.failures - atWindow.failures,
      // by the time they were sent, as the latencies below: a report sent in the warm-up is not the window's
      incidentsSent: total.incidentSendMs.filter((t) => t >= windowStartMs).length,
      firstError: total.firstError,
    };

    // Incidents sent in the last moments still get their chance to show.
    await sleep(3000);
    const latenciesMs: number[] = [];
    for (const [id, shownAt] of await drainIncidentArrivals(page)) {
      const sentAt = sendTimeOf(id);
      // reports sent in the warm-up and shown since are not the window's
      if (sentAt !== undefined && sentAt >= windowStartMs) latenciesMs.push(shownAt - sentAt);
    }
    const heapAfter = await heapAfterGc(cdp);
    heapSeries.push(heapAfter);
    if (heapKindsBefore) {
      const rows = growth(heapKindsBefore, await snapshotSummary(cdp), 25);
      console.log(`[bench] heap growth over the window by kind (bytes, count, kind):\n${formatGrowth(rows)}`);
    }

    const measured: Measurements = {
      renderer,
      glBackend: backend,
      chromium: browser.version(),
      lamps,
      targetEventsPerSec: rate,
      windowS,
      ingestAccepted: outcome.accepted,
      ingestRefused: outcome.refused,
      ingestFailures: outcome.failures,
      hubEvents: seq1 - seq0,
      logSize: LOG_SIZE,
      pageApplied: applied1.updates - applied0.updates,
      pageEvents: applied1.events - applied0.events,
      wire: {
        bytes: wire1.bytes - wire0.bytes,
        messages: wire1.messages - wire0.messages,
        events: wire1.events - wire0.events,
        lampUpdates: wire1.lampUpdates - wire0.lampUpdates,
      },
      taskDurationS: perf1.TaskDuration - perf0.TaskDuration,
      hubProcessCpuS: (cpu.user + cpu.system) / 1e6,
      frames: frames1 - frames0,
      latenciesMs,
      incidentsSent: outcome.incidentsSent,
      heapBytesBefore: heapBefore,
      heapBytesAfter: heapAfter,
      heapBytesSeries: heapSeries,
      offsiteRequests: problems.offsite.length,
      pageErrors: problems.pageErrors.length,
      mapMetrics: await mapSamples,
    };
    const f = figures(measured);
    // deck.gl's animation frames in the window, from its own frame rate: what the profiled CPU is spread over.
    const deckFrames = f.mapFps === null || f.seconds === null ? 0 : f.mapFps * f.seconds;
    const result = {
      page: opts.path,
      ...f,
      mapCpuMsPerFrameProfiled:
        deckFrameMs === null || deckFrames === 0 ? null : Math.round((deckFrameMs / deckFrames) * 100) / 100,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
      // The simulator's day runs at ×720: which hours of it the window covered (the lamps' switching
      // times and how many lamps are lit differ through the day).
      cityWindow: `${formatCityTime(city0, 'en')} to ${formatCityTime(city1, 'en')}`,
      config: { seed, incidentsPerSec, tickMs: TICK_MS, warmupS },
    };
    if (outcome.firstError) console.warn(`[bench] ingest trouble: ${outcome.firstError}`);
    if (problems.offsite.length || problems.pageErrors.length) {
      console.warn(`[bench] page problems: ${JSON.stringify(problems).slice(0, 2000)}`);
    }
    mkdirSync(resolve(opts.out, '..'), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    const profiled =
      result.mapCpuMsPerFrameProfiled === null
        ? ''
        : `\nmap CPU per frame (CPU profile of deck.gl's frame function): ${result.mapCpuMsPerFrameProfiled} ms`;
    console.log(
      `\n${formatTable(result)}${profiled}\ncity time (simulated) in the window: ${result.cityWindow}\n\nwritten to ${opts.out}`,
    );
  } finally {
    await browser.close().catch(() => {});
    await hub?.close();
  }
}

(scenario === 'console'
  ? runConsoleBench(args)
  : scenario === 'server'
    ? runServerBench(args)
    : scenario === 'briefing'
      ? runBriefingBench(args)
      : scenario === 'flyover'
        ? runFlyoverBench(args)
        : scenario === 'soak'
          ? runSoakBench(args)
          : main()
).then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
