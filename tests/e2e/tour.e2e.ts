import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, sleep } from '../support/app';
import { RESULTS, chromiumForFile } from '../support/chromium';
import { ingest, testIncident } from '../support/ingest';
import { guardContext, newProblems } from '../support/page';

const baseUrl = inject('baseUrl');
// The tour's scenes in order, as the city's stage file has them.
const SCENES = (
  JSON.parse(readFileSync(resolve(ROOT, 'public/city/stage.json'), 'utf8')) as {
    tour: { steps: { scene: string }[] };
  }
).tour.steps.map((s) => s.scene);

const browser = chromiumForFile();
interface TourPage {
  context: BrowserContext;
  page: Page;
  /** every text the page received: WebSocket frames and HTTP bodies */
  received: string[];
  problems: Awaited<ReturnType<typeof guardContext>>;
}

/** Opens `/tour` recording everything that reaches the page over the network. */
async function openTour(query: string, width = 1920, height = 1080): Promise<TourPage> {
  const context = await browser().newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const problems = await guardContext(context);
  const page = await context.newPage();
  const received: string[] = [];
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e) => received.push(e.response.payloadData));
  page.on('response', (r) => {
    const type = r.headers()['content-type'] ?? '';
    if (/json|text|javascript/.test(type))
      void r.text().then(
        (t) => received.push(t),
        () => undefined,
      );
  });
  await page.goto(`${baseUrl}/tour${query}`);
  await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="tour-caption"]', { timeout: 15_000 });
  return { context, page, received, problems };
}

/**
 * Moves the page's clock on by `ms` in steps, letting it draw and hear the hub between them: one jump
 * of minutes would look to the page's watchdog like a stalled page, which it reloads.
 */
async function pass(page: Page, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 10_000) {
    await page.clock.fastForward(Math.min(10_000, left));
    await sleep(200);
  }
}

const scene = (page: Page) => page.getAttribute('[data-testid="tour"]', 'data-scene');
const step = async (page: Page) => Number(await page.getAttribute('[data-testid="tour"]', 'data-step'));

