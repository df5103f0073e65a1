import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RedrawBudget } from './redrawBudget';

describe('RedrawBudget', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies data updates at most every interval, the newest one winning', () => {
    const budget = new RedrawBudget(250, () => Date.now());
    const applied: string[] = [];
    budget.offer(() => applied.push('a'), false);
    expect(applied).toEqual(['a']);
    vi.advanceTimersByTime(50);
    budget.offer(() => applied.push('b'), false);
    vi.advanceTimersByTime(50);
    budget.offer(() => applied.push('c'), false);
    expect(applied).toEqual(['a']);
    vi.advanceTimersByTime(149);
    expect(applied).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual(['a', 'c']);
    // Quiet since: the next one goes at once once the interval has passed.
    vi.advanceTimersByTime(300);
    budget.offer(() => applied.push('d'), false);
    expect(applied).toEqual(['a', 'c', 'd']);
  });

  it('applies an urgent update at once and drops the data update waiting before it', () => {
    const budget = new RedrawBudget(250, () => Date.now());
    const applied: string[] = [];
    budget.offer(() => applied.push('data 1'), false);
    budget.offer(() => applied.push('data 2'), false);
    budget.offer(() => applied.push('toggle'), true);
    vi.advanceTimersByTime(1000);
    expect(applied).toEqual(['data 1', 'toggle']);
  });

  it('applies nothing after cancel', () => {
    const budget = new RedrawBudget(250, () => Date.now());
    const update = vi.fn();
    budget.offer(update, false);
    budget.offer(update, false);
    budget.cancel();
    vi.advanceTimersByTime(1000);
    expect(update).toHaveBeenCalledTimes(1);
  });
});
