import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { startHub, type Hub } from '../../server/hub';
import { HUE_WARDS } from '../../src/shared/city/wards';
import { ROOT, sleep } from '../support/app';
import { launchWithWebGl, type GlBackend } from '../support/browser';
import { ensureBuilt } from '../support/build';
import { ingest } from '../support/ingest';
import { guardContext } from '../support/page';
import {
  batches,
  consoleBacklog,
  consoleFigures,
  consoleIncident,
  formatConsoleTable,
  formatProfile,
  liveId,
  wardPicker,
  type ConsoleMeasurements,
  type CpuProfile,
  type QueryResult,
  type SelectChange,
} from './consoleReport';
import { nextTickAt, seededRandom } from './load';
import { sourceLocator } from './sourceMaps';
import { intOption } from './args';

// `npm run bench -- --scenario console`: issue 4's "the list stays fast with 10,000 incidents". The
// hub (with its simulator) runs in this process; 10,000 reports go in through /api/ingest before the
// operator console opens in headless Chromium at 1920×1080, then the console is driven the way an
// operator drives it: filter, sort, scroll, hold ↓, and watch reports stream in. As with the wall
// benchmark, Chromium and this process share two cores: compare figures within a run.

const LIST = '[data-testid="console-list"]';
const FILTER_TEXT = '[data-testid="filter-text"]';

/** Queries an operator types: streets, wards, kinds of problem, with and without diacritics, an id. */
const QUERIES = [
  'le loi',
  'rác',
  'ngập',
  'phú xuân',
  'ổ gà',
  'hung vuong',
  'đèn đường',
  'hố ga',
  'CB-0042',
  'vỉa hè',
  'cay xanh',
  'kim long',
  'xả thải',
  'karaoke',
  'trần hưng đạo',
  'số 12',
  'nứt vỡ',
  'đỗ xe',
  'cáp viễn thông',
  'thuan hoa',
];

/** Status and sort changes, each cycle ending where it began (all statuses, newest first). */
const SELECT_CYCLE: { select: 'status' | 'sort'; value: string }[] = [
  { select: 'status', value: 'received' },
  { select: 'status', value: 'resolved' },
  { select: 'status', value: 'open' },
  { select: 'status', value: '' },
  { select: 'sort', value: 'oldest' },
  { select: 'sort', value: 'severity' },
  { select: 'sort', value: 'deadline' },
  { select: 'sort', value: 'newest' },
];

function options(argv: string[]) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      incidents: { type: 'string', default: '10000' },
      batch: { type: 'string', default: '500' },
      lamps: { type: 'string', default: process.env.BENCH_LAMPS ?? '20000' },
      seed: { type: 'string', default: process.env.BENCH_SEED ?? '2025' },
      gl: { type: 'string', default: process.env.BENCH_GL ?? 'llvmpipe' },
      // a fast typist's pace between keys
      'type-delay': { type: 'string', default: '50' },
      'select-cycles': { type: 'string', default: '2' },
      // 0 = one list height per frame: every frame shows rows that were not in the DOM before
      'scroll-step': { type: 'string', default: '0' },
      presses: { type: 'string', default: '200' },
      // a held key repeats about 30 times a second
      'repeat-ms': { type: 'string', default: '33' },
      'live-rate': { type: 'string', default: '20' },
      'live-seconds': { type: 'string', default: '20' },
      'idle-seconds': { type: 'string', default: '10' },
      out: { type: 'string', default: resolve(ROOT, 'bench-results/console.json') },
      // CPU profile of each phase (load, filter, scroll, keyboard, live): costs a little speed
      profile: { type: 'boolean', default: false },
    },
  });
  return {
    incidents: intOption('incidents', v.incidents),
    batch: intOption('batch', v.batch),
    lamps: intOption('lamps', v.lamps),
    seed: intOption('seed', v.seed),
    gl: (v.gl === 'swiftshader' ? 'swiftshader' : 'llvmpipe') as GlBackend,
    typeDelayMs: intOption('type-delay', v['type-delay'], 0),
    selectCycles: intOption('select-cycles', v['select-cycles'], 0),
    scrollStepPx: intOption('scroll-step', v['scroll-step'], 0),
    presses: intOption('presses', v.presses),
    repeatMs: intOption('repeat-ms', v['repeat-ms']),
    liveRate: intOption('live-rate', v['live-rate']),
    liveSeconds: intOption('live-seconds', v['live-seconds']),
    idleSeconds: intOption('idle-seconds', v['idle-seconds'], 0),
    out: v.out,
    profile: v.profile,
  };
}
type Options = ReturnType<typeof options>;

