import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WATCHDOG, startWatchdog, WatchdogJudge, type PageSignals } from './watchdog';

const healthy = (now: number): PageSignals => ({
  lastFrameAt: now,
  lastMessageAt: now,
  visible: true,
  visibleSince: 0,
});

describe('WatchdogJudge', () => {
  it('leaves a page alone that draws and hears from the hub', () => {
    const judge = new WatchdogJudge();
    expect(judge.check(100_000, healthy(99_000))).toBe('none');
  });

  it('reconnects a page that heard nothing for a minute, then reloads it if that did not help', () => {
    const judge = new WatchdogJudge();
    const s = { ...healthy(0), lastFrameAt: Infinity };
    expect(judge.check(60_000, s)).toBe('none');
    expect(judge.check(60_001, s)).toBe('reconnect');
    expect(judge.check(60_001 + DEFAULT_WATCHDOG.recoverMs - 1, s)).toBe('none');
    expect(judge.check(60_001 + DEFAULT_WATCHDOG.recoverMs, s)).toBe('reload');
  });

  it('forgets the stall when the reconnection brought the stream back', () => {
    const judge = new WatchdogJudge();
    const stalled = { ...healthy(0), lastFrameAt: Infinity };
    expect(judge.check(70_000, stalled)).toBe('reconnect');
    expect(judge.check(71_000, healthy(71_000))).toBe('none');
    expect(judge.check(200_000, stalled)).toBe('reconnect');
  });

  it('judges frames only while the page is on screen, and not just after it came back', () => {
    const judge = new WatchdogJudge();
    const noFrames = { lastFrameAt: 0, lastMessageAt: 100_000, visibleSince: 0 };
    expect(judge.check(100_000, { ...noFrames, visible: false })).toBe('none');
    expect(judge.check(100_000, { ...noFrames, visible: true, visibleSince: 95_000 })).toBe('none');
    expect(judge.check(100_000, { ...noFrames, visible: true })).toBe('reconnect');
  });
});

describe('startWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function page(hubAnswers: () => Promise<boolean>) {
    let lastMessageAt = 0;
    const reconnect = vi.fn();
    const reload = vi.fn();
    const stop = startWatchdog({
      now: () => Date.now(),
      signals: () => ({ lastFrameAt: Date.now(), lastMessageAt, visible: true, visibleSince: 0 }),
      reconnect,
      reload,
      hubAnswers,
    });
    return { reconnect, reload, stop, heard: () => (lastMessageAt = Date.now()) };
  }

  it('reconnects a stalled stream, then reloads the page when the hub answers', async () => {
    vi.setSystemTime(0);
    const p = page(() => Promise.resolve(true));
    await vi.advanceTimersByTimeAsync(62_000);
    expect(p.reconnect).toHaveBeenCalledTimes(1);
    expect(p.reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG.recoverMs);
    expect(p.reload).toHaveBeenCalledTimes(1);
    p.stop();
  });

  it('does not reload while the hub does not answer, and tries again later', async () => {
    vi.setSystemTime(0);
    let up = false;
    const p = page(() => (up ? Promise.resolve(true) : Promise.reject(new Error('refused'))));
    await vi.advanceTimersByTimeAsync(62_000 + DEFAULT_WATCHDOG.recoverMs);
    // The hub did not answer the probe: no reload, a second reconnection instead.
    expect(p.reload).not.toHaveBeenCalled();
    expect(p.reconnect).toHaveBeenCalledTimes(2);
    up = true;
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCHDOG.recoverMs + 2000);
    expect(p.reconnect).toHaveBeenCalledTimes(2);
    expect(p.reload).toHaveBeenCalledTimes(1);
    // A page that reloads checks no more.
    await vi.advanceTimersByTimeAsync(10 * DEFAULT_WATCHDOG.recoverMs);
    expect(p.reload).toHaveBeenCalledTimes(1);
    p.stop();
  });

  it('does nothing to a page whose stream flows', async () => {
    vi.setSystemTime(0);
    const p = page(() => Promise.resolve(true));
    for (let i = 0; i < 100; i++) {
      p.heard();
      await vi.advanceTimersByTimeAsync(5000);
    }
    expect(p.reconnect).not.toHaveBeenCalled();
    expect(p.reload).not.toHaveBeenCalled();
    p.stop();
  });
});
