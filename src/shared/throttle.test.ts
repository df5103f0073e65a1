import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from './throttle';

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first poke at once and folds the pokes of the next interval into one run at its end', () => {
    const work = vi.fn();
    const t = new Throttle(1000, work);
    t.poke();
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    t.poke();
    t.poke();
    vi.advanceTimersByTime(800);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('is not pushed back by a steady stream of pokes', () => {
    const work = vi.fn();
    const t = new Throttle(500, work);
    for (let ms = 0; ms < 2000; ms += 50) {
      t.poke();
      vi.advanceTimersByTime(50);
    }
    // At 0, 500, 1000, 1500 and 2000 ms: one run per interval, never starved.
    expect(work).toHaveBeenCalledTimes(5);
  });

  it('runs nothing after cancel', () => {
    const work = vi.fn();
    const t = new Throttle(1000, work);
    t.poke();
    t.poke();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('flushes at once, dropping what was pending, and counts the interval from there', () => {
    const work = vi.fn();
    const t = new Throttle(1000, work);
    t.poke();
    vi.advanceTimersByTime(200);
    t.poke();
    t.flush();
    expect(work).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(900);
    expect(work).toHaveBeenCalledTimes(2);
    t.poke();
    expect(work).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(100);
    expect(work).toHaveBeenCalledTimes(3);
  });
});
