import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './rateLimit';

// The clock is the test's own: no waiting, no timing.

describe('TokenBucket', () => {
  it('lets a burst through, then the rate, and says how long to wait', () => {
    const bucket = new TokenBucket({ perSec: 10, burst: 5 }, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(1, 0)).toBe(0);
    expect(bucket.take(1, 0)).toBe(100);
    // A refused take costs nothing: after the wait it passes.
    expect(bucket.take(1, 99)).toBe(1);
    expect(bucket.take(1, 100)).toBe(0);
    expect(bucket.take(1, 100)).toBe(100);
    // A quiet spell fills it up to the burst, never beyond.
    expect(bucket.take(5, 60_000)).toBe(0);
    expect(bucket.take(1, 60_000)).toBe(100);
  });

  it('charges costs, and a cost above the burst as the burst', () => {
    const bucket = new TokenBucket({ perSec: 1000, burst: 3000 }, 0);
    expect(bucket.take(2500, 0)).toBe(0);
    expect(bucket.take(1000, 0)).toBe(500);
    // The largest request passes on a full bucket rather than never.
    expect(bucket.take(1_000_000, 3000)).toBe(0);
    expect(bucket.take(1, 3000)).toBe(1);
  });

  it('adds nothing when the clock steps back, and a rate of 0 is no limit', () => {
    const bucket = new TokenBucket({ perSec: 1, burst: 1 }, 1000);
    expect(bucket.take(1, 1000)).toBe(0);
    expect(bucket.take(1, 500)).toBe(1000);
    expect(bucket.take(1, 1000)).toBe(1000);
    const off = new TokenBucket({ perSec: 0, burst: 0 }, 0);
    for (let i = 0; i < 1000; i++) expect(off.take(10_000, 0)).toBe(0);
  });
});

describe('RateLimiter', () => {
  it('keeps one bucket per key', () => {
    let now = 0;
    const limiter = new RateLimiter<string>({ perSec: 2, burst: 2 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 500]);
    expect(limiter.take('b')).toBe(0);
    now = 500;
    expect(limiter.take('a')).toBe(0);
    limiter.forget('a');
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
  });

  it('forgets the oldest key past maxKeys', () => {
    const limiter = new RateLimiter<number>({ perSec: 1, burst: 1 }, () => 0, 3);
    for (const k of [1, 2, 3]) expect(limiter.take(k)).toBe(0);
    expect(limiter.take(1)).toBeGreaterThan(0);
    limiter.take(4); // 1 is the oldest bucket: forgotten, so it starts full again
    expect(limiter.take(1)).toBe(0);
  });
});
