import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sleep } from '../support/app';
import { launchChromium } from '../support/browser';
import { describeProblems, guardContext } from '../support/page';

// The production build under the hub's Content-Security-Policy (server/security.ts): every page of
// the app runs with zero violations, a violation would be seen (an inline script the test injects
// is blocked and reported), the security headers are there, and a token in the URL leaves the
// address bar once read.

const baseUrl = inject('baseUrl');
const VIEWPORT = { width: 1920, height: 1080 };

/** Records every CSP violation the document reports, from before the app's first script. */
const VIOLATIONS_SCRIPT = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
      e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber,
    );
  });
})();`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium({ gl: 'swiftshader' });
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  headers: Record<string, string>;
  /** CSP errors Chromium logged to the console (workers' included), as they come */
  cspConsole: string[];
  close(): Promise<string>;
}

async function open(path: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const problems = await guardContext(context);
  await context.addInitScript({ content: VIOLATIONS_SCRIPT });
  const page = await context.newPage();
  const cspConsole: string[] = [];
  page.on('console', (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) cspConsole.push(msg.text());
  });
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), path).toBe(200);
  await page.waitForSelector('[data-testid="connection"][data-status="live"]', { timeout: 30_000 });
  return {
    page,
    headers: response!.headers(),
    cspConsole,
    async close() {
      await context.close();
      return describeProblems(problems);
    },
  };
}

function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

describe('the content security policy', () => {
  it('is sent with the app, with the other security headers', async () => {
    const res = await fetch(`${baseUrl}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    await res.text();
    const api = await fetch(`${baseUrl}/api/health`);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    await api.text();
  });

  // Each page as people use it: the wall with its map, workers, charts and live stream; the
  // console; the lighting console; the wall in English on the daylight basemap; the briefing.
  for (const path of ['/', '/operator', '/lights', '/?lang=en&basemap=/styles/hue-light.json', '/briefing']) {
    it(`holds the app at ${path} with zero violations`, async () => {
      const opened = await open(path);
      try {
        expect(opened.headers['content-security-policy']).toContain("default-src 'self'");
        if (path.startsWith('/briefing')) {
          await opened.page.waitForSelector('[data-testid="chart-map"][data-drawn]', { timeout: 60_000 });
        } else if (!path.startsWith('/operator') && !path.startsWith('/lights')) {
          await opened.page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 60_000 });
        }
        // Live batches, chart updates and map redraws for a while.
        await sleep(5000);
        expect(await violations(opened.page), path).toEqual([]);
        expect(opened.cspConsole, path).toEqual([]);
      } finally {
        expect(await opened.close(), 'the page misbehaved').toBe('');
      }
    });
  }

  it('blocks an inline script, and the check sees it', async () => {
    const opened = await open('/lights');
    try {
      const ran = await opened.page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 100));
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
      });
      expect(ran).toBe(false);
      expect(await violations(opened.page)).toEqual([
        expect.stringMatching(/^script-src-elem blocked inline /),
      ]);
    } finally {
      // The blocked script is logged as a console error on purpose here.
      await opened.close();
    }
  });
});

describe('a token in the address', () => {
  it('is dropped from the address bar once read, other parameters kept, and a reload is the same person', async () => {
    const opened = await open('/operator?lang=en&token=dev-leader');
    try {
      const { page } = opened;
      await page.waitForSelector('[data-testid="session"][data-role="leader"]', { timeout: 30_000 });
      const url = new URL(page.url());
      expect(url.searchParams.has('token')).toBe(false);
      expect(url.pathname).toBe('/operator');
      expect(url.searchParams.get('lang')).toBe('en');

      await page.reload();
      await page.waitForSelector('[data-testid="session"][data-role="leader"]', { timeout: 30_000 });
      expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    } finally {
      expect(await opened.close(), 'the page misbehaved').toBe('');
    }
  });
});
