import { describe, expect, it } from 'vitest';
import { lightStatesProblem } from '../../src/shared/protocol/lightStates';
import { benchIncidentId, dueNow, lightBatch, nextTickAt, seededRandom, sendTimeOf } from './load';

const plan = { eventsPerSec: 5000, incidentsPerSec: 10, lamps: 20_000 };

describe('dueNow', () => {
  it('spreads one second of load over its ticks without losing events to rounding', () => {
    const sent = { lights: 0, incidents: 0 };
    for (let t = 50; t <= 1000; t += 50) {
      const due = dueNow(plan, t, sent, 10_000);
      sent.lights += due.lights;
      sent.incidents += due.incidents;
    }
    expect(sent).toEqual({ lights: 4990, incidents: 10 });
  });

  it('catches up after a late tick instead of drifting below the rate', () => {
    const sent = { lights: 2495, incidents: 5 }; // on time at 500 ms
    expect(dueNow(plan, 800, sent, 10_000)).toEqual({ lights: 1497, incidents: 3 });
  });

  it('caps one batch and keeps the rest due', () => {
    const due = dueNow(plan, 2000, { lights: 0, incidents: 0 }, 1000);
    expect(due.incidents + due.lights).toBe(1000);
    expect(dueNow(plan, 2000, { lights: due.lights, incidents: due.incidents }, 20_000).lights).toBe(
      9980 - due.lights,
    );
  });
});

describe('nextTickAt', () => {
  it('stays on the start + k·interval grid and skips missed ticks', () => {
    expect(nextTickAt(1000, 50, 1000)).toBe(1050);
    expect(nextTickAt(1000, 50, 1049)).toBe(1050);
    expect(nextTickAt(1000, 50, 1050)).toBe(1100);
    expect(nextTickAt(1000, 50, 1237)).toBe(1250);
  });
});

describe('events', () => {
  it('are one light.states of as many different lamps as due, reproducible from the seed', () => {
    const a = lightBatch(seededRandom(7), 500, 20_000);
    expect(a).toEqual(lightBatch(seededRandom(7), 500, 20_000));
    expect(a).toHaveLength(1);
    const [e] = a;
    if (e?.type !== 'light.states') throw new Error(`expected light.states, got ${e?.type}`);
    expect(e.data.i).toHaveLength(500);
    // valid as the hub checks it: lamps in range and each once, states and levels in range
    expect(lightStatesProblem(e.data, 20_000)).toBeNull();
  });

  it('name every lamp at most once, even when more updates are due than there are lamps', () => {
    const [e] = lightBatch(seededRandom(3), 50, 40);
    expect(e?.type === 'light.states' && new Set(e.data.i).size).toBe(40);
    expect(lightBatch(seededRandom(3), 0, 40)).toEqual([]);
  });

  it('carry the send time in the incident id', () => {
    expect(sendTimeOf(benchIncidentId(1_700_000_000_123, 42))).toBe(1_700_000_000_123);
    expect(sendTimeOf('sim-123')).toBeUndefined();
  });
});
