import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeLampColor } from '../../src/features/lights/lampColors';
import { LAMP_DIMMED } from '../../src/shared/protocol/codes';
import type { Snapshot } from '../../src/shared/protocol/events';
import { ROOT } from '../support/app';
import { launchChromium } from '../support/browser';
import { guardContext, newProblems, type PageProblems } from '../support/page';

// Issue 5's end-to-end test: an operator dims a cabinet on the lighting console (/lights) while a
// wall watches in a second window. The cabinet's lamps must take the new colour in the wall's lamp
// layer within 2 seconds of the command, and the console's cabinet list must count them dimmed.

const baseUrl = inject('baseUrl');
const RESULTS = resolve(ROOT, 'test-results');
const VIEWPORT = { width: 1920, height: 1080 };
const WITHIN_MS = 2000;
const LEVEL = 30;
/** City time the override must have ahead of it for the test's checks: 3 hours, 15 s at ×720. */
const OVERRIDE_MARGIN_MS = 3 * 3600_000;

interface Win {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

let browser: Browser;
const wins: Win[] = [];
const fresh = newProblems();

async function open(path: string): Promise<Win> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const problems = await guardContext(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
  const win = { context, page, problems };
  wins.push(win);
  return win;
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  browser = await launchChromium({ gl: 'swiftshader' });
});

afterAll(async () => {
  for (const w of wins) await w.context.close();
  await browser?.close();
});

afterEach(() => {
  for (const w of wins) expect(fresh(w.problems), 'a window misbehaved').toBe('');
});

async function snapshot(): Promise<Snapshot> {
  const res = await fetch(`${baseUrl}/api/snapshot`, { headers: { authorization: 'Bearer dev-leader' } });
  return (await res.json()) as Snapshot;
}

/** The city's clock now, from the hub (epoch ms). */
async function cityNow(): Promise<number> {
  const res = await fetch(`${baseUrl}/api/lights/energy`, {
    headers: { authorization: 'Bearer dev-leader' },
  });
  return ((await res.json()) as { at: number }).at;
}

/** The lamps of a cabinet, from the hub's snapshot (the inventory is fixed for the hub's lifetime). */
async function lampsOfCabinet(cabinetId: string): Promise<number[]> {
  const snap = await snapshot();
  const index = snap.state.lamps.cabinets.findIndex((c) => c.id === cabinetId);
  const out: number[] = [];
  snap.state.lamps.cabinet.forEach((c, i) => c === index && out.push(i));
  return out;
}

