import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchHubBuild, startBuildCheck } from '../../src/app/buildCheck';
import { makeStore } from '../../src/app/store';
import { startWatchdog, type WatchdogPolicy } from '../../src/app/watchdog';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { connectRealtime, type RealtimeConnection } from '../../src/realtime/connect';
import { reported, useHarness, waitFor } from '../integration/harness';
import { FaultProxy } from './proxy';

// A wall that runs for days, against the real hub: its realtime client behind a proxy that can stall
// the stream without closing it, its watchdog on a short policy, and the build check on GET /api/version.

beforeAll(() => {
  // Node has no animation frames; the pipeline's one-flush-per-frame runs on a 16 ms timer here.
  globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
    setTimeout(() => cb(performance.now()), 16) as unknown as number;
});

/** Seconds scaled down to a test's: the hub is fed every 100 ms, so 600 ms of silence is a stall. */
const QUICK: WatchdogPolicy = {
  checkEveryMs: 100,
  frameStallMs: 60_000,
  streamStallMs: 600,
  recoverMs: 1500,
};

describe('the watchdog against a stalled stream', () => {
  const h = useHarness();
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  async function wallBehindProxy() {
    const hub = await h.start();
    const proxy = await FaultProxy.start({ port: hub.port });
    closers.push(() => proxy.close());
    const store = makeStore();
    const conn: RealtimeConnection = connectRealtime({
      url: proxy.url,
      token: 'dev-operator',
      dispatch: store.dispatch,
      lamps: new LampColumns(),
    });
    closers.push(() => conn.close());
    await waitFor(() => store.getState().connection.snapshots === 1, 'first snapshot');
    // The test is the city's producer: a report every 100 ms keeps the stream flowing.
    let n = 0;
    const feeder = setInterval(() => void h.ingest(hub, [reported({ id: `WD-${n++}` })]), 100);
    closers.push(() => clearInterval(feeder));
    const reconnect = vi.fn(() => conn.reconnect());
    const reload = vi.fn();
    let hubUp = true;
    const stop = startWatchdog({
      now: () => performance.now(),
      signals: () => ({
        lastFrameAt: performance.now(),
        lastMessageAt: conn.lastMessageAt,
        visible: true,
        visibleSince: 0,
      }),
      reconnect,
      // Asked of the hub directly: the proxy holds its answers too.
      hubAnswers: () => (hubUp ? fetchHubBuild(hub.url).then(() => true) : Promise.resolve(false)),
      reload,
      policy: QUICK,
    });
    closers.push(stop);
    return { hub, proxy, store, conn, reconnect, reload, hubDown: () => (hubUp = false) };
  }

  it('leaves a flowing stream alone, reconnects a stalled one and resumes it with nothing lost', async () => {
    const w = await wallBehindProxy();
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.reconnect).not.toHaveBeenCalled();

    w.proxy.pause();
    await waitFor(() => w.reconnect.mock.calls.length === 1, 'a reconnection', 3000);
    w.proxy.resume();
    await waitFor(() => w.store.getState().connection.status === 'live', 'live again', 3000);
    await new Promise((r) => setTimeout(r, QUICK.recoverMs + 500));
    expect(w.reload).not.toHaveBeenCalled();
    const seq = w.hub.seq;
    await waitFor(() => w.store.getState().connection.lastSeq >= seq, `seq ${seq}`, 3000);
    expect(w.store.getState().incidents.ids.length).toBeGreaterThan(20);
  });

  it('reloads a page whose stream stays stalled after a reconnection, only while the hub answers', async () => {
    const w = await wallBehindProxy();
    w.hubDown();
    w.proxy.pause();
    await waitFor(() => w.reconnect.mock.calls.length >= 2, 'a second reconnection', 6000);
    expect(w.reload).not.toHaveBeenCalled();

    const up = await wallBehindProxy();
    up.proxy.pause();
    await waitFor(() => up.reload.mock.calls.length === 1, 'a reload', 6000);
    expect(up.reconnect).toHaveBeenCalledTimes(1);
  });
});

describe('the build check against the hub', () => {
  const h = useHarness();
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'hub-version-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>IOC Wall</title>');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves the build it serves as GET /api/version, to anyone, read again when rebuilt', async () => {
    const hub = await h.start({ staticDir: dist });
    expect(await fetchHubBuild(hub.url)).toBeNull();
    writeFileSync(join(dist, 'version.json'), JSON.stringify({ build: 'b1' }));
    const res = await fetch(`${hub.url}/api/version`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ build: 'b1' });
    writeFileSync(join(dist, 'version.json'), '{ not json');
    expect(await fetchHubBuild(hub.url)).toBeNull();
    writeFileSync(join(dist, 'version.json'), JSON.stringify({ build: 'b2' }));
    expect(await fetchHubBuild(hub.url)).toBe('b2');
  });

  it('reloads a page of an older build when its socket reconnects to an upgraded hub', async () => {
    writeFileSync(join(dist, 'version.json'), JSON.stringify({ build: 'b1' }));
    const hub = await h.start({ staticDir: dist });
    const reload = vi.fn();
    const reconnected = new Set<() => void>();
    const stop = startBuildCheck({
      page: 'b1',
      fetchBuild: () => fetchHubBuild(hub.url),
      reload,
      storage: { getItem: () => null, setItem: () => {} },
      onConnected: (l) => {
        reconnected.add(l);
        return () => reconnected.delete(l);
      },
    });
    try {
      for (const l of reconnected) l();
      await new Promise((r) => setTimeout(r, 200));
      expect(reload).not.toHaveBeenCalled();
      writeFileSync(join(dist, 'version.json'), JSON.stringify({ build: 'b2' }));
      for (const l of reconnected) l();
      await waitFor(() => reload.mock.calls.length === 1, 'a reload');
    } finally {
      stop();
    }
  });
});
