import type { CityEvent } from '../src/shared/protocol/events';
import { LightStatesBuilder } from '../src/shared/protocol/lightStates';

// Protocol version 2: whatever lamp events a producer call brings (version 1 `light.state` tuples,
// `light.states` batches, or both), the hub commits them as one `light.states`, so a 50,000-lamp
// switch is one event with one seq and leaves the replay log to everything else.

export interface Folded {
  /** the events to commit: at most one `light.states`, where the call's first lamp event was */
  events: CityEvent[];
  /** for each input event, the position of the event that carries it in `events` */
  slots: number[];
}

// One builder, reused (4 bytes a lamp): folding runs synchronously, one call at a time. It is made
// again when the inventory's size changes.
let shared: LightStatesBuilder | null = null;

/**
 * Folds a validated call's lamp events into one `light.states` (the latest state of each lamp wins);
 * every other event keeps its place and order. `lampCount` is the inventory they were validated against.
 */
export function foldLampEvents(events: readonly CityEvent[], lampCount: number): Folded {
  let lampEvents = 0;
  for (const e of events) if (e.type === 'light.state' || e.type === 'light.states') lampEvents++;
  // The common cases cost nothing: no lamps at all, or one batch already (the simulator's tick).
  if (lampEvents === 0 || (lampEvents === 1 && !events.some((e) => e.type === 'light.state'))) {
    return { events: events.slice(), slots: events.map((_, k) => k) };
  }
  if (shared?.lampCount !== lampCount) shared = new LightStatesBuilder(lampCount);
  const builder = shared;
  const out: CityEvent[] = [];
  const slots: number[] = [];
  let batchAt = -1;
  for (const e of events) {
    if (e.type === 'light.state' || e.type === 'light.states') {
      if (batchAt < 0) {
        batchAt = out.length;
        out.push(e); // a place holder, replaced by the batch below
      }
      if (e.type === 'light.state') builder.set(e.data[0], e.data[1], e.data[2]);
      else builder.add(e.data);
      slots.push(batchAt);
    } else {
      slots.push(out.length);
      out.push(e);
    }
  }
  const batch = builder.take();
  if (batch) out[batchAt] = { type: 'light.states', data: batch };
  return { events: out, slots };
}
