import { useEffect, useRef, useState } from 'react';
import { Throttle } from '../throttle';

/**
 * The latest `value`, passed on at most once per `ms`: the first change after a quiet spell at once,
 * the changes within an interval as one, at its end, with the last of them. The deadline is kept from
 * the last pass (Throttle), so a value that changes every frame still arrives every `ms`.
 *
 * For work that follows a fast-changing input (recounting lamps on every stream flush): throttle the
 * input, then derive from what this returns.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const throttle = useRef<Throttle | null>(null);
  useEffect(() => {
    const t = new Throttle(ms, () => setShown(latest.current));
    throttle.current = t;
    return () => t.cancel();
  }, [ms]);
  // `ms` too: a new Throttle drops what the old one had pending, and this poke hands it on.
  useEffect(() => {
    latest.current = value;
    throttle.current?.poke();
  }, [value, ms]);
  return shown;
}
