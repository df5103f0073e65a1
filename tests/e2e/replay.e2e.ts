import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sleep } from '../support/app';
import { RESULTS, chromiumForFile } from '../support/chromium';
import { PRODUCER_TOKEN, testIncident } from '../support/ingest';
import { describeProblems, guardContext, type PageProblems } from '../support/page';
import { expectFits, measureFit } from '../support/wallFit';

// Time replay on the wall in Chromium against `npm start`. The test owns the clock: it asks the hub
// for the city's now and ingests an incident with times it chooses (reported at "14:00", resolved
// at "15:00", in the city's hours before now), then replays "14:30" and sees it open, while the
// live state goes on underneath; R opens the replay and Esc returns to live with no resync.

const baseUrl = inject('baseUrl');
const VIEWPORT = { width: 1920, height: 1080 };
const MIN = 60_000;
const HOUR = 60 * MIN;

const browser = chromiumForFile();
/** hh:mm in Huế, as the wall writes it. */
const cityHhmm = (t: number) =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(t);

async function cityNow(): Promise<number> {
  const res = await fetch(`${baseUrl}/api/systems`, { headers: { authorization: 'Bearer dev-leader' } });
  return Date.parse(((await res.json()) as { at: string }).at);
}

async function ingest(events: unknown[]): Promise<void> {
  const res = await fetch(`${baseUrl}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PRODUCER_TOKEN}` },
    body: JSON.stringify({ events }),
  });
  expect(res.status, await res.text()).toBe(202);
}

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  /** socket.io frames: snapshots received, resyncs asked for */
  frames: { snapshots: number; resyncs: number };
}

async function openWall(query: string, viewport = VIEWPORT): Promise<Opened> {
  const context = await browser().newContext({ viewport, deviceScaleFactor: 1 });
  const problems = await guardContext(context);
  const page = await context.newPage();
  const frames = { snapshots: 0, resyncs: 0 };
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if (String(payload).startsWith('42["snapshot"')) frames.snapshots++;
    });
    ws.on('framesent', ({ payload }) => {
      if (String(payload).includes('"resync"')) frames.resyncs++;
    });
  });
  await page.goto(`${baseUrl}/${query}`);
  await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
  return { context, page, problems, frames };
}

/** The status class of an incident in the wall's feed, or null when the feed does not hold it. */
function feedStatus(page: Page, id: string): Promise<string | null> {
  return page.evaluate((incidentId) => {
    const item = document.querySelector(`[data-testid="incident-feed"] [data-incident-id="${incidentId}"]`);
    const status = item?.querySelector('.status');
    return status ? ([...status.classList].find((c) => c.startsWith('status-')) ?? null) : null;
  }, id);
}

