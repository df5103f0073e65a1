import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/shared/protocol/events';
import { CommitLoop, SEQ_BLOCK, StorageUnavailable } from './commit';
import { emptyCityState } from './state';
import type { Batch } from './store/cityStore';
import { CityStream } from './stream';

const clock = { now: () => Date.UTC(2026, 10, 23, 10), scale: 1, simulated: false };

function report(id: string) {
  return {
    events: [
      {
        type: 'incident.reported',
        data: {
          id,
          category: 'waste',
          title: 'Rác thải',
          location: { lon: 107.585, lat: 16.465 },
          severity: 'low',
          source: 'hue-s',
        },
      },
    ],
  };
}

/** A store that can be told to fail: storage going away under the loop. */
function fakeStore() {
  const batches: Batch[] = [];
  let failNext = false;
  return {
    batches,
    failNext: () => (failNext = true),
    write(batch: Batch): Promise<void> {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('disk full'));
      }
      batches.push({ ...batch, events: [...batch.events] });
      return Promise.resolve();
    },
  };
}

function setup(seqHigh = 0) {
  const stream = new CityStream(emptyCityState(), 1000, clock, { epoch: 'e1', after: seqHigh });
  const store = fakeStore();
  const sent: StreamEvent[][] = [];
  const loop = new CommitLoop({
    stream,
    store,
    seqHigh,
    broadcast: (events) => sent.push(events),
    takeAudit: () => [],
    forgetAudit: () => undefined,
    cityNow: clock.now,
  });
  return { stream, store, sent, loop };
}

describe('CommitLoop', () => {
  it('answers and sends a change only after the store has it, many changes in one write', async () => {
    const { stream, store, sent, loop } = setup();
    const order: string[] = [];
    const a = loop.change(() => stream.ingest(report('a'))).then(() => order.push('a answered'));
    const b = loop.change(() => stream.ingest(report('b'))).then(() => order.push('b answered'));
    expect(store.batches).toHaveLength(0);
    await Promise.all([a, b]);
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]!.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(sent.map((batch) => batch.map((e) => e.seq))).toEqual([[1, 2]]);
    expect(order).toEqual(['a answered', 'b answered']);
  });

  it('undoes a batch the store refuses: nothing is sent, the seqs and ids are free again', async () => {
    const { stream, store, sent, loop } = setup();
    await loop.change(() => stream.ingest(report('a')));
    store.failNext();
    await expect(loop.change(() => stream.ingest(report('b')))).rejects.toBeInstanceOf(StorageUnavailable);
    expect(stream.seq).toBe(1);
    expect(stream.state.incidents.map((i) => i.id)).toEqual(['a']);
    expect(sent.flat().map((e) => e.seq)).toEqual([1]);
    // The producer's retry is a first report again, at the seq the failed one had.
    const retry = await loop.change(() => stream.ingest(report('b')));
    expect(retry).toEqual({ ok: true, seqs: [2] });
    expect(stream.catchUp(0)).toMatchObject({ mode: 'replay', events: [{ seq: 1 }, { seq: 2 }] });
  });

  it('runs a read after the batch before it is sent, so a catch-up ends where the next broadcast starts', async () => {
    const { stream, sent, loop } = setup();
    const change = loop.change(() => stream.ingest(report('a')));
    const read = loop.read(() => ({
      seq: stream.seq,
      sentSoFar: sent.flat().length,
      pending: stream.hasPending(),
    }));
    await change;
    expect(await read).toEqual({ seq: 1, sentSoFar: 1, pending: false });
  });

  it('reserves seqs in blocks with the batch that passes the last reservation', async () => {
    const { stream, store, loop } = setup(500);
    await loop.change(() => stream.ingest(report('a')));
    await loop.change(() => stream.ingest(report('b')));
    expect(store.batches.map((b) => b.seqHigh)).toEqual([
      502 + SEQ_BLOCK - 1 + 0 * 0 + (501 - 502) + 1,
      undefined,
    ]);
  });
});
