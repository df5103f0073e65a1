import type { BrowserContext, Page } from 'playwright-core';

/** Hosts the wall may talk to. Anything else is a leak: the wall runs offline (DESIGN.md). */
export function isLocalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    // data:, blob: and the like never leave the machine
    return url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:';
  }
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export interface PageProblems {
  /** requests to anything but localhost (aborted before they go out) */
  offsite: string[];
  pageErrors: string[];
  consoleErrors: string[];
}

export function describeProblems(p: PageProblems): string {
  const parts: string[] = [];
  if (p.offsite.length) parts.push(`requests leaving localhost:\n  ${p.offsite.join('\n  ')}`);
  if (p.pageErrors.length) parts.push(`page errors:\n  ${p.pageErrors.join('\n  ')}`);
  if (p.consoleErrors.length) parts.push(`console errors:\n  ${p.consoleErrors.join('\n  ')}`);
  return parts.join('\n');
}

/**
 * What a context's problems hold beyond what an earlier call already reported, as text ('' when
 * nothing new): each test fails on its own problems, each problem is reported once.
 */
export function newProblems(): (p: PageProblems) => string {
  const seen = new WeakMap<PageProblems, { offsite: number; pageErrors: number; consoleErrors: number }>();
  return (p) => {
    const s = seen.get(p) ?? { offsite: 0, pageErrors: 0, consoleErrors: 0 };
    seen.set(p, {
      offsite: p.offsite.length,
      pageErrors: p.pageErrors.length,
      consoleErrors: p.consoleErrors.length,
    });
    return describeProblems({
      offsite: p.offsite.slice(s.offsite),
      pageErrors: p.pageErrors.slice(s.pageErrors),
      consoleErrors: p.consoleErrors.slice(s.consoleErrors),
    });
  };
}

/**
 * Aborts and records every request that would leave localhost, for the whole context (pages and
 * their workers), and records page errors and console errors of every page opened in it.
 */
export async function guardContext(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { offsite: [], pageErrors: [], consoleErrors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    problems.offsite.push(url);
    return route.abort('blockedbyclient');
  });
  // Routes do not see WebSockets; the wall's only socket is socket.io to its own origin.
  const watch = (page: Page) => {
    page.on('websocket', (ws) => {
      if (!isLocalUrl(ws.url())) problems.offsite.push(ws.url());
    });
    page.on('pageerror', (err) => problems.pageErrors.push(`${page.url()}: ${err.stack ?? err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        problems.consoleErrors.push(`${msg.text()} (${loc.url}:${loc.lineNumber})`);
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

// Scripts that run inside the page are plain JavaScript strings: a function handed to Playwright is
// serialised with its source, and tsx (esbuild with keepNames) adds `__name(...)` calls to that
// source that do not exist in the page.

const INCIDENT_ARRIVALS_SCRIPT = `(() => {
  const seen = new Map();
  window.__iocSeen = seen;
  const note = (el, now) => {
    const id = el.getAttribute('data-incident-id');
    if (id !== null && !seen.has(id)) seen.set(id, now);
  };
  new MutationObserver((records) => {
    const now = Date.now();
    for (const record of records) {
      if (record.type === 'attributes') {
        note(record.target, now);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        note(node, now);
        node.querySelectorAll('[data-incident-id]').forEach((el) => note(el, now));
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-incident-id'] });
})();`;

/**
 * Records, in the page, the first moment (Date.now()) each `[data-incident-id]` element appears. Runs
 * before the app's own scripts so nothing is missed; latency is then measured on the page's clock,
 * which is the same machine clock the test reads when it sends.
 */
export async function recordIncidentArrivals(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: INCIDENT_ARRIVALS_SCRIPT });
}

const FRAME_COUNTER_SCRIPT = `(() => {
  window.__benchFrames = 0;
  const count = () => {
    window.__benchFrames++;
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
})();`;

/** Counts the page's animation frames in `window.__benchFrames` (read with framesDrawn). */
export async function countFrames(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: FRAME_COUNTER_SCRIPT });
}

export async function framesDrawn(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __benchFrames?: number }).__benchFrames ?? 0);
}

/** When the page first showed each of `ids` (epoch ms), or undefined for those not seen yet. */
export async function incidentArrivals(page: Page, ids: string[]): Promise<(number | undefined)[]> {
  return page.evaluate((wanted) => {
    const seen = (window as unknown as { __iocSeen?: Map<string, number> }).__iocSeen;
    return wanted.map((id) => seen?.get(id));
  }, ids);
}

/** Takes and clears every arrival the page has recorded so far. */
export async function drainIncidentArrivals(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => {
    const seen = (window as unknown as { __iocSeen?: Map<string, number> }).__iocSeen;
    if (!seen) return [];
    const out = [...seen.entries()];
    // Keep the keys (as already seen) so an element React re-creates is not counted twice.
    for (const [id] of out) seen.set(id, -1);
    return out.filter(([, t]) => t >= 0);
  });
}

export interface WallDiagnostics {
  lampCount: number;
  eventsApplied: number;
  /** events applied, each lamp of a lamp event counted as one */
  updatesApplied: number;
}

export async function wallDiagnostics(page: Page): Promise<WallDiagnostics | null> {
  return page.evaluate(() => {
    const w = (window as unknown as { __iocWall?: WallDiagnostics }).__iocWall;
    return w
      ? { lampCount: w.lampCount, eventsApplied: w.eventsApplied, updatesApplied: w.updatesApplied }
      : null;
  });
}

/** Every count tile's value, by tile name (`tile-incidents-open` gives `incidents-open`). */
export async function tileValues(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    document.querySelectorAll('[data-testid^="tile-"]').forEach((el) => {
      const name = el.getAttribute('data-testid')!.slice('tile-'.length);
      out[name] = Number(el.getAttribute('data-value'));
    });
    return out;
  });
}