// waitForFunction must be handed a function: a string predicate is run by eval, which the page's CSP forbids.
interface ConsoleBenchWindow {
  __consoleBench: { settled(quietMs: number): boolean; firstFullPaint: number | null };
}

// The page side is a plain script (see tests/support/page.ts on why not a function): it notes when
// each input happened and when the frame after it was painted (rAF, then a task: the paint runs
// between them), and every change of the list's row count.
const pageScript = (want: number) => `(() => {
  const B = { inputs: [], rows: [], firstFull: null, firstFullPaint: null, frames: null, gen: 0 };
  window.__consoleBench = B;
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(() => fn(performance.now()), 0));
  const list = () => document.querySelector('${LIST}');
  const rowsNow = () => { const el = list(); return el ? Number(el.getAttribute('data-rows')) : -1; };
  // Keyed events carry the time the browser received them; the start of a typed character is its
  // keydown when it had one (characters outside the US layout arrive as text input only).
  const startOf = (ev) => {
    const now = performance.now();
    return ev.timeStamp > 0 && ev.timeStamp <= now && now - ev.timeStamp < 10000 ? ev.timeStamp : now;
  };
  B.selectedIndex = () => {
    const el = document.querySelector('${LIST} [aria-selected="true"]');
    if (!el) return -1;
    return Math.round(parseFloat(el.style.top) / parseFloat(el.style.height));
  };
  let pendingKey = null;
  addEventListener('keydown', (ev) => {
    pendingKey = startOf(ev);
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    const rec = { kind: 'key', start: pendingKey, paint: 0, selected: -1 };
    B.inputs.push(rec);
    afterPaint((t) => { rec.paint = t; rec.selected = B.selectedIndex(); });
  }, true);
  addEventListener('keyup', () => { pendingKey = null; }, true);
  addEventListener('input', (ev) => {
    if (!ev.target || ev.target.tagName === 'SELECT') return;
    const rec = { kind: 'input', start: pendingKey ?? startOf(ev), paint: 0, rowsAtPaint: -1 };
    pendingKey = null;
    B.inputs.push(rec);
    afterPaint((t) => { rec.paint = t; rec.rowsAtPaint = rowsNow(); });
  }, true);
  addEventListener('change', (ev) => {
    if (!ev.target || ev.target.tagName !== 'SELECT') return;
    const rec = { kind: 'change', start: startOf(ev), paint: 0, rowsAtPaint: -1 };
    B.inputs.push(rec);
    afterPaint((t) => { rec.paint = t; rec.rowsAtPaint = rowsNow(); });
  }, true);
  const noteRows = () => {
    const n = rowsNow();
    if (n === B.lastRows) return;
    B.lastRows = n;
    const rec = { t: performance.now(), rows: n, paint: 0 };
    B.rows.push(rec);
    afterPaint((t) => { rec.paint = t; });
    if (B.firstFull === null && n >= ${want}) {
      B.firstFull = rec.t;
      afterPaint((t) => { B.firstFullPaint = t; });
    }
  };
  // Until the list first shows everything, any insertion may be the list arriving with its count.
  const arrival = new MutationObserver(() => { noteRows(); if (B.firstFull !== null) arrival.disconnect(); });
  arrival.observe(document, { childList: true, subtree: true });
  new MutationObserver(noteRows).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rows'] });
  B.reset = () => { B.inputs = []; B.rows = []; };
  B.settled = (quietMs) => {
    let last = -Infinity;
    for (const r of B.inputs) { if (!r.paint) return false; last = Math.max(last, r.start); }
    for (const r of B.rows) if (!r.paint) return false;
    return performance.now() - last >= quietMs;
  };
  B.startFrames = () => {
    const gen = ++B.gen;
    const frames = [];
    B.frames = frames;
    const loop = (t) => { if (B.gen !== gen) return; frames.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  };
  B.stopFrames = () => { B.gen++; const f = B.frames ?? []; B.frames = null; return f; };
  // Top to bottom, one step per frame; the row count is read every frame, the end checked by the
  // last row being drawn.
  B.scrollThrough = (stepPx) => new Promise((done) => {
    const el = list();
    const step = stepPx > 0 ? stepPx : el.clientHeight;
    const frames = [];
    let maxRows = 0;
    const count = () => { maxRows = Math.max(maxRows, el.querySelectorAll('[data-incident-id]').length); };
    const finish = () => requestAnimationFrame((t1) => requestAnimationFrame((t2) => {
      frames.push(t1, t2);
      count();
      const total = Number(el.getAttribute('data-rows'));
      let lastIndex = -1;
      el.querySelectorAll('[data-incident-id]').forEach((r) => {
        lastIndex = Math.max(lastIndex, Math.round(parseFloat(r.style.top) / parseFloat(r.style.height)));
      });
      done({ frames, maxRows, reachedBottom: lastIndex === total - 1, stepPx: step });
    }));
    const tick = (t) => {
      frames.push(t);
      count();
      const bottom = el.scrollHeight - el.clientHeight;
      if (el.scrollTop >= bottom - 1) { frames.pop(); finish(); return; }
      el.scrollTop = Math.min(bottom, el.scrollTop + step);
      requestAnimationFrame(tick);
    };
    el.scrollTop = 0;
    requestAnimationFrame(() => requestAnimationFrame(tick));
  });
})();`;