describe('an operator dims a cabinet while the wall watches', () => {
  it('dims it from the lighting console; the wall recolours its lamps and the list counts them within 2 s', async () => {
    const wall = await open('/?token=dev-leader');
    await wall.page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 60_000 });
    const { page } = await open('/lights?token=dev-operator');
    await page.waitForSelector('[data-testid="cabinet-row"]', { timeout: 10_000 });

    // A cabinet that is online, with no failed lamp: every lamp can take the command.
    const cabinetId = await page.$$eval('[data-testid="cabinet-row"]', (rows) => {
      const ok = rows.find(
        (r) => r.getAttribute('data-fault') === '0' && r.getAttribute('data-online') === 'true',
      );
      return ok?.getAttribute('data-cabinet-id') ?? null;
    });
    expect(cabinetId, 'a cabinet with no failed lamp').not.toBeNull();
    const lamps = await lampsOfCabinet(cabinetId!);
    expect(lamps.length).toBeGreaterThan(10);

    await page.click(`[data-testid="cabinet-row"][data-cabinet-id="${cabinetId}"]`);
    await page.waitForSelector(`[data-testid="cabinet-detail"][data-cabinet-id="${cabinetId}"]`);
    await page.fill('[data-testid="cab-level"]', String(LEVEL));

    // An operator's override lasts until the cabinet's next scheduled change, which at the simulator's
    // ×720 can be seconds away; then its lamps follow the schedule again, and the checks below would
    // judge them against a command no longer in force (CI once saw all 44 lamps "wrong"). The command
    // goes once that change is at least three city hours (15 s) off.
    await expect
      .poll(
        async () =>
          Number(await page.getAttribute('[data-testid="cab-next"]', 'data-at')) - (await cityNow()),
        { timeout: 45_000, interval: 250, message: "the cabinet's next scheduled change, from now" },
      )
      .toBeGreaterThanOrEqual(OVERRIDE_MARGIN_MS);

    // The wall: the lamps that took the command carry the dimmed colour the map uploads. The wall page
    // itself notes the moment (Date.now(), the machine's one clock) most of them show it, and the
    // console page notes when it received the click: the time is theirs, not the test's polling.
    const want = new Uint8Array(4);
    writeLampColor(LAMP_DIMMED, LEVEL, want, 0);
    await wall.page.evaluate(
      ([idx, rgba, level, dimmed]) => {
        const w = window as unknown as { __dimmedAt?: number };
        const timer = setInterval(() => {
          let n = 0;
          for (const i of idx) {
            const l = window.__iocWall?.lamp(i);
            if (l && l.state === dimmed && l.level === level && l.rgba.join() === rgba) n++;
          }
          // About 3% of lamps miss a command: most, not all, must have taken it.
          if (n > idx.length * 0.8) {
            w.__dimmedAt = Date.now();
            clearInterval(timer);
          }
        }, 20);
      },
      [lamps, [...want].join(), LEVEL, LAMP_DIMMED] as const,
    );
    await page.evaluate(() => {
      const w = window as unknown as { __clickAt?: number };
      document
        .querySelector('[data-testid="cab-dim"]')
        ?.addEventListener('click', () => (w.__clickAt ??= Date.now()), { capture: true });
    });
    await page.click('[data-testid="cab-dim"]');
    const dimmedAt = async () =>
      (await wall.page.evaluate(() => (window as unknown as { __dimmedAt?: number }).__dimmedAt)) ?? null;
    await expect.poll(dimmedAt, { timeout: 10_000 }).not.toBeNull();
    const clickAt = (await page.evaluate(() => (window as unknown as { __clickAt?: number }).__clickAt))!;
    const shownAt = (await dimmedAt())!;
    // The cabinet's lamps dimmed to the level, on the wall now: the last of the command's lamp events may
    // still be on their way, and at the simulator's ×720 a failed lamp may be mended (and take the
    // cabinet's level) within seconds, so the count is read again wherever it is compared.
    // `anyLevel`: as the console's list counts them, by state; a lamp that missed the command and kept
    // an earlier dim level (part-night dimming) is dimmed there too, though not to this level.
    const dimmedOnWall = async (anyLevel = false) =>
      (await wall.page.evaluate((idx) => idx.map((i) => window.__iocWall?.lamp(i) ?? null), lamps)).filter(
        (l) => l && l.state === LAMP_DIMMED && (anyLevel || l.level === LEVEL),
      ).length;

    const result = page.locator('[data-testid="cab-result"]');
    await result.waitFor({ timeout: 5000 });
    expect(await result.getAttribute('class')).not.toContain('error');
    expect(await result.innerText()).toMatch(/\d+\/\d+/);
    await expect
      .poll(() => page.getAttribute('[data-testid="cabinet-detail"]', 'data-mode'), { timeout: WITHIN_MS })
      .toBe('dim');
    // Its next switch is where the override ends, on the cabinet's own clock.
    const listed = (await (
      await fetch(`${baseUrl}/api/lights/cabinets`, { headers: { authorization: 'Bearer dev-leader' } })
    ).json()) as { cabinets: { id: string; override: { until: number } | null }[] };
    const until = listed.cabinets.find((c) => c.id === cabinetId)?.override?.until;
    expect(until).toBeDefined();
    await expect
      .poll(() => page.getAttribute('[data-testid="cab-next"]', 'data-at'), { timeout: WITHIN_MS })
      .toBe(String(until));

    // The console's list counts them: as many as the wall shows dimmed, most of the cabinet's lamps.
    const row = page.locator(`[data-testid="cabinet-row"][data-cabinet-id="${cabinetId}"]`);
    let took = 0;
    await expect
      .poll(
        async () => {
          const listed = Number(await row.getAttribute('data-dimmed'));
          const shown = await dimmedOnWall(true);
          took = await dimmedOnWall();
          return listed === shown ? 'the same' : `${listed} listed, ${shown} on the wall`;
        },
        { timeout: WITHIN_MS },
      )
      .toBe('the same');
    expect(took).toBeGreaterThan(lamps.length * 0.8);
    console.log(
      `[e2e lights] ${cabinetId}: ${took}/${lamps.length} lamps dimmed to ${LEVEL}% on the wall ` +
        `${shownAt - clickAt} ms after the click`,
    );
    expect(shownAt - clickAt).toBeLessThan(WITHIN_MS);
    await page.screenshot({ path: resolve(RESULTS, 'lights-console-1920.png') });

    // Faults: on the wall's map, exactly the cabinet's lamps that did not take the command (a failed
    // lamp, or one that missed the signal and kept its old level) wear a fault marker.
    const marked = () =>
      wall.page.evaluate(
        ([idx, level, dimmed]) =>
          idx.map((i) => {
            const l = window.__iocWall!.lamp(i)!;
            const ok = l.state === dimmed && l.level === level;
            return { i, ok, fault: window.__iocWall!.faultOf(i) };
          }),
        [lamps, LEVEL, LAMP_DIMMED] as const,
      );
    // The last read of the poll is the one counted: a lamp mended a moment later is not one of them.
    let lampsNow: Awaited<ReturnType<typeof marked>> = [];
    await expect
      .poll(
        async () => {
          lampsNow = await marked();
          return lampsNow.filter((m) => m.ok === (m.fault !== 0)).map((m) => m.i);
        },
        { timeout: WITHIN_MS },
      )
      .toEqual([]);
    const faulty = lampsNow.filter((m) => m.fault !== 0).length;
    expect(faulty).toBeLessThan(lamps.length * 0.2);
    // The wall's lighting tile counts at least those.
    const tileFaults = Number(await wall.page.getAttribute('[data-testid="lights-faults"]', 'data-value'));
    expect(tileFaults).toBeGreaterThanOrEqual(faulty);
    console.log(
      `[e2e lights] ${faulty} of its lamps marked as faults on the map; the wall counts ${tileFaults}`,
    );

    // Faults only: the lamps go, the markers stay.
    await wall.page.click('[data-testid="faults-only"]');
    expect(await wall.page.isChecked('[data-testid="layer-toggle-lamps"]')).toBe(false);
    expect(await wall.page.isChecked('[data-testid="layer-toggle-faults"]')).toBe(true);
    await wall.page.screenshot({ path: resolve(RESULTS, 'wall-faults-only-1920.png') });

    // A click on a fault marker opens its cabinet's panel on the map. Markers overlap at the overview,
    // and any lamp may turn faulty between the hover and the click (a later one is drawn on top), so
    // the target is a marker with no lamp of another cabinet within reach of the pointer.
    // Reports' columns and cameras are drawn over the markers: off, so that the pointer meets the marker.
    for (const layer of ['incidents', 'columns', 'cameras']) {
      const toggle = `[data-testid="layer-toggle-${layer}"]`;
      if (await wall.page.isChecked(toggle)) await wall.page.click(toggle);
    }
    const snap = await snapshot();
    const target = await wall.page.evaluate(
      ({ lon, lat, cabinet, reach }) => {
        const diag = window.__iocWall!.map;
        if (!diag.faults || !diag.project) return null;
        const xy = lon.map((_, i) => diag.project!(lon[i]!, lat[i]!));
        for (const i of diag.faults.lamps) {
          const [x, y] = xy[i]!;
          // Only a marker the pointer can reach: not under the controls, a banner or the panels.
          if (document.elementFromPoint(x, y)?.tagName !== 'CANVAS') continue;
          const alone = xy.every(
            ([px, py], j) => cabinet[j] === cabinet[i] || Math.hypot(px - x, py - y) > reach,
          );
          if (alone) return { i, x, y };
        }
        return null;
      },
      { lon: snap.state.lamps.lon, lat: snap.state.lamps.lat, cabinet: snap.state.lamps.cabinet, reach: 16 },
    );
    expect(target, 'a fault marker in view, clear of other cabinets').not.toBeNull();
    const wantCabinet = snap.state.lamps.cabinets[snap.state.lamps.cabinet[target!.i]!]!.id;
    // Hover first, then a click held for a moment, as a hand does (a zero-length synthetic click can be
    // lost on SwiftShader; see the map e2e).
    await wall.page.mouse.move(target!.x - 30, target!.y - 30);
    await wall.page.mouse.move(target!.x, target!.y, { steps: 4 });
    await expect
      .poll(
        () =>
          wall.page
            .locator('[data-testid="map-tooltip"]')
            .innerText()
            .catch(() => ''),
        {
          timeout: 5000,
        },
      )
      .toContain(wantCabinet);
    await wall.page.mouse.click(target!.x, target!.y, { delay: 100 });
    const panel = wall.page.locator('[data-testid="cabinet-detail-map"]');
    await panel.waitFor({ timeout: 5000 });
    expect(await panel.getAttribute('data-cabinet-id')).toBe(wantCabinet);
    expect(Number(await panel.getAttribute('data-lamps'))).toBeGreaterThan(0);
    expect(await panel.locator('[data-testid="cabinet-detail-faults"]').innerText()).not.toBe('');
    await wall.page.screenshot({ path: resolve(RESULTS, 'wall-cabinet-panel-1920.png') });
  });
});
