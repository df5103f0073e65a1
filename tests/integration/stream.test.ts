import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/shared/protocol/events';
import { contiguousFrom, reported, useHarness, waitFor } from './harness';

const seqsOf = (events: StreamEvent[]) => events.map((e) => e.seq);

describe('the stream', () => {
  const h = useHarness();

  it('sends a snapshot first, then live events in batches with contiguous seqs', async () => {
    const hub = await h.start({ tickMs: 20 });
    await h.ingest(hub, [reported(), reported()]);
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    await viewer.until((v) => v.received.length > 0, 'the snapshot');
    const first = viewer.received[0];
    expect(first?.kind).toBe('snapshot');
    if (first?.kind !== 'snapshot') return;
    expect(first.snapshot.seq).toBe(2);
    expect(first.snapshot.state.incidents).toHaveLength(2);

    // 30 events sent in one request arrive in one batch: one emit per tick, not per event.
    const { body } = await h.ingest(
      hub,
      Array.from({ length: 30 }, () => reported()),
    );
    expect(body.seqs).toEqual(Array.from({ length: 30 }, (_, i) => 3 + i));
    await viewer.untilSeq(32);
    const batches = viewer.received.filter((r) => r.kind === 'events');
    expect(batches).toHaveLength(1);
    expect(contiguousFrom(seqsOf(viewer.events), 3)).toBe(true);
    for (const e of viewer.events) {
      expect(e.type).toBe('incident.reported');
      expect(typeof e.ts).toBe('number');
    }
  });

  it('keeps seqs contiguous across many concurrent producers', async () => {
    const hub = await h.start({ tickMs: 5 });
    const viewer = await h.connect(hub, { token: 'dev-leader' });
    await Promise.all(Array.from({ length: 20 }, () => h.ingest(hub, [reported(), reported(), reported()])));
    await viewer.untilSeq(60);
    expect(viewer.snapshots.map((s) => s.seq)).toEqual([0]);
    expect(seqsOf(viewer.events)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('stamps ts with the hub clock when no simulator runs', async () => {
    const hub = await h.start();
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    const before = Date.now();
    await h.ingest(hub, [reported()]);
    await viewer.untilSeq(1);
    const ts = viewer.events[0]!.ts;
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Date.now());
  });

  it('replays what was missed during a disconnect: no gap, no duplicate', async () => {
    const hub = await h.start({ tickMs: 5 });
    const first = await h.connect(hub, { token: 'dev-operator' });
    await h.ingest(hub, [reported(), reported(), reported()]);
    await first.untilSeq(3);
    first.socket.disconnect();
    const seen = first.lastSeq;

    // Events keep coming while the client is away, and while it reconnects.
    await h.ingest(
      hub,
      Array.from({ length: 10 }, () => reported()),
    );
    const pushing = (async () => {
      for (let i = 0; i < 10; i++) {
        await h.ingest(hub, [reported(), reported()]);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const again = await h.connect(hub, { token: 'dev-operator', lastSeq: seen });
    await pushing;
    await again.untilSeq(33);

    expect(again.snapshots).toHaveLength(0);
    const all = [...seqsOf(first.events), ...seqsOf(again.events)];
    expect(all).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  });

  it('joins the live stream exactly where a catch-up ends, connections and ingests interleaved', async () => {
    // Each catch-up runs between two broadcasts of the commit loop: it must end exactly at the seq
    // where the live batches of the clients before it resume.
    const hub = await h.start({ tickMs: 60_000 });
    const a = await h.connect(hub, { token: 'dev-operator' });
    await h.ingest(hub, [reported(), reported(), reported()]);
    const b = await h.connect(hub, { token: 'dev-operator', lastSeq: 1 });
    await h.ingest(hub, [reported(), reported()]);
    const c = await h.connect(hub, { token: 'dev-operator' });
    await h.ingest(hub, [reported()]);
    const d = await h.connect(hub, { token: 'dev-guest', lastSeq: 0 });
    await a.untilSeq(6);
    await b.untilSeq(6);
    await d.untilSeq(6);

    expect(a.snapshots.map((s) => s.seq)).toEqual([0]);
    expect(seqsOf(a.events)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seqsOf(b.events)).toEqual([2, 3, 4, 5, 6]);
    expect(c.snapshots.map((s) => s.seq)).toEqual([5]);
    expect(c.snapshots[0]?.state.incidents).toHaveLength(5);
    expect(seqsOf(d.events)).toEqual([1, 2, 3, 4, 5, 6]);
    await waitFor(() => c.lastSeq === 6, 'c to get seq 6');
    expect(seqsOf(c.events)).toEqual([6]);
  });

  it('sends nothing to replay when the client is already up to date, then live events', async () => {
    const hub = await h.start();
    await h.ingest(hub, [reported(), reported()]);
    const viewer = await h.connect(hub, { token: 'dev-operator', lastSeq: 2 });
    await h.ingest(hub, [reported()]);
    await viewer.untilSeq(3);
    expect(viewer.snapshots).toHaveLength(0);
    expect(seqsOf(viewer.events)).toEqual([3]);
  });

  it('sends a snapshot when the log no longer holds the gap, then continues from it', async () => {
    const hub = await h.start({ logSize: 5 });
    await h.ingest(
      hub,
      Array.from({ length: 4 }, () => reported()),
    );
    const gone = await h.connect(hub, { token: 'dev-operator', lastSeq: 1 });
    await gone.until((v) => v.received.length > 0, 'an answer');
    // Seqs 2..4 are all still held: a replay.
    expect(gone.snapshots).toHaveLength(0);
    expect(seqsOf(gone.events)).toEqual([2, 3, 4]);
    gone.socket.disconnect();

    await h.ingest(
      hub,
      Array.from({ length: 10 }, () => reported()),
    );
    const viewer = await h.connect(hub, { token: 'dev-operator', lastSeq: 4 });
    await viewer.until((v) => v.received.length > 0, 'an answer');
    const first = viewer.received[0];
    expect(first?.kind).toBe('snapshot');
    if (first?.kind !== 'snapshot') return;
    expect(first.snapshot.seq).toBe(14);
    expect(first.snapshot.state.incidents).toHaveLength(14);

    await h.ingest(hub, [reported()]);
    await viewer.untilSeq(15);
    expect(seqsOf(viewer.events)).toEqual([15]);
  });

  it('sends a snapshot to a client that is ahead of the hub (the hub restarted) or sends a bad lastSeq', async () => {
    const hub = await h.start();
    await h.ingest(hub, [reported()]);
    for (const lastSeq of [500, -1, 1.5, '1', null]) {
      const viewer = await h.connect(hub, { token: 'dev-operator', lastSeq });
      await viewer.until((v) => v.received.length > 0, 'an answer');
      expect(viewer.received[0]?.kind, `lastSeq ${String(lastSeq)}`).toBe('snapshot');
      expect(viewer.snapshots[0]?.seq).toBe(1);
    }
  });

  it('answers a resync message with a replay, or a snapshot when the gap is too old', async () => {
    const hub = await h.start({ logSize: 20 });
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    await h.ingest(
      hub,
      Array.from({ length: 10 }, () => reported()),
    );
    await viewer.untilSeq(10);
    const before = viewer.received.length;

    const ack = await viewer.socket.emitWithAck('resync', { lastSeq: 6 });
    expect(ack).toEqual({ mode: 'replay', seq: 10 });
    await viewer.until((v) => v.received.length > before, 'the replay');
    const replay = viewer.received[before];
    expect(replay?.kind === 'events' && seqsOf(replay.events)).toEqual([7, 8, 9, 10]);

    await h.ingest(
      hub,
      Array.from({ length: 30 }, () => reported()),
    );
    await viewer.untilSeq(40);
    const mark = viewer.received.length;
    viewer.socket.emit('resync', { lastSeq: 5 });
    await viewer.until((v) => v.received.length > mark, 'the snapshot');
    const snap = viewer.received[mark];
    expect(snap?.kind === 'snapshot' && snap.snapshot.seq).toBe(40);

    // Live events still flow after a resync, continuing from the snapshot.
    await h.ingest(hub, [reported()]);
    await viewer.untilSeq(41);
    expect(viewer.events.at(-1)?.seq).toBe(41);
  });

  it('survives junk resync messages', async () => {
    const hub = await h.start();
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    await viewer.until((v) => v.received.length > 0, 'the snapshot');
    for (const junk of [null, 'x', 42, [1, 2], { lastSeq: 'abc' }, { lastSeq: -5 }])
      viewer.socket.emit('resync', junk);
    viewer.socket.emit('something-else', { a: 1 });
    await waitFor(() => viewer.snapshots.length >= 7, 'a snapshot per junk resync');
    const health = await h.get<{ status: string }>(hub, '/api/health');
    expect(health.body.status).toBe('ok');
  });
});
