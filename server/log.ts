import type { StreamEvent } from '../src/shared/protocol/events';

/**
 * The hub's replay log: the last `capacity` events in seq order, in a ring so that appending never
 * copies. Seqs are contiguous, so an event's slot follows from its seq alone.
 */
export class EventLog {
  private readonly ring: (StreamEvent | undefined)[];
  private size = 0;
  /** seq of the newest event held; 0 before the first */
  private last = 0;

  /** `startAfter`: the seq the log begins after; a client behind it cannot be caught up from this log. */
  constructor(
    readonly capacity: number,
    startAfter = 0,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`log size must be a positive integer`);
    this.ring = new Array<StreamEvent | undefined>(capacity);
    this.last = startAfter;
  }

  /** Appends the next event; its seq must be exactly one above the last. */
  push(event: StreamEvent): void {
    if (event.seq !== this.last + 1) {
      throw new Error(`log: seq ${event.seq} does not follow ${this.last}`);
    }
    this.ring[event.seq % this.capacity] = event;
    this.last = event.seq;
    if (this.size < this.capacity) this.size++;
  }

  /** Forgets the events after `seq` (a batch that could not be stored). */
  truncate(seq: number): void {
    if (seq >= this.last) return;
    const dropped = this.last - Math.max(seq, this.firstSeq - 1);
    for (let s = seq + 1; s <= this.last; s++) this.ring[s % this.capacity] = undefined;
    this.size -= Math.min(dropped, this.size);
    this.last = seq;
  }

  /** seq of the oldest event held (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return this.last - this.size + 1;
  }

  get lastSeq(): number {
    return this.last;
  }

  /**
   * Whether a client that has applied everything up to `seq` can catch up from the log alone:
   * every event after it is still held, and it is not ahead of the hub (a hub restarted since).
   */
  holdsAfter(seq: number): boolean {
    return Number.isInteger(seq) && seq >= this.firstSeq - 1 && seq <= this.last;
  }

  /** Events with seq > `after`, oldest first, at most `limit` of them, never past `upTo`. */
  after(after: number, limit = Infinity, upTo = this.last): StreamEvent[] {
    const from = Math.max(after + 1, this.firstSeq);
    const to = Math.min(upTo, this.last, from + limit - 1);
    const out: StreamEvent[] = [];
    for (let seq = from; seq <= to; seq++) {
      const event = this.ring[seq % this.capacity];
      if (event) out.push(event);
    }
    return out;
  }
}
