import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as VI } from '../../src/shared/i18n/vi';
import { ROOT, startApp, type RunningApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { ingest } from '../support/ingest';
import { guardContext } from '../support/page';

// `npm start` keeps the city: an operator assigns a report on the console, the app is killed
// (`kill -9`, no shutdown), started again on the same data directory, and the console in a real
// browser shows the report as it was left, with who assigned it, and the city's clock going on.

const TAG = `rs${Date.now().toString(36)}`;
const ID = `${TAG}-1`;
const TITLE = `Cột đèn nghiêng trên đường Hùng Vương (${TAG})`;
const OPERATOR_NAME = 'Nguyễn Văn An'; // config/tokens.json, dev-operator

let browser: Browser;
const apps: RunningApp[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(apps.map((a) => a.stop()));
});

async function app(dataDir?: string): Promise<RunningApp> {
  const a = await startApp({
    logFile: resolve(ROOT, `test-results/restart-e2e-${apps.length}.log`),
    // A small city: this test is about what is kept, not about drawing 20,000 lamps twice.
    env: { SIM_LAMPS: '2000', ...(dataDir ? { DATA_DIR: dataDir } : {}) },
  });
  apps.push(a);
  return a;
}

async function openConsole(baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await guardContext(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/operator?token=dev-operator`);
  await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
  return page;
}

async function selectReport(page: Page): Promise<void> {
  await page.fill('[data-testid="filter-text"]', TAG);
  const row = `[data-testid="console-list"] [data-incident-id="${ID}"]`;
  await page.waitForSelector(row, { timeout: 10_000 });
  await page.click(row);
  await expect
    .poll(() => page.getAttribute('[data-testid="console-detail"]', 'data-incident-id'), { timeout: 5000 })
    .toBe(ID);
}

const cityTime = (page: Page) => page.locator('[data-testid="city-time"]').innerText();

/** The hub's city clock (epoch ms), from its snapshot. */
async function cityNow(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
  return ((await res.json()) as { state: { clock: { now: number } } }).state.clock.now;
}

describe('npm start keeps the city across a crash', () => {
  let dataDir = '';
  let timeBefore = '';
  let clockBefore = 0;

  it('assigns a new report on the console', async () => {
    const first = await app();
    dataDir = first.dataDir;
    const sent = await ingest(first.baseUrl, [
      {
        type: 'incident.reported',
        data: {
          id: ID,
          title: TITLE,
          category: 'streetlight',
          severity: 'medium',
          source: 'hue-s',
          location: { lon: 107.59, lat: 16.46 },
        },
      },
    ]);
    expect(sent.status).toBe(202);
    const page = await openConsole(first.baseUrl);
    await selectReport(page);
    await page.click('[data-testid="cmd-assign"]');
    await page.waitForSelector('[data-testid="assign-electricity"]', { timeout: 3000 });
    await page.click('[data-testid="assign-electricity"]');
    await expect
      .poll(() => page.getAttribute('[data-testid="console-detail"]', 'data-status'), { timeout: 5000 })
      .toBe('assigned');
    timeBefore = await cityTime(page);
    clockBefore = await cityNow(first.baseUrl);
    await page.context().close();
    // No shutdown of any kind: the answer the console got is all that says it was kept.
    await first.kill();
  });

  it('shows it, after a restart on the same data, as the operator left it, and the clock going on', async () => {
    const second = await app(dataDir);
    const page = await openConsole(second.baseUrl);
    await selectReport(page);
    const detail = page.locator('[data-testid="console-detail"]');
    expect(await detail.getAttribute('data-status')).toBe('assigned');
    expect(await page.locator('[data-testid="console-status"]').innerText()).toContain(VI.status.assigned);
    expect(await page.locator('[data-testid="console-department"]').innerText()).toBe(
      VI.department.electricity,
    );
    const timeline = await page.locator('[data-testid="console-timeline"]').innerText();
    expect(timeline).toContain(OPERATOR_NAME);
    expect(await detail.locator('.console-title').innerText()).toBe(TITLE);
    // The simulated city resumed from its stored clock, not from the simulator's first day.
    expect(await cityNow(second.baseUrl)).toBeGreaterThan(clockBefore);
    const timeAfter = await cityTime(page);
    console.log(`[restart e2e] city time before the kill ${timeBefore}, after the restart ${timeAfter}`);
    await page.screenshot({ path: resolve(ROOT, 'test-results/restart-console-1920.png') });
  });
});
