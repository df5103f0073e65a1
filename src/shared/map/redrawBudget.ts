import { Throttle } from '../throttle';

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
 * `minIntervalMs` (the one Throttle), the newest one winning. The clock is injected for tests.
 */
export class RedrawBudget {
  private pending: (() => void) | null = null;
  private readonly throttle: Throttle;

  constructor(minIntervalMs = MAP_DATA_REDRAW_MS, now: () => number = () => performance.now()) {
    this.throttle = new Throttle(
      minIntervalMs,
      () => {
        const next = this.pending;
        this.pending = null;
        next?.();
      },
      now,
    );
  }

  /** Applies `update` now if it is urgent or the interval has passed, else when it has. */
  offer(update: () => void, urgent: boolean): void {
    this.pending = update;
    if (urgent) this.throttle.flush();
    else this.throttle.poke();
  }

  /** Drops an update that has not been applied yet. */
  cancel(): void {
    this.pending = null;
    this.throttle.cancel();
  }
}
