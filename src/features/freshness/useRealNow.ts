import { useSyncExternalStore } from 'react';

/**
 * Real time (epoch ms), ticking once a second for every badge of the page on one timer: ages on a
 * wall are read in seconds, and a dozen timers would wake the page a dozen times.
 */
const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useRealNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}