describe('the delegation tour', () => {
  it('goes through every scene with a clicker, bilingual, with a live figure each, and no personal data anywhere', async () => {
    // Personal data the hub holds and must never send a visitors' screen: a reporter, a face match, a plate.
    const tag = `${Date.now() % 1e8}`;
    const secrets = {
      name: `Bí Mật ${tag}`,
      phone: `0912${tag.slice(-6)}`,
      subject: `Đối tượng ${tag}`,
      plate: `75A-${tag.slice(-5)}`,
    };
    const id = `e2e-tour-${tag}`;
    const sent = await ingest(baseUrl, [
      {
        type: 'incident.reported',
        data: testIncident(id, `Tham quan ${tag}`, {
          reporter: { name: secrets.name, phone: secrets.phone },
        }),
      },
    ]);
    expect(sent.status).toBe(202);
    const alert = await fetch(`${baseUrl}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-producer' },
      body: JSON.stringify({
        events: [
          {
            type: 'camera.alert',
            data: {
              id: `alert-${tag}`,
              cameraId: 'CAM-e2e',
              kind: 'face-match',
              confidence: 0.93,
              at: new Date().toISOString(),
              location: { lon: 107.58, lat: 16.46 },
              subject: secrets.subject,
              plate: secrets.plate,
            },
          },
        ],
      }),
    });
    expect(alert.status).toBe(202);

    // Opened with an operator's token on purpose: the tour narrows itself to a guest, the hub redacts.
    const tour = await openTour(`?token=dev-operator&lang=both`);
    const { page } = tour;
    await page.waitForSelector('[data-testid="visitor-mode"]');
    expect(await page.getAttribute('[data-testid="session"]', 'data-role')).toBe('guest');
    await page.keyboard.press('Home');

    const seen: string[] = [];
    for (let i = 0; i < SCENES.length; i++) {
      await expect.poll(() => scene(page)).toBe(SCENES[i]);
      seen.push((await scene(page))!);
      const caption = page.locator('[data-testid="tour-caption"]');
      // Both languages on screen, each in its own block.
      expect(await caption.locator('[lang="vi"] .tour-title').innerText()).not.toBe('');
      expect(await caption.locator('[lang="en"] .tour-title').innerText()).not.toBe('');
      // The figure is read from the stream, not the script: it has a value once the snapshot is in.
      await expect
        .poll(() => page.getAttribute('[data-testid="tour-figure"]', 'data-has-value'), { timeout: 5000 })
        .toBe('true');
      await page.screenshot({ path: resolve(RESULTS, `tour-${SCENES[i]}-both-1920.png`) });
      await page.keyboard.press('PageDown');
    }
    expect(seen).toEqual(SCENES);
    // The loop: past the closing scene the tour starts again.
    await expect.poll(() => scene(page)).toBe('overview');

    const html = await page.content();
    const everything = [html, ...tour.received].join('\n');
    const leaks = Object.values(secrets).filter((s) => everything.includes(s));
    expect(leaks).toEqual([]);
    // Control: the hub does hold them, so their absence on the tour means redaction.
    const operatorView = await fetch(`${baseUrl}/api/snapshot`, {
      headers: { authorization: 'Bearer dev-operator' },
    }).then((r) => r.text());
    expect(operatorView).toContain(secrets.name);
    expect(operatorView).toContain(secrets.plate);
    expect(tour.received.length).toBeGreaterThan(3);

    expect(newProblems()(tour.problems)).toBe('');
    await tour.context.close();
  });

  it('answers the presenter’s keys and resumes after a reload where it was', async () => {
    const tour = await openTour('?token=dev-guest&lang=en');
    const { page } = tour;
    await page.keyboard.press('Home');
    await expect.poll(() => step(page)).toBe(0);
    // English only.
    expect(await page.locator('[data-testid="tour-caption"] [lang]').count()).toBe(1);
    expect(await page.getAttribute('[data-testid="tour-caption"] [lang]', 'lang')).toBe('en');

    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => step(page)).toBe(SCENES.length - 1);
    await page.keyboard.press('Space');
    await expect.poll(() => step(page)).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageUp');
    await expect.poll(() => scene(page)).toBe('reports');

    await page.keyboard.press('p');
    await page.waitForSelector('[data-testid="tour-paused"]');
    await page.keyboard.press('b');
    await page.waitForSelector('[data-testid="stage-blank"]');
    await page.screenshot({ path: resolve(RESULTS, 'tour-blank-1920.png') });
    await page.keyboard.press('b');
    await page.waitForSelector('[data-testid="stage-blank"]', { state: 'detached' });
    await page.keyboard.press('p');
    await page.waitForSelector('[data-testid="tour-paused"]', { state: 'detached' });

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => scene(page)).toBe('safety');
    await page.reload();
    await page.waitForSelector('[data-testid="tour-caption"]', { timeout: 15_000 });
    await expect.poll(() => scene(page)).toBe('safety');
    await page.keyboard.press('Home');
    await expect.poll(() => step(page)).toBe(0);

    expect(newProblems()(tour.problems)).toBe('');
    await tour.context.close();
  });

  it('runs unattended: each scene gives way to the next when its dwell is over', async () => {
    const context = await browser().newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    await guardContext(context);
    // The page's clock is the test's: a scene's 25 s pass at once instead of being waited for.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/tour?token=dev-guest`);
    await page.waitForSelector('[data-testid="tour-caption"]', { timeout: 30_000 });
    // From here the page's time moves only when the test moves it (pauseAt jumps a little ahead, then
    // stops): a slow machine's own seconds must not count towards the 25 s dwell checked below.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 10_000);
    await page.keyboard.press('Home');
    await expect.poll(() => scene(page)).toBe('overview');
    await pass(page, 20_000);
    expect(await scene(page)).toBe('overview');
    await pass(page, 6_000);
    await expect.poll(() => scene(page)).toBe('reports');
    await pass(page, 26_000);
    await expect.poll(() => scene(page)).toBe('safety');
    // Vietnamese by default.
    expect(await page.getAttribute('[data-testid="tour-caption"] [lang]', 'lang')).toBe('vi');
    await page.screenshot({ path: resolve(RESULTS, 'tour-vi-1920.png') });
    await context.close();
  });
});