interface InputRec {
  kind: 'key' | 'input' | 'change';
  start: number;
  paint: number;
  rowsAtPaint?: number;
  selected?: number;
}
interface RowsRec {
  t: number;
  rows: number;
  paint: number;
}

const readInputs = (page: Page) =>
  page.evaluate('({ inputs: window.__consoleBench.inputs, rows: window.__consoleBench.rows })') as Promise<{
    inputs: InputRec[];
    rows: RowsRec[];
  }>;

const resetInputs = (page: Page) => page.evaluate('window.__consoleBench.reset()');

async function waitSettled(page: Page, quietMs = 300): Promise<void> {
  await page.waitForFunction(
    (ms) => (window as unknown as ConsoleBenchWindow).__consoleBench.settled(ms),
    quietMs,
    {
      timeout: 60_000,
      polling: 50,
    },
  );
}

const rowCount = (page: Page) =>
  page.$eval(LIST, (el) => Number(el.getAttribute('data-rows'))) as Promise<number>;

/**
 * Input to a settled list: the paint after the input when the list already showed its final count
 * then (the console filters synchronously), else the paint after the count reached its final value
 * (a deferred filter would get there later).
 */
function inputLatency(rec: InputRec, rows: RowsRec[], finalRows: number): number {
  if (rec.rowsAtPaint === finalRows) return rec.paint - rec.start;
  const reached = rows.find((r) => r.t >= rec.start && r.rows === finalRows);
  return (reached ? Math.max(reached.paint, rec.paint) : rec.paint) - rec.start;
}

// ---- CDP ----

async function taskAndHeap(cdp: CDPSession): Promise<{ task: number; heap: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { task: get('TaskDuration'), heap: get('JSHeapUsedSize') };
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await taskAndHeap(cdp)).heap;
}

// ---- The scenario ----

