import { describe, it, type ExpectStatic } from 'vitest';
import { Cleanup, converge, logHoldsAfter, openWall, startFaultHub, waitFor } from './harness';
import { MIXED_LOAD, Producer } from './producer';
import { FaultProxy } from './proxy';

// The wall's realtime client (src/realtime) behind a proxy that cuts its network while a producer
// keeps the city busy. After each cut the client must have applied every event exactly once and hold
// exactly the hub's city (docs/protocol.md, "Seq, replay, snapshot, resync"). The three cuts run side
// by side, each with its own hub, so the suite takes about as long as the longest.

interface CutCase {
  cutMs: number;
  /** the hub's LOG_SIZE: the snapshot case makes it small enough for the cut to outlast it */
  logSize: number;
  expect: 'replay' | 'snapshot';
}

async function cutUnderLoad(expect: ExpectStatic, c: CutCase): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const hub = await startFaultHub(cleanup, { logSize: c.logSize });
    const proxy = await FaultProxy.start({ port: hub.port });
    cleanup.add(() => proxy.close());
    const wall = openWall(cleanup, proxy.url);
    await waitFor(() => wall.snapshots === 1 && wall.status === 'live', 'the first snapshot', 20_000);

    const producer = await Producer.start(hub, {
      intervalMs: 50,
      shape: MIXED_LOAD,
      tag: `cut${c.cutMs}`,
    });
    cleanup.add(() => producer.stop().catch(() => {}));
    // Live first: the cut must fall in the middle of a flowing stream.
    await waitFor(() => wall.ledger.applied >= 200, 'live events before the cut', 30_000);

    proxy.cut();
    const cutAt = Date.now();
    await waitFor(() => wall.status === 'reconnecting', 'the client to notice the cut', 10_000);
    // What the client will resume from: the newest seq it took in, flushed to the store or not.
    const seqAtCut = wall.arrivedSeq;
    // The fault itself lasts a fixed time: that is what is under test.
    await new Promise((r) => setTimeout(r, c.cutMs - (Date.now() - cutAt)));
    if (c.expect === 'snapshot') {
      // Normally already true by now; on a slow machine the producer may need longer to overrun the log.
      await waitUntilAsync(async () => !(await logHoldsAfter(hub, seqAtCut)), 'the log to overrun', 60_000);
    } else {
      expect(await logHoldsAfter(hub, seqAtCut)).toBe(true);
    }
    const seqAtRestore = hub.seq;
    expect(seqAtRestore).toBeGreaterThan(seqAtCut);
    proxy.restore();

    // socket.io backs off up to 10 s between attempts: a long cut may take that long to notice.
    await waitFor(() => wall.status === 'live' && wall.lastSeq > seqAtRestore, 'the catch-up', 45_000);
    // And live again for a while after the catch-up.
    const caughtUpAt = wall.ledger.applied;
    await waitFor(() => wall.ledger.applied >= caughtUpAt + 100, 'live events after the cut', 30_000);
    await producer.stop();

    const { seq, hub: theirs, walls } = await converge(hub, [wall]);
    expect(walls[0]!.parts).toEqual(theirs.parts);
    expect(wall.ledger.problems).toEqual([]);
    expect(wall.ledger.lastSeq).toBe(seq);
    expect(producer.lastSeq).toBeLessThanOrEqual(seq);
    const conn = wall.store.getState().connection;
    // Nothing arrived twice or out of turn either: the hub keeps its side of exactly-once.
    expect(conn.dropped).toEqual({
      malformed: 0,
      'unknown-type': 0,
      'invalid-data': 0,
      duplicate: 0,
      'beyond-gap': 0,
    });
    // A reconnect catches up without a resync: the hub's answer ends where the live stream begins.
    expect(conn.resyncs).toBe(0);
    expect(wall.connects).toBe(2);
    if (c.cutMs >= 5000) expect(proxy.refused).toBeGreaterThan(0);
    if (c.expect === 'replay') {
      // Everything missed came by replay: no second snapshot.
      expect(wall.snapshots).toBe(1);
      expect(wall.ledger.snapshots).toBe(1);
    } else {
      expect(wall.snapshots).toBe(2);
    }
  } finally {
    await cleanup.run();
  }
}

async function waitUntilAsync(pred: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.concurrent('a network cut under load', () => {
  it(
    'of 1 s: the client resumes by replay, nothing lost or applied twice, same city as the hub',
    ({ expect }) => cutUnderLoad(expect, { cutMs: 1000, logSize: 100_000, expect: 'replay' }),
    120_000,
  );

  it(
    'of 5 s: the client resumes by replay, nothing lost or applied twice, same city as the hub',
    ({ expect }) => cutUnderLoad(expect, { cutMs: 5000, logSize: 100_000, expect: 'replay' }),
    120_000,
  );

  it(
    'of 30 s, longer than the log holds: the client takes a snapshot and has the same city as the hub',
    ({ expect }) => cutUnderLoad(expect, { cutMs: 30_000, logSize: 1000, expect: 'snapshot' }),
    150_000,
  );
});
