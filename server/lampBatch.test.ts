import { describe, expect, it } from 'vitest';
import type { CityEvent } from '../src/shared/protocol/events';
import { report } from './fixtures';
import { foldLampEvents } from './lampBatch';

const tuple = (i: number, s = 1, l = 100): CityEvent => ({ type: 'light.state', data: [i, s, l] });
const reported = (id: string): CityEvent => ({ type: 'incident.reported', data: report(id) });

describe('foldLampEvents', () => {
  it('leaves a call without lamps, or with one batch already, as it is', () => {
    const events = [reported('a'), reported('b')];
    expect(foldLampEvents(events, 4)).toEqual({ events, slots: [0, 1] });
    const batch: CityEvent = { type: 'light.states', data: { i: [1], s: [1], l: [100] } };
    expect(foldLampEvents([reported('a'), batch], 4).events[1]).toBe(batch);
  });

  it('turns a lone version 1 tuple into a batch of one', () => {
    expect(foldLampEvents([tuple(2, 3, 0)], 4)).toEqual({
      events: [{ type: 'light.states', data: { i: [2], s: [3], l: [0] } }],
      slots: [0],
    });
  });

  it('puts the one batch where the first lamp event was and points every lamp event at it', () => {
    const folded = foldLampEvents([reported('a'), tuple(3), reported('b'), tuple(3, 2, 50), tuple(0)], 4);
    expect(folded.events.map((e) => e.type)).toEqual([
      'incident.reported',
      'light.states',
      'incident.reported',
    ]);
    expect(folded.events[1]!.data).toEqual({ i: [3, 0], s: [2, 1], l: [50, 100] });
    expect(folded.slots).toEqual([0, 1, 2, 1, 1]);
  });

  it('follows the inventory when its size changes (a hub given its lamps after it started)', () => {
    foldLampEvents([tuple(1), tuple(2)], 4);
    const folded = foldLampEvents([tuple(9), tuple(2)], 10);
    expect(folded.events).toEqual([{ type: 'light.states', data: { i: [9, 2], s: [1, 1], l: [100, 100] } }]);
    // and back: nothing of the larger inventory's call stays behind
    expect(foldLampEvents([tuple(0), tuple(3)], 4).events[0]!.data).toEqual({
      i: [0, 3],
      s: [1, 1],
      l: [100, 100],
    });
  });
});
