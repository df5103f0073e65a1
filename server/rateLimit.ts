// Token buckets: how the hub keeps one producer or one socket from taking more than its share.
// Pure: every call is given the time, so tests drive a clock of their own instead of waiting.

/** A rate and the burst allowed on top of it; a rate of 0 means no limit. */
export interface Rate {
  /** tokens added per second, sustained */
  perSec: number;
  /** the bucket's size: how much may be taken at once after a quiet spell */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  /**
   * Takes `cost` tokens when the bucket holds them and answers 0; else takes nothing and answers
   * how many ms until it will hold them. A cost above the burst is charged as the burst, so that
   * the largest allowed request still passes on a full bucket rather than never.
   */
  take(cost: number, now: number): number {
    if (this.rate.perSec <= 0) return 0;
    this.refill(now);
    const need = Math.min(cost, this.rate.burst);
    if (this.tokens >= need) {
      this.tokens -= need;
      return 0;
    }
    // The epsilon keeps float dust (1 - 0.99 = 0.0100000000000000089) from adding a millisecond.
    return Math.ceil(((need - this.tokens) / this.rate.perSec) * 1000 - 1e-9);
  }

  private refill(now: number): void {
    // A clock that steps back (an adjusted wall clock) adds nothing, and the time it steps back
    // over is not counted twice when it moves on again.
    if (now <= this.at) return;
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.at) / 1000) * this.rate.perSec);
    this.at = now;
  }
}

/**
 * One bucket per key (a producer's identity, a socket), made on first use. Keys are only ever
 * authenticated callers, so the map stays as small as the token list; `maxKeys` bounds it anyway,
 * forgetting the oldest key (whose bucket would be full again by then).
 */
export class RateLimiter<K> {
  private readonly buckets = new Map<K, TokenBucket>();

  constructor(
    readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = 10_000,
  ) {}

  /** 0 when `cost` may go now, else the ms to wait before asking again. */
  take(key: K, cost = 1): number {
    if (this.rate.perSec <= 0) return 0;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, now);
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.maxKeys) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
    }
    return bucket.take(cost, now);
  }

  forget(key: K): void {
    this.buckets.delete(key);
  }
}
