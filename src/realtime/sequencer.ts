/**
 * Keeps the stream exactly-once and in order. It works on envelopes, before the data is validated:
 * an event with bad data still used up its seq, and treating it as missing would resync forever. The hub's seq rises by exactly 1, so anything at or
 * below `lastSeq` is a duplicate, and anything beyond `lastSeq + 1` means we missed events: the caller
 * must resync (replay from the hub's log, or a snapshot) before applying more.
 */
export class Sequencer {
  private last: number;
  /** Set while a resync is outstanding: events past the gap wait for the replay instead. */
  private gapAt: number | null = null;

  constructor(lastSeq = 0) {
    this.last = lastSeq;
  }

  get lastSeq(): number {
    return this.last;
  }

  get awaitingResync(): boolean {
    return this.gapAt !== null;
  }

  /** A snapshot replaces everything up to its seq. */
  reset(seq: number): void {
    this.last = seq;
    this.gapAt = null;
  }

  /**
   * Sorts a batch (events may arrive out of order within it), applies what is contiguous, and says
   * whether a gap was seen. Events beyond a gap are dropped: the replay will bring them again.
   */
  accept<T extends { seq: number }>(
    events: T[],
  ): { accepted: T[]; duplicates: number; beyondGap: number; gap: boolean } {
    const sorted = isSorted(events) ? events : [...events].sort((a, b) => a.seq - b.seq);
    const accepted: T[] = [];
    let duplicates = 0;
    let beyondGap = 0;
    let gap = false;
    for (const ev of sorted) {
      if (ev.seq <= this.last) {
        duplicates++;
      } else if (ev.seq === this.last + 1) {
        accepted.push(ev);
        this.last = ev.seq;
        this.gapAt = null;
      } else {
        beyondGap++;
        if (this.gapAt === null) {
          this.gapAt = this.last;
          gap = true;
        }
      }
    }
    return { accepted, duplicates, beyondGap, gap };
  }

  /** A resync request that got no answer may be retried. */
  clearGap(): void {
    this.gapAt = null;
  }
}

function isSorted(events: { seq: number }[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.seq < events[i - 1]!.seq) return false;
  return true;
}
