import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// How a wall fits its screen, measured in the page by the boxes of its elements: areas and panels past
// the screen or on each other, panels too small for their content, text cut off, anything scrolling.
// The walls test checks every wall size with it, and the freshness test the wall with stale badges.

export interface Fit {
  layout: string | null;
  remPx: number;
  /** areas and panels reaching past the window */
  outside: string[];
  /** pairs of areas, or of panels in one area, that overlap */
  overlaps: string[];
  /** panels that do not fit in their area (its strict containment would cut them off) */
  spilled: string[];
  /** text boxes whose text is wider than the box (besides deliberate ellipses on producers' text) */
  clipped: string[];
  /** panels whose content is taller than the panel: their last lines are cut off (feeds excepted) */
  overfull: string[];
  /** producers' text shortened with an ellipsis, as designed: reported, not a failure */
  ellipsed: number;
  /** the page or an element scrolls */
  scrollbars: string[];
  columns: number;
}

/** Measures the wall in the page: what overflows, overlaps or is cut off. */
export function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const name = (el: Element) =>
      el.getAttribute('data-testid') ??
      el.getAttribute('data-area') ??
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const box = (el: Element) => el.getBoundingClientRect();
    const W = window.innerWidth;
    const H = window.innerHeight;
    const wall = document.querySelector('[data-testid="wall"]')!;
    const areas = [...wall.children];
    const panels = areas.flatMap((a) =>
      a.matches('.wall-column, .wall-strip') ? [...a.children].map((p) => ({ area: a, p })) : [],
    );
    const outside = [...areas, ...panels.map((x) => x.p)]
      .filter((el) => {
        const r = box(el);
        return r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5;
      })
      .map(name);
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const overlaps: string[] = [];
    const pairs = (els: Element[]) => {
      for (let i = 0; i < els.length; i++)
        for (let j = i + 1; j < els.length; j++)
          if (overlap(box(els[i]!), box(els[j]!))) overlaps.push(`${name(els[i]!)} × ${name(els[j]!)}`);
    };
    pairs(areas);
    for (const a of areas) pairs(panels.filter((x) => x.area === a).map((x) => x.p));
    const spilled = panels
      .filter(({ area, p }) => {
        const [ra, rp] = [box(area), box(p)];
        return rp.bottom > ra.bottom + 0.5 || rp.right > ra.right + 0.5;
      })
      .map(({ area, p }) => `${name(p)} in ${name(area)}`);
    // A feed shows the newest items that fit and cuts the rest by design; any other panel shows all of itself.
    const overfull = panels
      .filter(({ p }) => !p.matches('.feed, :has(.feed)') && p.scrollHeight > p.clientHeight + 1)
      .map(({ p }) => `${name(p)} ${p.scrollHeight}>${p.clientHeight}`);
    // A text box: an element with text of its own. Its text is cut off when it is wider than the box.
    const clipped: string[] = [];
    let ellipsed = 0;
    for (const el of wall.querySelectorAll('*')) {
      if (el.closest('.maplibregl-ctrl-attrib')) continue; // the map's credits wrap or cut as MapLibre does
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || !(el instanceof HTMLElement) || el.clientWidth === 0) continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      // Reports' titles come from citizens and producers, any length: the panels shorten them by design.
      if (getComputedStyle(el).textOverflow === 'ellipsis' && el.matches('.feed-item *, .handling-title'))
        ellipsed += 1;
      else
        clipped.push(
          `${name(el)}: "${el.textContent!.trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`,
        );
    }
    const scrollbars: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > W || doc.scrollHeight > H)
      scrollbars.push(`page ${doc.scrollWidth}×${doc.scrollHeight}`);
    for (const el of document.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      const scrolls = (o: string) => o === 'auto' || o === 'scroll';
      if (
        (scrolls(s.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
        (scrolls(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      )
        scrollbars.push(name(el));
    }
    return {
      layout: wall.getAttribute('data-layout'),
      remPx: parseFloat(getComputedStyle(doc).fontSize),
      outside,
      overlaps,
      spilled,
      clipped,
      overfull,
      ellipsed,
      scrollbars,
      columns: wall.querySelectorAll('.wall-column').length,
    };
  });
}

export function expectFits(fit: Fit) {
  expect(fit.outside, 'past the screen').toEqual([]);
  expect(fit.overlaps, 'overlapping').toEqual([]);
  expect(fit.spilled, 'not fitting their area').toEqual([]);
  expect(fit.clipped, 'text cut off').toEqual([]);
  expect(fit.overfull, 'panels cut off at the bottom').toEqual([]);
  expect(fit.scrollbars, 'scrolling').toEqual([]);
}