describe('a playlist on the wall', () => {
  it('rotates its scenes after each dwell, shows each scene’s panels, and holds while a person uses the wall', async () => {
    const context = await browser().newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    const problems = await guardContext(context);
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?playlist=day&token=dev-leader`);
    await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
    const wallScene = () => page.getAttribute('[data-testid="wall"]', 'data-scene');
    await expect.poll(wallScene, { timeout: 10_000 }).toBe('overview');
    // The overview has no handling panel; the reports scene has, and no camera tiles.
    expect(await page.locator('[data-testid="handling-panel"]').count()).toBe(0);
    await pass(page, 121_000);
    await expect.poll(wallScene).toBe('reports');
    await page.waitForSelector('[data-testid="handling-panel"]');
    // The fly-over runs on the page's clock too: past its 3 s, the map is at the scene's camera.
    await pass(page, 4_000);
    await expect
      .poll(() => page.getAttribute('[data-testid="map"]', 'data-view'), { timeout: 10_000 })
      .toBe('scene');
    await page.screenshot({ path: resolve(RESULTS, 'playlist-reports-1920.png') });
    // The scene shows no camera, lighting or systems panel: their column and strip go to the map.
    const map = (await page.locator('.wall-map').boundingBox())!;
    const left = (await page.locator('[data-area="left"]').boundingBox())!;
    expect(map.x + map.width).toBeGreaterThan(1920 - 32);
    expect(map.y + map.height).toBeGreaterThan(1080 - 32);
    expect(map.x).toBeGreaterThanOrEqual(left.x + left.width);

    // A person's click holds the rotation for the playlist's 120 s, then the scene gets its dwell again.
    await page.mouse.click(960, 540);
    await pass(page, 100_000);
    expect(await wallScene()).toBe('reports');
    await pass(page, 60_000);
    expect(await wallScene()).toBe('reports');
    await pass(page, 30_000);
    await expect.poll(wallScene).toBe('safety');
    expect(newProblems()(problems)).toBe('');
    await context.close();
  });

  it('says so when the URL names a scene the city’s file does not have', async () => {
    const context = await browser().newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    await guardContext(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?scene=nowhere`);
    await expect
      .poll(() => page.textContent('[data-testid="stage-problem"]').catch(() => ''))
      .toContain('nowhere');
    await context.close();
  });

  it('refuses a badly edited stage file on the tour, naming the bad field, and shows no half tour', async () => {
    const context = await browser().newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    await guardContext(context);
    // The city's own file, as a deployment edited it: a step naming a scene the file does not have.
    const stage = JSON.parse(readFileSync(resolve(ROOT, 'public/city/stage.json'), 'utf8')) as {
      tour: { steps: { scene: string }[] };
    };
    stage.tour.steps[5]!.scene = 'smart-ward';
    await context.route('**/city/stage.json', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(stage) }),
    );
    const page = await context.newPage();
    await page.goto(`${baseUrl}/tour?lang=en`);
    await expect
      .poll(() => page.textContent('[data-testid="stage-problem"]').catch(() => ''), { timeout: 20_000 })
      .toMatch(/tour\.steps\[5\]\.scene.*smart-ward\b/);
    expect(await page.locator('[data-testid="tour-caption"]').count()).toBe(0);
    await context.close();
  });
});

describe('the tour on a tiled wall and on a 4K screen', () => {
  it('shows one tour across three windows, each its own part, all on the leading screen’s step', async () => {
    const size = { width: 1280, height: 720 };
    const context = await browser().newContext({ viewport: size, deviceScaleFactor: 1 });
    const problems = await guardContext(context);
    const screens: Page[] = [];
    for (const n of [1, 2, 3]) {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/tour?token=dev-guest&lang=both&screen=${n}of3`);
      await page.waitForSelector('[data-testid="tour"][data-scene]:not([data-scene=""])', {
        timeout: 30_000,
      });
      screens.push(page);
    }
    for (const [i, page] of screens.entries()) {
      const box = (await page.locator('[data-testid="tour"]').boundingBox())!;
      expect([box.x + i * size.width, box.width, box.height], `screen ${i + 1}`).toEqual([
        0,
        3 * size.width,
        size.height,
      ]);
    }
    const lead = screens[0]!;
    await lead.keyboard.press('Home');
    await lead.keyboard.press('ArrowRight');
    await lead.keyboard.press('ArrowRight');
    // Held there, so that the dwell does not move the wall on while the screens are looked at.
    await lead.keyboard.press('p');
    await expect.poll(() => step(lead)).toBe(2);
    for (const [i, page] of screens.entries()) {
      await expect.poll(() => step(page), { message: `screen ${i + 1}` }).toBe(2);
      expect(await scene(page), `screen ${i + 1}`).toBe(SCENES[2]);
    }
    // A follower's keys move nothing: the leading screen is the presenter's.
    await screens[2]!.keyboard.press('ArrowRight');
    await sleep(500);
    expect(await step(screens[2]!), 'the follower that was pressed').toBe(2);
    expect(await step(lead)).toBe(2);
    for (const [i, page] of screens.entries()) {
      await page.screenshot({ path: resolve(RESULTS, `tour-tiled-${i + 1}of3.png`) });
      expect(await step(page), `screen ${i + 1} still`).toBe(2);
    }
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('scales its words with the screen: twice the size at 3840×2160', async () => {
    const fontSizes = async (width: number, height: number) => {
      const context = await browser().newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/tour?token=dev-guest&lang=vi`);
      // Attached, not visible: Playwright checks visibility on the page's frames, which software GL at 4K
      // draws a few a second while the map flies.
      await page.waitForSelector('[data-testid="tour-caption"]', { state: 'attached', timeout: 60_000 });
      const px = await page.evaluate(() => [
        parseFloat(getComputedStyle(document.documentElement).fontSize),
        parseFloat(getComputedStyle(document.querySelector('.tour-title')!).fontSize),
      ]);
      await context.close();
      return px;
    };
    const [hd, uhd] = [await fontSizes(1920, 1080), await fontSizes(3840, 2160)];
    expect(hd[0]).toBe(16);
    expect(uhd[0]).toBe(32);
    expect(uhd[1]).toBeCloseTo(2 * hd[1]!, 1);
  }, 120_000);
});
