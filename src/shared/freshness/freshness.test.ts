import { describe, expect, it } from 'vitest';
import { ageParts, freshness, FRESHNESS_THRESHOLDS, latest, realTimeOf, worstOf } from './freshness';

const T0 = Date.UTC(2026, 10, 23, 10, 0);

describe('freshness', () => {
  it('grades lamps good under 30 s, uncertain from 30 s, bad from 5 min', () => {
    expect(freshness('lamps', T0, T0 + 29_999)).toEqual({ ageMs: 29_999, quality: 'good', stale: false });
    expect(freshness('lamps', T0, T0 + 30_000)).toEqual({ ageMs: 30_000, quality: 'uncertain', stale: true });
    expect(freshness('lamps', T0, T0 + 300_000).quality).toBe('bad');
  });

  it('judges reports and camera alerts by their systems as the hub does (late at a minute)', () => {
    expect(freshness('incidents', T0, T0 + 59_000).quality).toBe('good');
    expect(freshness('incidents', T0, T0 + 60_000).quality).toBe('uncertain');
    expect(freshness('cameras', T0, T0 + 5 * 60_000).quality).toBe('bad');
  });

  it('keeps a monthly indicator good for weeks and a daily one for a day', () => {
    const day = 86_400_000;
    expect(freshness('kpi-month', T0, T0 + 30 * day).quality).toBe('good');
    expect(freshness('kpi-month', T0, T0 + 50 * day).quality).toBe('uncertain');
    expect(freshness('kpi-day', T0, T0 + 2 * day).quality).toBe('uncertain');
  });

  it('calls data never received bad, with no age', () => {
    expect(freshness('systems', null, T0)).toEqual({ ageMs: null, quality: 'bad', stale: true });
  });

  it('takes thresholds of its own (a test, another city)', () => {
    const quick = { ...FRESHNESS_THRESHOLDS, lamps: { staleAfterMs: 1000, badAfterMs: 2000 } };
    expect(freshness('lamps', T0, T0 + 1500, quick).quality).toBe('uncertain');
  });

  it('does not make an age negative when the clock steps back', () => {
    expect(freshness('lamps', T0, T0 - 500).ageMs).toBe(0);
  });
});

describe('worstOf', () => {
  it('takes the worst quality, then the oldest data, and calls nothing bad', () => {
    const good = freshness('lamps', T0, T0 + 1000);
    const older = freshness('lamps', T0, T0 + 40_000);
    const old = freshness('lamps', T0, T0 + 35_000);
    expect(worstOf([good, old, older])).toBe(older);
    expect(worstOf([good, freshness('lamps', null, T0)]).quality).toBe('bad');
    expect(worstOf([]).quality).toBe('bad');
  });
});

describe('time', () => {
  it('turns a city time into real time at the clock scale', () => {
    // At ×720, six city minutes are half a real second.
    expect(realTimeOf(T0 - 360_000, T0, 1_000_000, 720)).toBe(999_500);
    expect(realTimeOf(T0 - 5000, T0, 1_000_000, 1)).toBe(995_000);
  });

  it('takes the later of two times, either unknown', () => {
    expect(latest(null, undefined)).toBeNull();
    expect(latest(5, null)).toBe(5);
    expect(latest(5, 7)).toBe(7);
  });

  it('says an age in its largest whole unit', () => {
    expect(ageParts(59_999)).toEqual({ n: 59, unit: 's' });
    expect(ageParts(60_000)).toEqual({ n: 1, unit: 'min' });
    expect(ageParts(3 * 3_600_000 + 5)).toEqual({ n: 3, unit: 'h' });
    expect(ageParts(2 * 86_400_000)).toEqual({ n: 2, unit: 'd' });
  });
});
