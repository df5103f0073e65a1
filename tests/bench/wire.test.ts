import { describe, expect, it } from 'vitest';
import { isEventsFrame, lampUpdatesOf } from './wire';

describe('lampUpdatesOf', () => {
  it('counts a tuple as one update and a batch by its lamps', () => {
    expect(lampUpdatesOf({ type: 'light.state', data: [3, 1, 100] })).toBe(1);
    expect(lampUpdatesOf({ type: 'light.states', data: { i: [1, 2, 3], s: [1, 1, 1], l: [0, 0, 0] } })).toBe(
      3,
    );
    expect(lampUpdatesOf({ type: 'incident.reported', data: {} })).toBe(0);
  });

  it('counts nothing for what is not a lamp event', () => {
    expect(lampUpdatesOf(null)).toBe(0);
    expect(lampUpdatesOf({ type: 'light.states', data: null })).toBe(0);
    expect(lampUpdatesOf({ type: 'light.states', data: { i: 'x' } })).toBe(0);
  });
});

describe('isEventsFrame', () => {
  it('knows an events message from the other socket.io packets', () => {
    expect(isEventsFrame('2["events",{"events":[]}]')).toBe(true);
    expect(isEventsFrame('2["snapshot",{}]')).toBe(false);
    expect(isEventsFrame('0{"sid":"x"}')).toBe(false);
    expect(isEventsFrame(new Uint8Array(3))).toBe(false);
  });
});
