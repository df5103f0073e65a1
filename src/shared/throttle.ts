/**
 * Runs `work` at most once per `ms`, after a poke: the first poke after a quiet spell runs at once, a
 * poke within `ms` of the last run is served when the interval is up (one run for all of them). The
 * deadline is kept from the last run, so a steady stream of pokes cannot push the work back for ever.
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ms: number,
    private readonly work: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  poke(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.ms - this.now();
    if (wait <= 0) this.run();
    else this.timer = setTimeout(() => this.run(), wait);
  }

  /** Runs now, whatever the interval, and drops a pending run: the interval starts again from here. */
  flush(): void {
    this.cancel();
    this.run();
  }

  /** Drops a pending run (the owner is going away). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    this.last = this.now();
    this.work();
  }
}
