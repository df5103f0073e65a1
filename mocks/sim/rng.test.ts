import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from './rng';

describe('Rng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniformly in [0, 1) and exponentials with the asked mean', () => {
    const rng = new Rng(1);
    let sum = 0;
    let expSum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
      expSum += rng.exp(5);
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(expSum / n).toBeGreaterThan(4.8);
    expect(expSum / n).toBeLessThan(5.2);
  });

  it('derives distinct stream seeds', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 10; s++) for (let k = 0; k < 10; k++) seeds.add(deriveSeed(s, k));
    expect(seeds.size).toBe(100);
  });
});