async function until(what: string, pred: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('time replay of the last 24 hours', () => {
  it('shows an incident resolved at 15:00 as open at 14:30, under a banner, and returns to live with Esc', async () => {
    const wall = await openWall('?token=dev-operator');
    const { page } = wall;
    try {
      // "15:00": a whole city hour two hours back; the report an hour before it.
      const now = await cityNow();
      const resolvedAt = Math.floor((now - 2 * HOUR) / HOUR) * HOUR;
      const reportedAt = resolvedAt - HOUR;
      const replayAt = resolvedAt - 30 * MIN;
      const id = `REPLAY-${Date.now()}`;
      await ingest([
        {
          type: 'incident.reported',
          data: testIncident(id, 'Cây đổ chắn đường Lê Lợi', {
            reportedAt: new Date(reportedAt).toISOString(),
          }),
        },
        {
          type: 'incident.updated',
          data: { id, status: 'resolved', by: 'Đội cây xanh', at: new Date(resolvedAt).toISOString() },
        },
      ]);
      await until(
        'the live feed shows it resolved',
        async () => (await feedStatus(page, id)) === 'status-resolved',
      );

      // An operator's wall offers a replay; R opens it: the banner, the scrubber; the slider to "14:30".
      await page.waitForSelector('[data-testid="replay-open"]', { timeout: 5000 });
      await page.keyboard.press('r');
      await page.waitForSelector('[data-testid="replay-banner"]', { timeout: 20_000 });
      await page.evaluate((t) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="replay-slider"]')!;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(t));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, replayAt);
      const banner = `PHÁT LẠI ${cityHhmm(replayAt)}`;
      await until(banner, async () => (await page.textContent('[data-testid="replay-banner"]')) === banner);
      expect(cityHhmm(replayAt).endsWith(':30')).toBe(true);
      await until(
        'the replayed feed shows it open',
        async () => (await feedStatus(page, id)) === 'status-received',
      );
      await page.screenshot({ path: resolve(RESULTS, 'replay-vi-1920.png') });

      // Live events go on arriving while the wall replays: applied to the live state, not shown.
      const later = `REPLAY-LIVE-${Date.now()}`;
      await ingest([{ type: 'incident.reported', data: testIncident(later, 'Ngập nước đường Hùng Vương') }]);
      await sleep(1500);
      expect(await feedStatus(page, later)).toBeNull();
      expect(await page.textContent('[data-testid="replay-banner"]')).toBe(banner);

      // Esc: live again, as the live state stands, on the same stream.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="replay-banner"]', { state: 'detached', timeout: 5000 });
      await until(
        'the live feed again',
        async () => (await feedStatus(page, id)) === 'status-resolved',
        5000,
      );
      expect(await feedStatus(page, later)).toBe('status-received');
      expect(await page.getAttribute('[data-testid="connection"]', 'data-status')).toBe('live');
      expect(wall.frames).toEqual({ snapshots: 1, resyncs: 0 });
      await page.screenshot({ path: resolve(RESULTS, 'replay-back-live-1920.png') });
      expect(describeProblems(wall.problems)).toBe('');
    } finally {
      await wall.context.close();
    }
  });

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
    { width: 7680, height: 2160 },
  ])
    it(`replays on a ${size.width}×${size.height} wall as it lives there: nothing cut off or past the screen`, async () => {
      const wall = await openWall('?token=dev-leader', size);
      const { page } = wall;
      try {
        await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 120_000 });
        await page.keyboard.press('r');
        await page.waitForSelector('[data-testid="replay-banner"]', { timeout: 30_000 });
        await until(
          'the replay under way',
          async () =>
            /^PHÁT LẠI \d\d:\d\d$/.test((await page.textContent('[data-testid="replay-banner"]')) ?? ''),
          30_000,
        );
        const fit = await measureFit(page);
        expectFits(fit);
        expect(fit.remPx, 'the wall’s type: 16 px at 1080 rows, 32 px at 2160').toBe(
          (16 * size.height) / 1080,
        );
        // The banner and the scrubber: on the screen, their words whole, scaled with the wall's type.
        const bar = await page.evaluate(() =>
          ['replay-banner', 'replay-bar'].map((id) => {
            const el = document.querySelector(`[data-testid="${id}"]`)!;
            const r = el.getBoundingClientRect();
            const cut = [el, ...el.querySelectorAll('*')]
              .filter(
                (e) => e instanceof HTMLElement && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1,
              )
              .map((e) => `${e.className} ${e.scrollWidth}>${e.clientWidth}`);
            return {
              inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
              cut,
              fontPx: parseFloat(getComputedStyle(el).fontSize),
            };
          }),
        );
        for (const b of bar) expect(b).toMatchObject({ inside: true, cut: [] });
        // Nothing of the wall's text shows half-covered under the scrubber (the systems strip did) or the
        // banner (the map's attribution did).
        const under = await page.evaluate(() =>
          ['replay-bar', 'replay-banner'].flatMap((id) => {
            const over = document.querySelector(`[data-testid="${id}"]`)!;
            const b = over.getBoundingClientRect();
            return [...document.querySelectorAll('body *')]
              .filter(
                (e) =>
                  !over.contains(e) &&
                  [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()),
              )
              .filter((e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
              .filter((e) => {
                const r = e.getBoundingClientRect();
                return (
                  r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top
                );
              })
              .map((e) => `${id} over ${e.className}: ${e.textContent!.trim().slice(0, 40)}`);
          }),
        );
        expect(under, 'text under the replay bar or banner').toEqual([]);
        // The energy of the replayed day is the hub's meter's, not a line drawn across the hours since the
        // page opened: the lamps never drew more than all of them at full power, so no negative saving.
        // Seek to 02:00 in the city, when the lamps have burned since dusk, so that the saving has a figure.
        const night = await page.evaluate(() => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="replay-slider"]')!;
          const [hour, day, zone] = [3_600_000, 86_400_000, 7 * 3_600_000];
          let t = Math.floor((Number(input.max) + zone) / day) * day - zone + 2 * hour;
          if (t > Number(input.max)) t -= day;
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(t));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return { t, min: Number(input.min) };
        });
        expect(night.t, 'the last 24 hours hold a 02:00').toBeGreaterThanOrEqual(night.min);
        await until(
          'the replay at 02:00',
          async () =>
            /^PHÁT LẠI 02:\d\d$/.test((await page.textContent('[data-testid="replay-banner"]')) ?? ''),
          10_000,
        );
        const saved = await page.getAttribute('[data-testid="energy-saved"]', 'data-value');
        expect(saved, 'a saving figure at night').toMatch(/^-?\d/);
        expect(Number(saved), 'the replayed day’s saving').toBeGreaterThanOrEqual(0);
        expect(bar[0]!.fontPx, 'the banner reads from across the room').toBeGreaterThanOrEqual(2 * fit.remPx);
        await page.screenshot({
          path: resolve(RESULTS, `replay-${size.width}x${size.height}.png`),
          ...(size.width > 4000 ? { scale: 'css' as const } : {}),
        });
        expect(describeProblems(wall.problems)).toBe('');
      } finally {
        await wall.context.close();
      }
    }, 240_000);

  it('offers a guest no replay: no control, and R does nothing', async () => {
    const wall = await openWall('?token=dev-guest');
    try {
      await wall.page.waitForSelector('[data-testid="visitor-mode"]', { timeout: 10_000 });
      expect(await wall.page.$('[data-testid="replay-open"]')).toBeNull();
      await wall.page.keyboard.press('r');
      await sleep(1000);
      expect(await wall.page.$('[data-testid="replay-banner"]')).toBeNull();
      expect(describeProblems(wall.problems)).toBe('');
    } finally {
      await wall.context.close();
    }
  });
});
