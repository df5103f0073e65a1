import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameScheduler } from './connect';

describe('frameScheduler', () => {
  let frames: (() => void)[];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const paint = () => frames.splice(0).forEach((f) => f());

  it('flushes on the next frame, then no sooner than the interval after the last flush', () => {
    const schedule = frameScheduler(100, () => Date.now());
    const flushedAt: number[] = [];
    const flush = () => flushedAt.push(Date.now());
    const t0 = Date.now();

    schedule(flush);
    paint();
    expect(flushedAt).toEqual([t0]);

    // Events arrive 10 ms later: their flush waits for the interval, then for a frame.
    vi.advanceTimersByTime(10);
    schedule(flush);
    paint();
    expect(flushedAt).toHaveLength(1);
    vi.advanceTimersByTime(89);
    paint();
    expect(flushedAt).toHaveLength(1);
    vi.advanceTimersByTime(1);
    paint();
    expect(flushedAt).toEqual([t0, t0 + 100]);
  });

  it('flushes once per schedule, from a timer when no frame comes (a hidden tab)', () => {
    const schedule = frameScheduler(100, () => Date.now());
    const flush = vi.fn();
    schedule(flush);
    vi.advanceTimersByTime(249);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    // The frame that finally comes does not flush a second time.
    paint();
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
