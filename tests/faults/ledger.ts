import type { UnknownAction } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../src/realtime/streamActions';

/**
 * Watches what the realtime pipeline hands the store and proves it exactly-once: every batch it
 * applies must continue exactly where the last one (or the last snapshot) ended, with one event per
 * seq. It reads the actions the page's reducers read, so it checks what was applied, not what arrived.
 *
 * A batch names the seqs of its non-lamp events; lamp updates go to the lamp columns and only count,
 * so a batch is checked by its span (`lastSeq` − the previous lastSeq must equal its `count`) and by
 * the seqs it names (rising, inside the span).
 */
export class ApplyLedger {
  /** seq the page has applied up to, by this ledger's account */
  lastSeq = 0;
  /** events applied, lamp updates included */
  applied = 0;
  snapshots = 0;
  /** breaches of exactly-once seen (the first 100): empty when all is well */
  readonly problems: string[] = [];

  record(action: UnknownAction): void {
    if (snapshotReceived.match(action)) {
      this.snapshots++;
      this.lastSeq = action.payload.seq;
      return;
    }
    if (!eventsReceived.match(action)) return;
    const { lastSeq, count, events } = action.payload;
    const from = this.lastSeq;
    if (count === 0 && lastSeq === from) return;
    if (lastSeq - from !== count) {
      const what = lastSeq - from > count ? 'lost' : 'applied twice';
      this.problem(`batch (${from}, ${lastSeq}] applied ${count} events: ${what}`);
    }
    let prev = from;
    for (const ev of events) {
      if (ev.seq <= prev) this.problem(`seq ${ev.seq} applied after ${prev}`);
      if (ev.seq > lastSeq) this.problem(`seq ${ev.seq} beyond its batch's lastSeq ${lastSeq}`);
      prev = Math.max(prev, ev.seq);
    }
    this.applied += count;
    this.lastSeq = lastSeq;
  }

  private problem(text: string): void {
    if (this.problems.length < 100) this.problems.push(text);
  }
}
