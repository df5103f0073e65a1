import { describe, expect, it } from 'vitest';
import { Sequencer } from './sequencer';

const evs = (...seqs: number[]) => seqs.map((seq) => ({ seq }));
const seqsOf = (events: { seq: number }[]) => events.map((e) => e.seq);

describe('Sequencer', () => {
  it('applies contiguous events in order and moves lastSeq on', () => {
    const s = new Sequencer(10);
    const r = s.accept(evs(11, 12, 13));
    expect(seqsOf(r.accepted)).toEqual([11, 12, 13]);
    expect(r).toMatchObject({ duplicates: 0, beyondGap: 0, gap: false });
    expect(s.lastSeq).toBe(13);
    expect(s.awaitingResync).toBe(false);
  });

  it('starts from 0 by default: the first event of a new stream is seq 1', () => {
    const s = new Sequencer();
    expect(seqsOf(s.accept(evs(1, 2)).accepted)).toEqual([1, 2]);
  });

  it('drops and counts duplicates: anything at or below lastSeq, and repeats within a batch', () => {
    const s = new Sequencer(10);
    const r = s.accept(evs(9, 10, 11, 11, 12));
    expect(seqsOf(r.accepted)).toEqual([11, 12]);
    expect(r.duplicates).toBe(3);
    expect(r.gap).toBe(false);
    // The same batch again (a replay overlapping the live stream) changes nothing.
    const again = s.accept(evs(11, 12));
    expect(again.accepted).toEqual([]);
    expect(again.duplicates).toBe(2);
    expect(s.lastSeq).toBe(12);
  });

  it('sorts a batch that arrived out of order, without touching the caller’s array', () => {
    const s = new Sequencer(10);
    const batch = evs(13, 11, 12);
    const r = s.accept(batch);
    expect(seqsOf(r.accepted)).toEqual([11, 12, 13]);
    expect(r.gap).toBe(false);
    expect(seqsOf(batch)).toEqual([13, 11, 12]);
  });

  it('on a gap, applies what comes before it, holds back what lies beyond, and says so once', () => {
    const s = new Sequencer(10);
    const r = s.accept(evs(11, 12, 15, 16));
    expect(seqsOf(r.accepted)).toEqual([11, 12]);
    expect(r).toMatchObject({ beyondGap: 2, gap: true, duplicates: 0 });
    expect(s.lastSeq).toBe(12);
    expect(s.awaitingResync).toBe(true);

    // More live events past the gap while the resync is outstanding: counted, no second resync.
    const more = s.accept(evs(17, 18));
    expect(more).toMatchObject({ accepted: [], beyondGap: 2, gap: false });
    expect(s.lastSeq).toBe(12);
  });

  it('resumes with the replay: the missing events close the gap and everything after follows', () => {
    const s = new Sequencer(10);
    s.accept(evs(11, 14));
    const replay = s.accept(evs(12, 13, 14, 15));
    expect(seqsOf(replay.accepted)).toEqual([12, 13, 14, 15]);
    expect(replay.gap).toBe(false);
    expect(s.awaitingResync).toBe(false);
    expect(s.lastSeq).toBe(15);
  });

  it('reports a later gap again once the first one is closed', () => {
    const s = new Sequencer(10);
    expect(s.accept(evs(12)).gap).toBe(true);
    s.accept(evs(11, 12));
    expect(s.accept(evs(14)).gap).toBe(true);
  });

  it('after clearGap (a resync that got no answer), reports the same gap again so that it is asked again', () => {
    const s = new Sequencer(10);
    expect(s.accept(evs(13)).gap).toBe(true);
    expect(s.accept(evs(14)).gap).toBe(false);
    s.clearGap();
    expect(s.awaitingResync).toBe(false);
    expect(s.accept(evs(15)).gap).toBe(true);
    expect(s.lastSeq).toBe(10);
  });

  it('reset (a snapshot) replaces everything up to its seq and ends a resync', () => {
    const s = new Sequencer(10);
    s.accept(evs(14));
    s.reset(20);
    expect(s.lastSeq).toBe(20);
    expect(s.awaitingResync).toBe(false);
    const r = s.accept(evs(19, 20, 21));
    expect(seqsOf(r.accepted)).toEqual([21]);
    expect(r.duplicates).toBe(2);
  });

  it('reset to a lower seq (a hub that started a new history) follows the new numbering', () => {
    const s = new Sequencer(5000);
    s.reset(3);
    expect(s.lastSeq).toBe(3);
    const r = s.accept(evs(4, 5));
    expect(seqsOf(r.accepted)).toEqual([4, 5]);
    expect(r).toMatchObject({ duplicates: 0, beyondGap: 0, gap: false });
  });

  it('takes an empty batch as nothing', () => {
    const s = new Sequencer(10);
    expect(s.accept([])).toEqual({ accepted: [], duplicates: 0, beyondGap: 0, gap: false });
    expect(s.lastSeq).toBe(10);
  });
});
