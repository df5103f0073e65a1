import { describe, expect, it } from 'vitest';
import type { CityEvent } from '../src/shared/protocol/events';
import { AT, report, smallCity } from './fixtures';
import { CityStream } from './stream';

const clock = { now: () => 1_750_000_000_000, scale: 60, simulated: true };
const light = (i: number, s = 1, l = 100): CityEvent => ({ type: 'light.state', data: [i, s, l] });
const report2 = (id: string): CityEvent => ({ type: 'incident.reported', data: report(id) });

describe('CityStream', () => {
  it('gives each committed event the next seq, applies it, logs it and queues it', () => {
    const stream = new CityStream(smallCity(), 100, clock);
    const r = stream.ingest({
      events: [
        { type: 'incident.reported', data: report('i1') },
        { type: 'light.states', data: { i: [2], s: [1], l: [80] } },
      ],
    });
    expect(r).toEqual({ ok: true, seqs: [1, 2] });
    expect(stream.seq).toBe(2);
    expect(stream.state.incidents.map((i) => i.id)).toEqual(['i1']);
    expect(stream.state.lamps.level[2]).toBe(80);
    const pending = stream.takePending();
    expect(pending.map((e) => [e.seq, e.type, e.ts])).toEqual([
      [1, 'incident.reported', clock.now()],
      [2, 'light.states', clock.now()],
    ]);
    expect(stream.hasPending()).toBe(false);
    expect(stream.eventsAfter(0, 10)).toEqual(pending);
  });

  it("folds a call's lamp events, tuples and batches, into one light.states where the first stood", () => {
    const stream = new CityStream(smallCity(), 100, clock);
    const r = stream.ingest({
      events: [
        { type: 'light.state', data: [3, 1, 100] },
        { type: 'incident.reported', data: report('i1') },
        { type: 'light.states', data: { i: [0, 3], s: [2, 2], l: [40, 50] } },
        { type: 'light.state', data: [0, 3, 0] },
      ],
    });
    // Every lamp event is answered with the seq of the batch that carries it.
    expect(r).toEqual({ ok: true, seqs: [1, 2, 1, 1] });
    const pending = stream.takePending();
    expect(pending).toHaveLength(2);
    // Latest wins per lamp, each lamp once, in the order lamps were first named.
    expect(pending[0]).toMatchObject({
      seq: 1,
      type: 'light.states',
      data: { i: [3, 0], s: [2, 3], l: [50, 0] },
    });
    expect(pending[1]).toMatchObject({ seq: 2, type: 'incident.reported' });
    expect(Array.from(stream.state.lamps.state)).toEqual([3, 0, 0, 2]);
    // The builder starts empty again: the next call's batch holds only its own lamps.
    stream.ingest({
      events: [
        { type: 'light.state', data: [1, 1, 100] },
        { type: 'light.state', data: [2, 1, 100] },
      ],
    });
    expect(stream.takePending().map((e) => e.data)).toEqual([{ i: [1, 2], s: [1, 1], l: [100, 100] }]);
  });

  it('answers a re-sent incident with its first seq and commits nothing for it', () => {
    const stream = new CityStream(smallCity(), 100, clock);
    stream.ingest({ events: [{ type: 'incident.reported', data: report('i1') }] });
    const r = stream.ingest({
      events: [
        { type: 'incident.reported', data: report('i1') },
        { type: 'light.state', data: [0, 1, 1] },
      ],
    });
    expect(r).toEqual({ ok: true, seqs: [1, 2] });
    expect(stream.takePending().map((e) => e.seq)).toEqual([1, 2]);
  });

  it('treats incidents of the initial state as known, at seq 0', () => {
    const initial = smallCity();
    const seeded = new CityStream(initial, 10, clock);
    seeded.ingest({ events: [{ type: 'incident.reported', data: report('i1') }] });
    const withIncident = new CityStream(seeded.state, 10, clock);
    expect(withIncident.ingest({ events: [{ type: 'incident.reported', data: report('i1') }] })).toEqual({
      ok: true,
      seqs: [0],
    });
    const upd = { type: 'incident.updated', data: { id: 'i1', status: 'assigned', by: 'IOC', at: AT } };
    expect(withIncident.ingest({ events: [upd] })).toEqual({ ok: true, seqs: [1] });
  });

  it('refuses an invalid batch whole: no seq spent, nothing applied or queued', () => {
    const stream = new CityStream(smallCity(), 100, clock);
    const r = stream.ingest({
      events: [
        { type: 'light.state', data: [0, 1, 1] },
        { type: 'light.state', data: [4, 1, 1] },
      ],
    });
    expect(r.ok).toBe(false);
    expect(stream.seq).toBe(0);
    expect(Array.from(stream.state.lamps.state)).toEqual([0, 0, 0, 0]);
    expect(stream.hasPending()).toBe(false);
  });

  it('fills in the ward a report without one falls in, and keeps a ward the producer gave', () => {
    const stream = new CityStream(smallCity(), 100, clock);
    // 16.4735 N, 107.588 E is Đông Ba market, in Phú Xuân ward (19753).
    const at = { location: { lon: 107.588, lat: 16.4735 } };
    const { ward: _none, ...withoutWard } = report('a', at);
    stream.ingest({
      events: [
        { type: 'incident.reported', data: withoutWard },
        { type: 'incident.reported', data: report('b', { ...at, ward: '19777' }) },
      ],
    });
    const wards = Object.fromEntries(
      stream.takePending().map((e) => [(e.data as { id: string }).id, (e.data as { ward?: string }).ward]),
    );
    expect(wards).toEqual({ a: '19753', b: '19777' });
  });

  it('drops and counts bad simulator events but commits the good ones, lamps as one batch', () => {
    const stream = new CityStream(smallCity(), 100, clock);
    const bad = { type: 'light.state', data: [99, 1, 1] } as unknown as CityEvent;
    const badBatch = { type: 'light.states', data: { i: [1, 1], s: [1, 1], l: [1, 1] } } as CityEvent;
    expect(stream.publish([light(0), bad, badBatch, report2('k'), light(1)])).toEqual([1, 2]);
    expect(stream.droppedCount).toBe(2);
    expect(stream.takePending().map((e) => e.type)).toEqual(['light.states', 'incident.reported']);
  });

  it('answers catch-up with a replay when the log holds the gap, else a snapshot', () => {
    const stream = new CityStream(smallCity(), 3, clock);
    // One publish per tick, as the hub's ticker does: each one's lamps are one event.
    for (const e of [light(0), light(1), light(2), light(3), light(0, 3, 0)]) stream.publish([e]);
    expect(() => stream.catchUp(2)).toThrow(/pending/);
    stream.takePending();
    const replay = stream.catchUp(2);
    expect(replay.mode === 'replay' && replay.events.map((e) => e.seq)).toEqual([3, 4, 5]);
    const snap = stream.catchUp(1);
    expect(snap.mode).toBe('snapshot');
    if (snap.mode !== 'snapshot') return;
    expect(snap.snapshot.seq).toBe(5);
    expect(snap.snapshot.state.lamps.state).toEqual([3, 1, 1, 1]);
    expect(snap.snapshot.state.clock).toEqual({ now: clock.now(), scale: 60, simulated: true });
    expect(stream.catchUp(undefined).mode).toBe('snapshot');
    expect(stream.catchUp(6).mode).toBe('snapshot');
    expect(stream.eventsAfter(1, 10)).toBeNull();
  });
});
