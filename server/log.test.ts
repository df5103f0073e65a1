import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/shared/protocol/events';
import { EventLog } from './log';

const ev = (seq: number): StreamEvent => ({ seq, ts: seq, type: 'light.state', data: [0, 1, 100] });

function filled(capacity: number, upTo: number): EventLog {
  const log = new EventLog(capacity);
  for (let s = 1; s <= upTo; s++) log.push(ev(s));
  return log;
}

describe('EventLog', () => {
  it('holds everything until full, then the newest `capacity` events', () => {
    const log = filled(5, 3);
    expect([log.firstSeq, log.lastSeq]).toEqual([1, 3]);
    expect(log.after(0).map((e) => e.seq)).toEqual([1, 2, 3]);
    for (let s = 4; s <= 12; s++) log.push(ev(s));
    expect([log.firstSeq, log.lastSeq]).toEqual([8, 12]);
    expect(log.after(0).map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
  });

  it('knows whether it can replay everything after a seq', () => {
    const log = filled(5, 12);
    expect(log.holdsAfter(7)).toBe(true);
    expect(log.holdsAfter(12)).toBe(true);
    expect(log.holdsAfter(6)).toBe(false);
    expect(log.holdsAfter(13)).toBe(false);
    expect(log.holdsAfter(7.5)).toBe(false);
    expect(new EventLog(3).holdsAfter(0)).toBe(true);
  });

  it('pages with a limit and an upper bound', () => {
    const log = filled(100, 20);
    expect(log.after(5, 3).map((e) => e.seq)).toEqual([6, 7, 8]);
    expect(log.after(5, 100, 9).map((e) => e.seq)).toEqual([6, 7, 8, 9]);
    expect(log.after(20)).toEqual([]);
  });

  it('refuses a seq that does not follow the last one', () => {
    const log = filled(5, 2);
    expect(() => log.push(ev(4))).toThrow(/does not follow/);
    expect(() => log.push(ev(2))).toThrow(/does not follow/);
    expect(() => new EventLog(0)).toThrow();
  });
});
