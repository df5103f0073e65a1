import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveSizeFromObserver } from './observedSize';

// The test runs in Node: a stand-in for Element whose size getters count how often layout is read.
class FakeElement {
  layoutReads = 0;
  w = 800;
  h = 600;
  get clientWidth(): number {
    this.layoutReads++;
    return this.w;
  }
  get clientHeight(): number {
    this.layoutReads++;
    return this.h;
  }
}

class FakeObserver {
  static last: FakeObserver | null = null;
  observed: unknown[] = [];
  disconnected = false;
  constructor(readonly callback: ResizeObserverCallback) {
    FakeObserver.last = this;
  }
  observe(el: unknown) {
    this.observed.push(el);
  }
  disconnect() {
    this.disconnected = true;
  }
  fire() {
    this.callback([], this as unknown as ResizeObserver);
  }
}

const saved = (globalThis as { Element?: unknown }).Element;
beforeEach(() => {
  (globalThis as { Element?: unknown }).Element = FakeElement;
});
afterEach(() => {
  (globalThis as { Element?: unknown }).Element = saved;
});

describe('serveSizeFromObserver', () => {
  it('answers size reads from the last observation, without reading layout', () => {
    const el = new FakeElement();
    serveSizeFromObserver(el as unknown as HTMLElement, FakeObserver);
    const readsAtStart = el.layoutReads;
    expect([el.clientWidth, el.clientHeight]).toEqual([800, 600]);
    // The page changes size; until the observer runs, every frame still gets the old size, for free.
    el.w = 1024;
    el.h = 768;
    for (let i = 0; i < 60; i++) expect([el.clientWidth, el.clientHeight]).toEqual([800, 600]);
    expect(el.layoutReads).toBe(readsAtStart);
    FakeObserver.last!.fire();
    expect([el.clientWidth, el.clientHeight]).toEqual([1024, 768]);
    expect(FakeObserver.last!.observed).toEqual([el]);
  });

  it('gives live reads back and stops observing when undone', () => {
    const el = new FakeElement();
    const undo = serveSizeFromObserver(el as unknown as HTMLElement, FakeObserver);
    const observer = FakeObserver.last!;
    undo();
    el.w = 1280;
    const before = el.layoutReads;
    expect(el.clientWidth).toBe(1280);
    expect(el.layoutReads).toBe(before + 1);
    expect(observer.disconnected).toBe(true);
  });
});
