/**
 * How often live data may redraw the map: twice a second. Every redraw draws every layer, the 50,000
 * lamps included; on a wall fed ten reports and ten thousand lamp updates a second, drawing on each
 * change kept a software-rendered map busy without end, for changes nobody across the room sees faster
 * than this. Four redraws a second still took about 10 ms of every map frame in the benchmark, two
 * took under 4 ms (docs/benchmarks.md). What a person does (a toggle, a zoom, an animation they watch) is not
 * held back.
 */
export const MAP_DATA_REDRAW_MS = 500;

/**
 * Coalesces the map's layer updates: an urgent one applies at once, others at most every
 * `minIntervalMs`, the newest one winning. Timers are injected so that tests can drive the clock.
 */
export class RedrawBudget {
  private lastAt = -Infinity;
  private pending: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly minIntervalMs = MAP_DATA_REDRAW_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Applies `update` now if it is urgent or the interval has passed, else when it has. */
  offer(update: () => void, urgent: boolean): void {
    const wait = this.lastAt + this.minIntervalMs - this.now();
    if (urgent || wait <= 0) {
      this.cancel();
      this.run(update);
      return;
    }
    this.pending = update;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const next = this.pending;
      this.pending = null;
      if (next) this.run(next);
    }, wait);
  }

  /** Drops an update that has not been applied yet. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private run(update: () => void): void {
    this.lastAt = this.now();
    update();
  }
}