async function ingestBacklog(hub: Hub, o: Options): Promise<number> {
  const res = await fetch(`${hub.url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
  if (!res.ok) throw new Error(`snapshot: HTTP ${res.status}`);
  const cityNow = ((await res.json()) as { state: { clock: { now: number } } }).state.clock.now;
  const backlog = consoleBacklog(seededRandom(o.seed), HUE_WARDS, o.incidents, cityNow);
  let accepted = 0;
  for (const batch of batches(backlog, o.batch)) {
    const r = await ingest(hub.url, batch);
    if (r.status !== 202)
      throw new Error(`ingest refused a batch: HTTP ${r.status} ${r.error?.slice(0, 300)}`);
    accepted += r.seqs.length;
  }
  return accepted;
}

async function measureQueries(page: Page, o: Options) {
  const queries: QueryResult[] = [];
  const keystrokeMs: number[] = [];
  const field = page.locator(FILTER_TEXT);
  for (const query of QUERIES) {
    await field.fill('');
    await waitSettled(page);
    await resetInputs(page);
    await field.focus();
    await page.keyboard.type(query, { delay: o.typeDelayMs });
    await waitSettled(page);
    const { inputs, rows } = await readInputs(page);
    const typed = inputs.filter((r) => r.kind === 'input');
    const last = typed[typed.length - 1];
    if (!last || typed.length !== [...query].length) {
      throw new Error(`typing "${query}" gave ${typed.length} input events, not ${[...query].length}`);
    }
    const finalRows = await rowCount(page);
    queries.push({ query, rows: finalRows, ms: inputLatency(last, rows, finalRows) });
    for (const r of typed) keystrokeMs.push(r.paint - r.start);
  }
  await field.fill('');
  await waitSettled(page);
  return { queries, keystrokeMs };
}

async function measureSelects(page: Page, cycles: number): Promise<SelectChange[]> {
  const out: SelectChange[] = [];
  for (let c = 0; c < cycles; c++) {
    for (const { select, value } of SELECT_CYCLE) {
      await resetInputs(page);
      await page.selectOption(`[data-testid="${select === 'status' ? 'filter-status' : 'sort'}"]`, value);
      await waitSettled(page);
      const { inputs, rows } = await readInputs(page);
      const change = inputs.find((r) => r.kind === 'change');
      if (!change) throw new Error(`no change event seen for ${select} = ${value}`);
      const finalRows = await rowCount(page);
      out.push({ select, value, rows: finalRows, ms: inputLatency(change, rows, finalRows) });
    }
  }
  return out;
}

async function measureKeyboard(page: Page, o: Options): Promise<ConsoleMeasurements['keyboard']> {
  await page.evaluate(`document.querySelector('${LIST}').scrollTop = 0`);
  await sleep(300);
  await page.locator(`${LIST} [data-incident-id]`).first().click();
  await page.waitForSelector(`${LIST} [aria-selected="true"]`);
  await waitSettled(page);
  const before = (await page.evaluate('window.__consoleBench.selectedIndex()')) as number;
  await resetInputs(page);
  // Held down: the key repeats on a fixed grid whether or not the page kept up.
  const start = Date.now();
  for (let i = 0; i < o.presses; i++) {
    await page.keyboard.down('ArrowDown');
    await sleep(Math.max(0, nextTickAt(start, o.repeatMs, Date.now()) - Date.now()));
  }
  await page.keyboard.up('ArrowDown');
  await waitSettled(page);
  const keys = (await readInputs(page)).inputs.filter((r) => r.kind === 'key');
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (!first || !last) throw new Error('no ArrowDown seen by the page');
  return {
    presses: keys.length,
    moved: (last.selected ?? -1) - before,
    totalMs: last.paint - first.start,
    perPressMs: keys.map((k) => k.paint - k.start),
  };
}

/** Ingests `rate` reports a second on a fixed grid for `seconds`; resolves when every request ended. */
async function liveLoad(hub: Hub, o: Options): Promise<{ sent: number; accepted: number }> {
  const random = seededRandom(o.seed + 1);
  const wardOf = wardPicker(HUE_WARDS);
  const intervalMs = 1000 / o.liveRate;
  const total = o.liveRate * o.liveSeconds;
  const requests: Promise<void>[] = [];
  let accepted = 0;
  const start = Date.now();
  for (let n = 1; n <= total; n++) {
    const event = consoleIncident(random, wardOf(random), { id: liveId(n) });
    requests.push(
      ingest(hub.url, [event]).then(
        (r) => void (accepted += r.status === 202 ? 1 : 0),
        () => undefined,
      ),
    );
    await sleep(Math.max(0, start + n * intervalMs - Date.now()));
  }
  await Promise.all(requests);
  return { sent: total, accepted };
}

export async function runConsoleBench(argv: string[]): Promise<void> {
  const o = options(argv);
  await ensureBuilt();
  const { browser, backend, renderer } = await launchWithWebGl(o.gl);
  let hub: Hub | undefined;
  const locate = sourceLocator();
  const profiles: string[] = [];
  try {
    hub = await startHub({
      port: 0,
      host: '127.0.0.1',
      sim: { seed: o.seed, lamps: o.lamps },
      staticDir: resolve(ROOT, 'dist'),
    });
    const t0 = performance.now();
    const incidentsIngested = await ingestBacklog(hub, o);
    console.log(
      `[bench] hub ${hub.url}; ${incidentsIngested} incidents ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s; renderer: ${renderer}`,
    );

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const problems = await guardContext(context);
    await context.addInitScript({ content: pageScript(o.incidents) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    const profiled = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
      if (!o.profile) return run();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      const result = await run();
      const { profile } = await cdp.send('Profiler.stop');
      const file = resolve(o.out, '..', `console-${phase}.cpuprofile`);
      mkdirSync(resolve(file, '..'), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      profiles.push(`[profile] ${phase} (${file})\n${formatProfile(profile as CpuProfile, locate)}`);
      return result;
    };

    // 1. Load: navigation to the list showing the whole backlog.
    const firstFullListMs = await profiled('load', async () => {
      await page.goto(`${hub!.url}/operator?token=dev-operator`);
      await page.waitForFunction(
        () => (window as unknown as ConsoleBenchWindow).__consoleBench.firstFullPaint !== null,
        undefined,
        {
          timeout: 120_000,
          polling: 100,
        },
      );
      return (await page.evaluate('window.__consoleBench.firstFullPaint')) as number;
    });
    await sleep(2000);

    // 2. Filters and sorting: the status and sort selects, then free text over every status.
    const selects = await profiled('selects', () => measureSelects(page, Math.max(1, o.selectCycles)));
    const rowsAll = await rowCount(page);
    console.log(`[bench] list shows ${rowsAll} rows with every status`);
    const { queries, keystrokeMs } = await profiled('filter', () => measureQueries(page, o));

    // 3. Scroll from top to bottom.
    const scrolled = await profiled(
      'scroll',
      () =>
        page.evaluate(`window.__consoleBench.scrollThrough(${o.scrollStepPx})`) as Promise<{
          frames: number[];
          maxRows: number;
          reachedBottom: boolean;
          stepPx: number;
        }>,
    );

    // 4. Hold ↓.
    const keyboard = await profiled('keyboard', () => measureKeyboard(page, o));

    // 5. Live: the console open on every status, newest first, at the top of the list.
    await page.evaluate(`document.querySelector('${LIST}').scrollTop = 0`);
    await sleep(1000);
    let idle: ConsoleMeasurements['idle'] = null;
    if (o.idleSeconds > 0) {
      const seq0 = hub.seq;
      const m0 = await taskAndHeap(cdp);
      const w0 = performance.now();
      await sleep(o.idleSeconds * 1000);
      const m1 = await taskAndHeap(cdp);
      idle = {
        windowS: (performance.now() - w0) / 1000,
        taskDurationS: m1.task - m0.task,
        hubEvents: hub.seq - seq0,
      };
    }
    const heapBefore = await heapAfterGc(cdp);
    const rowsBefore = await rowCount(page);
    const live = await profiled('live', async () => {
      const seq0 = hub!.seq;
      const m0 = await taskAndHeap(cdp);
      await page.evaluate('window.__consoleBench.startFrames()');
      const w0 = performance.now();
      const load = await liveLoad(hub!, o);
      const windowS = (performance.now() - w0) / 1000;
      const m1 = await taskAndHeap(cdp);
      const frames = (await page.evaluate('window.__consoleBench.stopFrames()')) as number[];
      return { ...load, windowS, taskDurationS: m1.task - m0.task, hubEvents: hub!.seq - seq0, frames };
    });
    await sleep(2000);
    const rowsAfter = await rowCount(page);
    const heapAfter = await heapAfterGc(cdp);
    // Found by its id rather than looked for on screen: the list keeps the selected row in view, so
    // where it stands after the window depends on the selection, not on the live reports.
    await page.locator(FILTER_TEXT).fill(liveId(live.sent));
    const newestShown = await page
      .waitForFunction(
        (selector) => document.querySelector(selector) !== null,
        `${LIST} [data-incident-id="${liveId(live.sent)}"]`,
        {
          timeout: 5000,
        },
      )
      .then(
        () => true,
        () => false,
      );

    const measured: ConsoleMeasurements = {
      renderer,
      glBackend: backend,
      chromium: browser.version(),
      incidentsIngested,
      rowsAll,
      firstFullListMs,
      queries,
      keystrokeMs,
      selects,
      scroll: {
        frameTimestamps: scrolled.frames,
        maxDomRows: scrolled.maxRows,
        reachedBottom: scrolled.reachedBottom,
        stepPx: scrolled.stepPx,
      },
      keyboard,
      live: {
        ratePerSec: o.liveRate,
        seconds: o.liveSeconds,
        sent: live.sent,
        accepted: live.accepted,
        windowS: live.windowS,
        taskDurationS: live.taskDurationS,
        heapBytesBefore: heapBefore,
        heapBytesAfter: heapAfter,
        rowsBefore,
        rowsAfter,
        newestShown,
        hubEvents: live.hubEvents,
        frameTimestamps: live.frames,
      },
      idle,
      offsiteRequests: problems.offsite.length,
      pageErrors: problems.pageErrors.length,
    };
    const result = {
      scenario: 'console',
      ...consoleFigures(measured),
      profiled: o.profile,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
      config: {
        seed: o.seed,
        lamps: o.lamps,
        typeDelayMs: o.typeDelayMs,
        repeatMs: o.repeatMs,
        viewport: '1920x1080',
      },
    };
    if (problems.offsite.length || problems.pageErrors.length) {
      console.warn(`[bench] page problems: ${JSON.stringify(problems).slice(0, 2000)}`);
    }
    mkdirSync(resolve(o.out, '..'), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    for (const p of profiles) console.log(`\n${p}`);
    console.log(
      `\n${o.profile ? '(profiled run: the profiler slows the page)\n' : ''}${formatConsoleTable(result)}\n\nwritten to ${o.out}`,
    );
  } finally {
    await browser.close().catch(() => {});
    await hub?.close();
  }
}
