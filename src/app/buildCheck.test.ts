import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILD_CHECK_MS, RELOAD_GUARD_MS, shouldReload, startBuildCheck } from './buildCheck';

describe('shouldReload', () => {
  it('reloads for another build, never for its own, a hub naming none, or a development page', () => {
    expect(shouldReload('b1', 'b2', null, 0)).toBe(true);
    expect(shouldReload('b1', 'b1', null, 0)).toBe(false);
    expect(shouldReload('b1', null, null, 0)).toBe(false);
    expect(shouldReload('dev', 'b2', null, 0)).toBe(false);
  });

  it('does not reload again for a build it just reloaded for (the old one came back from a cache)', () => {
    const last = { build: 'b2', at: 1000 };
    expect(shouldReload('b1', 'b2', last, 1000 + RELOAD_GUARD_MS - 1)).toBe(false);
    expect(shouldReload('b1', 'b2', last, 1000 + RELOAD_GUARD_MS)).toBe(true);
    expect(shouldReload('b1', 'b3', last, 2000)).toBe(true);
  });
});

describe('startBuildCheck', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 50_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function page(hubBuild: () => Promise<string | null>) {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    let connected: () => void = () => {};
    const reload = vi.fn();
    const stop = startBuildCheck({
      page: 'b1',
      fetchBuild: hubBuild,
      reload,
      storage,
      onConnected: (l) => {
        connected = l;
        return () => {};
      },
    });
    return { reload, stop, storage, reconnect: () => connected() };
  }

  it('reloads when a reconnection finds the hub upgraded, and remembers it across the reload', async () => {
    let hub = 'b1';
    const p = page(() => Promise.resolve(hub));
    p.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.reload).not.toHaveBeenCalled();
    hub = 'b2';
    p.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.reload).toHaveBeenCalledTimes(1);
    expect(JSON.parse(p.storage.getItem('ioc.reloadedFor')!)).toEqual({ build: 'b2', at: 50_000 });
  });

  it('asks every few minutes, and shrugs off a hub that does not answer', async () => {
    let answer: () => Promise<string | null> = () => Promise.reject(new Error('down'));
    const p = page(() => answer());
    await vi.advanceTimersByTimeAsync(BUILD_CHECK_MS);
    expect(p.reload).not.toHaveBeenCalled();
    answer = () => Promise.resolve('b2');
    await vi.advanceTimersByTimeAsync(BUILD_CHECK_MS);
    expect(p.reload).toHaveBeenCalledTimes(1);
    p.stop();
    await vi.advanceTimersByTimeAsync(3 * BUILD_CHECK_MS);
    expect(p.reload).toHaveBeenCalledTimes(1);
  });
});
