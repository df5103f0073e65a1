// The simulator's agenda: future happenings ordered by time, ties broken by insertion order. Because
// randomness is drawn only while a happening runs, the stream does not depend on how advance() is
// sliced: advance(1000) twice gives the same events as advance(2000) once.

interface Entry {
  t: number;
  seq: number;
  run: () => void;
}

export class Agenda {
  private heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  at(t: number, run: () => void): void {
    const entry = { t, seq: this.seq++, run };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = entry;
  }

  /** Time of the next happening, or Infinity. */
  peek(): number {
    return this.heap[0]?.t ?? Infinity;
  }

  /** Runs every happening due at or before `until`, in order; returns the time of each as it runs. */
  runUntil(until: number, onTime: (t: number) => void): void {
    while (this.heap.length > 0 && this.heap[0]!.t <= until) {
      const entry = this.pop();
      onTime(entry.t);
      entry.run();
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < h.length && before(h[l]!, best)) {
          m = l;
          best = h[l]!;
        }
        if (r < h.length && before(h[r]!, best)) m = r;
        if (m === i) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
