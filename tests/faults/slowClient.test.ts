import { describe, expect, it } from 'vitest';
import { Cleanup, converge, openWall, startFaultHub, waitFor } from './harness';
import { Producer, type LoadShape } from './producer';
import { FaultProxy } from './proxy';

// A client that stops reading (the proxy holds everything the hub sends it) while a producer pushes
// a heavy stream: the hub must drop it once its backlog passes the bound instead of buffering without
// end, the other clients must not notice, and the slow one, reading again, must catch up to the hub.

/** The bound for this test: small, so that it is reached in seconds. The hub's default is 8 MiB. */
const BOUND = 1024 * 1024;

/**
 * Heavy in bytes, light in state: status changes with 3,000-character notes on eight incidents (the
 * history keeps the newest 100 of each), and some lamps. About 2 MB/s at the nominal rate, enough
 * to fill loopback's kernel buffers (~4 MB here) and then the bound within seconds.
 */
const HEAVY: LoadShape = {
  reports: 0,
  updates: 20,
  updatePool: 8,
  noteChars: 3000,
  seedIncidents: 8,
  lamps: 20,
  extrasEvery: 4,
  commandEvery: 0,
};

describe('a client that stops reading', () => {
  it('is dropped at the backlog bound, the others keep pace, and it catches up when it reads again', async () => {
    const cleanup = new Cleanup();
    try {
      const hub = await startFaultHub(cleanup, { maxClientBacklogBytes: BOUND });
      const proxy = await FaultProxy.start({ port: hub.port });
      cleanup.add(() => proxy.close());
      const slow = openWall(cleanup, proxy.url);
      const fast = [openWall(cleanup, hub.url), openWall(cleanup, hub.url, 'dev-leader')];
      const walls = [slow, ...fast];
      await waitFor(() => walls.every((w) => w.status === 'live' && w.snapshots === 1), 'walls live', 20_000);

      const producer = await Producer.start(hub, { intervalMs: 30, shape: HEAVY, tag: 'slow' });
      cleanup.add(() => producer.stop().catch(() => {}));
      await waitFor(() => walls.every((w) => w.ledger.applied >= 100), 'live events', 30_000);

      proxy.pause();
      const pausedAt = hub.seq;
      // Until the hub drops the slow one, watch how far behind the hub the others fall.
      const maxLag = [0, 0];
      await waitFor(
        () => {
          fast.forEach((w, i) => (maxLag[i] = Math.max(maxLag[i]!, hub.seq - w.arrivedSeq)));
          return hub.backlog.dropped > 0;
        },
        'the hub to drop the slow client',
        60_000,
      );
      const droppedAt = hub.seq;
      const stats = hub.backlog;

      // The others were never held back by it: while the slow one's backlog grew by thousands of
      // events, what arrived at them stayed within a couple of the producer's batches of the hub
      // (about 80 events of the ~2,600 between the pause and the drop, here; a hub that waited on the
      // slowest socket would have them as far behind as it). They have everything up to the drop, and
      // keep going after it while the slow one is still not reading.
      for (const lag of maxLag) expect(lag).toBeLessThan((droppedAt - pausedAt) / 3);
      await waitFor(() => fast.every((w) => w.lastSeq >= droppedAt), 'the others at the drop', 20_000);
      await waitFor(() => hub.seq >= droppedAt + 500, 'more load after the drop', 30_000);
      await waitFor(
        () => fast.every((w) => w.lastSeq >= droppedAt + 500),
        'the others after the drop',
        20_000,
      );
      expect(slow.lastSeq).toBeLessThan(droppedAt);

      proxy.resume();
      // It reads what the kernel still held for it, sees the connection end, and reconnects with its
      // lastSeq; the log still holds what it missed, so the hub replays it.
      await waitFor(
        () => slow.connects === 2 && slow.status === 'live',
        'the slow client to reconnect',
        45_000,
      );
      await producer.stop();
      const { hub: theirs, walls: ours } = await converge(hub, walls);
      for (const w of ours) expect(w.parts).toEqual(theirs.parts);
      for (const w of walls) expect(w.ledger.problems).toEqual([]);

      expect(hub.backlog.dropped).toBe(1);
      // Bounded: at most the bound plus a tick's broadcast (a few of the producer's batches).
      expect(stats.peakBytes).toBeGreaterThan(BOUND);
      expect(stats.peakBytes).toBeLessThan(BOUND + 1024 * 1024);
      for (const w of fast) {
        expect(w.connects).toBe(1);
        expect(w.disconnects).toBe(0);
        expect(w.snapshots).toBe(1);
      }
      expect(slow.disconnects).toBe(1);
      expect(slow.snapshots).toBe(1);
    } finally {
      await cleanup.run();
    }
  }, 180_000);
});
