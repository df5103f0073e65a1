// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from './useThrottled';

// React warns about updates outside act() unless it is told it runs under a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Shown({ value, ms }: { value: number; ms: number }) {
  return <span>{useThrottled(value, ms)}</span>;
}

describe('useThrottled', () => {
  let host: HTMLElement;
  let root: Root;
  const show = (value: number, ms = 500) => act(() => root.render(<Shown value={value} ms={ms} />));
  const shown = () => Number(host.textContent);
  const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

  beforeEach(() => {
    vi.useFakeTimers();
    host = document.createElement('div');
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.useRealTimers();
  });

  it('passes the first change after a quiet spell at once, and the changes of an interval as one, the last', () => {
    show(1);
    expect(shown()).toBe(1);
    wait(600);
    show(2);
    expect(shown()).toBe(2);
    wait(100);
    show(3);
    show(4);
    wait(300);
    expect(shown()).toBe(2);
    wait(100);
    expect(shown()).toBe(4);
  });

  it('is not pushed back by a value that keeps changing', () => {
    show(0);
    const passed: number[] = [];
    for (let t = 50; t <= 2000; t += 50) {
      wait(50);
      show(t);
      if (passed.at(-1) !== shown()) passed.push(shown());
    }
    // 0 at mount, then every 500 ms the latest value given before that moment: a new value every 50 ms
    // never moves the deadline.
    expect(passed).toEqual([0, 450, 950, 1450, 1950]);
  });

  it('hands on a pending value when the interval changes', () => {
    show(1, 1000);
    show(2, 1000);
    expect(shown()).toBe(1);
    show(2, 200);
    expect(shown()).toBe(2);
  });

  it('leaves no timer behind when unmounted', () => {
    show(1);
    show(2);
    expect(vi.getTimerCount()).toBe(1);
    act(() => root.unmount());
    expect(vi.getTimerCount()).toBe(0);
    root = createRoot(host);
  });
});
