import { describe, expect, it } from 'vitest';
import type { LightStates, Snapshot, StreamEvent } from '../../src/shared/protocol/events';
import { reported, useHarness, type Viewer } from './harness';

// Protocol version 2 against the real hub, its simulator and socket.io clients: lamp telemetry as one
// `light.states` per tick or producer call, with one seq, however many lamps it carries.

const LAMPS = 50_000;
/** A simulator that adds nothing during a test: its lamp inventory is what the tests need. */
const STILL_CITY = { seed: 5, lamps: LAMPS, timeScale: 0.0001 };

type Batch = Extract<StreamEvent, { type: 'light.states' }>;
const batchesOf = (v: Viewer): Batch[] => v.events.filter((e): e is Batch => e.type === 'light.states');
const seqsOf = (v: Viewer) => v.events.map((e) => e.seq);

/** Every lamp on, at full level: what a dusk switch sends. */
function allOn(n = LAMPS, state = 1, level = 100): LightStates {
  const i = Array.from({ length: n }, (_, k) => k);
  return { i, s: i.map(() => state), l: i.map(() => level) };
}

describe('lamp telemetry as one batch per tick (protocol version 2)', () => {
  const h = useHarness();

  it("sends the simulator's dusk switch of 50,000 lamps as one event with one seq", async () => {
    // ×7,200 and a tick of 1.5 s: the first tick plays 17:00 to 19:00 (its step is capped at 1 s of
    // real time), the whole city switching on at dusk, in one advance of the simulator.
    const hub = await h.start({ sim: { seed: 1, lamps: LAMPS, timeScale: 7200 }, tickMs: 1500 });
    // From seq 0, out of the log: whenever this client comes, it sees every event since the start.
    const v = await h.connect(hub, { token: 'dev-operator', lastSeq: 0 });
    await v.until((x) => batchesOf(x).some((b) => b.data.i.length > LAMPS * 0.95), 'the dusk switch', 20_000);
    expect(v.snapshots).toHaveLength(0);
    const dusk = batchesOf(v).find((b) => b.data.i.length > LAMPS * 0.95)!;
    // One event: each lamp once, all switched on (or dimmed, on the heritage schedule).
    expect(new Set(dusk.data.i).size).toBe(dusk.data.i.length);
    expect(dusk.data.s.every((s) => s === 1 || s === 2 || s === 3)).toBe(true);
    // The tick's other events take a few seqs beside it, not 50,000.
    expect(dusk.seq).toBeLessThan(100);
    expect(seqsOf(v)).toEqual(Array.from({ length: v.events.length }, (_, k) => k + 1));
    expect(v.events.filter((e) => e.type === 'light.state')).toHaveLength(0);
  }, 40_000);

  it('keeps incidents in a small replay log through a 50,000-lamp switch', async () => {
    // A log of 1,000 events: in version 1 the switch was 50,000 of them and pushed the report out.
    const hub = await h.start({ sim: STILL_CITY, logSize: 1000 });
    const report = await h.ingest(hub, [reported({ id: 'before-the-switch' })]);
    expect(report.body.seqs).toEqual([1]);
    const batch = await h.ingest(hub, [{ type: 'light.states', data: allOn() }]);
    expect(batch.status).toBe(202);
    expect(batch.body.seqs).toEqual([2]);
    expect(hub.seq).toBe(2);

    // REST paging still reaches the report, and a client resuming from before it is replayed to.
    const page = await h.get<{ events: StreamEvent[] }>(hub, '/api/events?after=0', 'dev-operator');
    expect(page.status).toBe(200);
    expect(page.body.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'incident.reported'],
      [2, 'light.states'],
    ]);
    const v = await h.connect(hub, { token: 'dev-operator', lastSeq: 0 });
    await v.untilSeq(2);
    expect(v.snapshots).toHaveLength(0);
    expect(v.events[0]).toMatchObject({
      seq: 1,
      type: 'incident.reported',
      data: { id: 'before-the-switch' },
    });
    expect(batchesOf(v)[0]!.data.i).toHaveLength(LAMPS);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(snap.body.state.lamps.state.every((s) => s === 1)).toBe(true);
  }, 30_000);

  it('replays batches to a client resuming with lastSeq, without gap or duplicate, for operators and guests alike', async () => {
    const hub = await h.start({ sim: STILL_CITY, tickMs: 5 });
    const op = await h.connect(hub, { token: 'dev-operator' });
    const guest = await h.connect(hub, { token: 'dev-guest' });
    await op.until((x) => x.snapshots.length === 1, 'snapshot');
    const snap = op.snapshots[0]!;
    // A lamp controller's ticks: each call a batch of different lamps, with a report now and then.
    const tick = async (k: number) => {
      const i = Array.from({ length: 500 }, (_, n) => (k * 7919 + n * 97) % LAMPS);
      const data = { i, s: i.map((_, n) => (n + k) % 4), l: i.map((_, n) => (n * k) % 101) };
      const events: unknown[] = [{ type: 'light.states', data }];
      if (k % 5 === 0) events.push(reported());
      const res = await h.ingest(hub, events);
      expect(res.status).toBe(202);
    };
    for (let k = 0; k < 10; k++) await tick(k);
    await op.untilSeq(hub.seq);
    const seen = op.lastSeq;
    op.socket.disconnect();

    // More ticks while it is away, and while it comes back.
    for (let k = 10; k < 30; k++) await tick(k);
    const during = (async () => {
      for (let k = 30; k < 50; k++) await tick(k);
    })();
    const again = await h.connect(hub, { token: 'dev-operator', lastSeq: seen });
    await during;
    await again.untilSeq(hub.seq);
    await guest.untilSeq(hub.seq);

    expect(again.snapshots).toHaveLength(0);
    expect(seqsOf(again)).toEqual(Array.from({ length: hub.seq - seen }, (_, k) => seen + 1 + k));
    // 50 calls, 50 batches: one event each.
    expect(batchesOf(op).length + batchesOf(again).length).toBe(50);
    // The lamps from the first snapshot and every batch since are the hub's lamps now.
    const state = [...snap.state.lamps.state];
    const level = [...snap.state.lamps.level];
    for (const b of [...batchesOf(op), ...batchesOf(again)]) {
      b.data.i.forEach((i, k) => {
        state[i] = b.data.s[k]!;
        level[i] = b.data.l[k]!;
      });
    }
    const now = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect(state).toEqual(now.body.state.lamps.state);
    expect(level).toEqual(now.body.state.lamps.level);
    // A guest gets the same batches under the same seqs; only the reports lose their reporter.
    expect(batchesOf(guest)).toEqual(batchesOf(op).concat(batchesOf(again)));
    expect(guest.events.some((e) => e.type === 'incident.reported' && 'reporter' in e.data)).toBe(false);
  }, 30_000);

  it('still takes version 1 light.state tuples on ingest, folded into the call’s one light.states', async () => {
    const hub = await h.start({ sim: STILL_CITY });
    const v = await h.connect(hub, { token: 'dev-operator' });
    await v.until((x) => x.snapshots.length === 1, 'snapshot');
    // 9,999 tuples and a report (10,000 events, the most a body may hold): two events.
    const tuples = Array.from({ length: 9_998 }, (_, k) => ({ type: 'light.state', data: [k, 2, 40] }));
    const res = await h.ingest(hub, [
      ...tuples.slice(0, 5000),
      reported({ id: 'mid-batch' }),
      ...tuples.slice(5000),
      { type: 'light.state', data: [0, 3, 0] }, // lamp 0 again: the latest wins
    ]);
    expect(res.status).toBe(202);
    const seqs = res.body.seqs!;
    expect(seqs).toHaveLength(10_000);
    // Each tuple is answered with the seq of the batch that carries it.
    expect(new Set(seqs)).toEqual(new Set([1, 2]));
    expect(seqs[5000]).toBe(2);
    await v.untilSeq(2);
    expect(v.events.map((e) => e.type)).toEqual(['light.states', 'incident.reported']);
    const [batch] = batchesOf(v);
    expect(batch!.data.i).toHaveLength(9_998);
    expect([batch!.data.s[0], batch!.data.l[0]]).toEqual([3, 0]);
    expect([batch!.data.s[1], batch!.data.l[1]]).toEqual([2, 40]);

    // A bad tuple or batch refuses the call, naming the event and the entry.
    const bad = await h.ingest(hub, [
      { type: 'light.state', data: [LAMPS, 1, 100] },
      { type: 'light.states', data: { i: [1, 2, 1], s: [1, 1, 1], l: [100, 100, 100] } },
      { type: 'light.states', data: { i: [1, 2], s: [1, 1], l: [100] } },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.issues!.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'events.0.data.0: lamp index must be an integer from 0 to 49999',
      'events.1.data.i.2: lamp 1 is named twice (also at i.0): each lamp at most once',
      'events.2.data.l: expected 2 entries, as many as i, got 1',
    ]);
    expect(hub.seq).toBe(2);
  }, 30_000);
});
