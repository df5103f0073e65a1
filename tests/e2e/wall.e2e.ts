import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, sleep } from '../support/app';
import { canvasWebGlInfo, launchChromium } from '../support/browser';
import { ingest, testIncident } from '../support/ingest';
import {
  newProblems,
  guardContext,
  incidentArrivals,
  recordIncidentArrivals,
  tileValues,
  type PageProblems,
} from '../support/page';

const baseUrl = inject('baseUrl');
const RESULTS = resolve(ROOT, 'test-results');
const VIEWPORT = { width: 1920, height: 1080 };
/** what the issue promises: an ingested incident is on the wall within 2 s */
const INGEST_TO_SCREEN_MS = 2000;
/** A second of stream lag at npm start's clock (SIM_SCALE 720), in city time. */
const STREAM_LAG_CITY_MS = 720 * 1000;
const HOUR = 3_600_000;

const summary: Record<string, unknown> = { baseUrl };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  browser = await launchChromium({ gl: 'swiftshader' });
  summary.browser = browser.version();
});

afterAll(async () => {
  await browser?.close();
  writeFileSync(resolve(RESULTS, 'e2e-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`[e2e] summary ${JSON.stringify(summary)}`);
});

interface Wall {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

async function openWall(query: string): Promise<Wall> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const problems = await guardContext(context);
  await recordIncidentArrivals(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${query}`);
  await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
  return { context, page, problems };
}

/**
 * One page for a describe block. After every test, the test fails if the page sent a request that
 * left localhost, threw an uncaught error or logged a console error (each is reported once).
 */
function useWall(query: string): () => Wall {
  let wall: Wall | undefined;
  const fresh = newProblems();
  const assertClean = () => {
    if (wall) expect(fresh(wall.problems), 'the page misbehaved').toBe('');
  };
  beforeAll(async () => {
    wall = await openWall(query);
  });
  afterEach(assertClean);
  afterAll(async () => {
    await wall?.context.close();
    assertClean();
  });
  return () => {
    if (!wall) throw new Error('the wall did not open');
    return wall;
  };
}

function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** Posts one incident and returns when the page first showed it, measured from just before the POST. */
async function pushAndTime(page: Page, id: string, title: string, extra = {}): Promise<number> {
  const sentAt = Date.now();
  const res = await ingest(baseUrl, [{ type: 'incident.reported', data: testIncident(id, title, extra) }]);
  expect(res, 'ingest refused the incident').toMatchObject({ status: 202 });
  expect(res.seqs).toHaveLength(1);
  const deadline = sentAt + INGEST_TO_SCREEN_MS + 8000;
  while (Date.now() < deadline) {
    const [seenAt] = await incidentArrivals(page, [id]);
    if (seenAt !== undefined) return seenAt - sentAt;
    await sleep(50);
  }
  throw new Error(`incident ${id} never appeared on the wall`);
}

function tileLabels(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="tile-"]', (tiles) =>
    tiles.map((t) => (t as HTMLElement).innerText.replace(/[\d.,%\s]+/g, ' ').trim()),
  );
}

describe('the wall, in Vietnamese, as an operator', () => {
  const wall = useWall('');

  it('is in Vietnamese and says the data is simulated', async () => {
    const { page } = wall();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    // The badge comes with the snapshot's clock, which follows the connection by a moment.
    await page.waitForSelector('[data-testid="sim-badge"]', { timeout: 10_000 });
    expect(await page.locator('[data-testid="sim-badge"]').count()).toBe(1);
  });

  it('draws the map with WebGL', async () => {
    const { page } = wall();
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 60_000 });
    const gl = await canvasWebGlInfo(page, '[data-testid="map"] canvas.maplibregl-canvas');
    summary.webgl = gl;
    console.log(`[e2e] map canvas: ${gl.context}, renderer: ${gl.renderer}`);
    expect(gl.context).not.toBeNull();
    expect(gl.lost).toBe(false);
    expect(gl.renderer).toBeTruthy();
  });

  it('has counts that move', async () => {
    const { page } = wall();
    const first = await tileValues(page);
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['incidents-open', 'lights-on', 'lights-fault']),
    );
    for (const [name, value] of Object.entries(first)) {
      expect(Number.isFinite(value), `tile ${name} has a number`).toBe(true);
    }
    const deadline = Date.now() + 20_000;
    let moved: string[] = [];
    while (Date.now() < deadline && moved.length === 0) {
      await sleep(500);
      const now = await tileValues(page);
      moved = Object.keys(first).filter((name) => now[name] !== first[name]);
    }
    summary.tilesMoved = moved;
    expect(moved.length, 'no count tile changed within 20 s').toBeGreaterThan(0);
  });

  it('shows an incident pushed through /api/ingest within 2 seconds', async () => {
    const { page } = wall();
    const id = uniqueId('e2e');
    const title = `Kiểm thử e2e ${id}`;
    const latencyMs = await pushAndTime(page, id, title);
    summary.ingestToScreenMs = latencyMs;
    console.log(`[e2e] ingest to screen: ${latencyMs} ms`);
    expect(latencyMs).toBeLessThan(INGEST_TO_SCREEN_MS);
    const item = page.locator(`[data-testid="incident-feed"] [data-incident-id="${id}"]`);
    await expect.poll(() => item.innerText(), { timeout: 5000 }).toContain(title);

    // A high report raises an alarm for the operator. Its banner hangs over the map, clear of the map's
    // controls: an operator must still reach the layers and views while it waits for acknowledgement.
    const alarm = page.locator(`[data-testid="alarm-banner"] [data-alarm-id="${id}"]`);
    await alarm.waitFor({ timeout: 5000 });
    const banner = (await page.locator('[data-testid="alarm-banner"]').boundingBox())!;
    for (const control of await page.locator('.map-controls > *').all()) {
      // The Vietnamese labels are the longest: none may run out of its panel, under the banner.
      const overflow = await control.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `text running out of ${await control.getAttribute('class')}`).toBeLessThanOrEqual(0);
      const box = (await control.boundingBox())!;
      const overlaps =
        banner.x < box.x + box.width &&
        box.x < banner.x + banner.width &&
        banner.y < box.y + box.height &&
        box.y < banner.y + banner.height;
      expect(overlaps, `alarm banner ${JSON.stringify(banner)} over map control ${JSON.stringify(box)}`).toBe(
        false,
      );
    }
  });

  it('shows markup in a citizen report as text, never as HTML', async () => {
    const { page } = wall();
    const id = uniqueId('e2e-xss');
    const title = `<img src=x onerror="window.__pwned=1"><b>đậm</b> ${id}`;
    await ingest(baseUrl, [{ type: 'incident.reported', data: testIncident(id, title) }]);
    const item = page.locator(`[data-testid="incident-feed"] [data-incident-id="${id}"]`);
    await expect.poll(() => item.innerText(), { timeout: 5000 }).toContain(title);
    expect(await item.locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("counts the lighting's energy from the city's midnight, with 24 hours of power from the hub", async () => {
    const { page } = wall();
    const panel = page.locator('[data-testid="energy-panel"][data-now]');
    await panel.waitFor({ timeout: 10_000 });
    const read = async (name: string) => Number(await panel.getAttribute(name));
    const now = await read('data-now');
    const since = await read('data-since');
    // Today starts at midnight in Huế (UTC+7), not when the page opened: the snapshot brought the day.
    expect((since + 7 * HOUR) % (24 * HOUR)).toBe(0);
    expect(now - since).toBeLessThan(24 * HOUR);
    expect(await read('data-first-sample')).toBeLessThanOrEqual(now - 23 * HOUR);
    expect(await page.locator('[data-testid="energy-today-label"]').innerText()).toBe('Điện năng hôm nay');
    expect(await page.locator('.energy-since').count()).toBe(0);
    // The hub's meter agrees on the day: its figures, read now, are of the same size as the page's.
    // Read at two instants on two clocks (the page extrapolates the city clock, and its power samples
    // arrive with the stream): they may differ by at most what every lamp at full power draws between
    // the two, plus the minute both back-date, plus a second of stream lag on a loaded machine (twelve
    // city minutes at npm start's ×720: an evening at full power made that gap alone fail the check).
    // A page counting from when it opened, not from midnight, would be hours off. The two are read
    // again, a few times, for the panel refreshes every 2 s.
    let gap = { diff: 0, bound: 0, sameDay: false };
    for (let attempt = 0; attempt < 10; attempt++) {
      const res = await fetch(`${baseUrl}/api/lights/energy`, {
        headers: { authorization: 'Bearer dev-leader' },
      });
      const hub = (await res.json()) as {
        at: number;
        since: number;
        ratedW: number;
        todayWh: number;
        baselineWh: number;
      };
      expect(hub.baselineWh).toBeGreaterThan(0);
      // The page's figure and the city time it is of, in one read: the panel renders them together.
      const reading = await page.evaluate(() => {
        const el = document.querySelector('[data-testid="energy-panel"]');
        return {
          now: Number(el?.getAttribute('data-now')),
          since: Number(el?.getAttribute('data-since')),
          wh: Number(el?.querySelector('[data-testid="energy-today"]')?.getAttribute('data-value')),
        };
      });
      expect(reading.wh).toBeGreaterThan(0);
      const apart = Math.abs(hub.at - reading.now) + 2 * 60_000 + STREAM_LAG_CITY_MS;
      gap = {
        diff: Math.abs(reading.wh - hub.todayWh),
        bound: (hub.ratedW * apart) / HOUR,
        sameDay: hub.since === reading.since,
      };
      if (!gap.sameDay || gap.diff <= gap.bound) break;
      await sleep(500);
    }
    if (gap.sameDay) expect(gap.diff).toBeLessThanOrEqual(gap.bound);
  });

  it('looks like a wall (screenshot)', async () => {
    const { page } = wall();
    await sleep(1000);
    await page.screenshot({ path: resolve(RESULTS, 'wall-vi-1920.png') });
    summary.tileLabelsVi = await tileLabels(page);
  });
});

describe('the wall for a guest', () => {
  const wall = useWall('?token=dev-guest');

  it('never receives reporter names or phones, live or after a reload', async () => {
    const { page } = wall();
    const id = uniqueId('e2e-guest');
    const title = `Khách xem ${id}`;
    const reporter = {
      name: `Riêng Tư ${Math.floor(Math.random() * 1e9)}`,
      phone: `0905${Date.now() % 1e6}`,
    };
    await pushAndTime(page, id, title, { reporter });
    const feedItem = page.locator(`[data-testid="incident-feed"] [data-incident-id="${id}"]`);
    await expect.poll(() => feedItem.innerText(), { timeout: 5000 }).toContain(title);

    const leaks = async () => {
      const html = await page.content();
      const state = await page.evaluate(() =>
        JSON.stringify((window as { __iocWall?: unknown }).__iocWall ?? null),
      );
      return [reporter.name, reporter.phone].filter((s) => html.includes(s) || state.includes(s));
    };
    expect(await leaks()).toEqual([]);

    // Control: the hub does hold the reporter, so its absence on the guest's page means redaction.
    const operatorView = await fetch(`${baseUrl}/api/snapshot`, {
      headers: { authorization: 'Bearer dev-operator' },
    }).then((r) => r.text());
    expect(operatorView).toContain(reporter.name);

    // A fresh page takes the snapshot (or replay) path instead of the live stream.
    await page.reload();
    await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
    await page.waitForSelector(`[data-incident-id="${id}"]`, { timeout: 10_000 });
    expect(await leaks()).toEqual([]);
  });
});

describe('the wall in English', () => {
  const wall = useWall('?lang=en');

  it('switches the page language with ?lang=en', async () => {
    const { page } = wall();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const labels = await tileLabels(page);
    summary.tileLabelsEn = labels;
    expect(labels.join(' ')).toMatch(/incident|light|alert/i);
    if (Array.isArray(summary.tileLabelsVi)) expect(labels).not.toEqual(summary.tileLabelsVi);
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 60_000 });
    await sleep(1000);
    await page.screenshot({ path: resolve(RESULTS, 'wall-en-1920.png') });
  });
});
