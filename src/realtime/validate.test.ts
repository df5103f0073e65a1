import { describe, expect, it } from 'vitest';
import { parseEnvelope, validateEvent } from './validate';

const env = (type: string, data: unknown) => ({ seq: 5, type, ts: 1_795_428_000_000, data });

describe('validateEvent: lamp batches', () => {
  it('passes a good light.states through as it came', () => {
    const data = { i: [0, 7], s: [1, 2], l: [100, 40] };
    const v = validateEvent(env('light.states', data), 8);
    expect(v).toEqual({ ok: true, event: { seq: 5, ts: 1_795_428_000_000, type: 'light.states', data } });
  });

  it('drops a batch as invalid data for any bad column or entry', () => {
    const bad = [
      { i: [0, 1], s: [1, 1], l: [100] }, // unequal length
      { i: [0, 8], s: [1, 1], l: [100, 100] }, // index out of range
      { i: [0, -1], s: [1, 1], l: [100, 100] },
      { i: [0, 1], s: [1, 1], l: [100, Number.NaN] }, // NaN level
      { i: [0, 1], s: [1, 1], l: [100, null] }, // NaN as JSON writes it
      { i: [3, 3], s: [1, 2], l: [100, 50] }, // duplicate index
      { i: [0], s: [7], l: [100] }, // unknown state code
      { i: [], s: [], l: [] },
      [[0, 1, 100]],
      null,
    ];
    for (const data of bad) {
      expect(validateEvent(env('light.states', data), 8), JSON.stringify(data)).toEqual({
        ok: false,
        reason: 'invalid-data',
      });
    }
  });

  it('takes a version 1 light.state as a batch of one, and drops a bad one', () => {
    expect(validateEvent(env('light.state', [7, 3, 0]), 8)).toEqual({
      ok: true,
      event: { seq: 5, ts: 1_795_428_000_000, type: 'light.states', data: { i: [7], s: [3], l: [0] } },
    });
    expect(validateEvent(env('light.state', [8, 3, 0]), 8)).toEqual({ ok: false, reason: 'invalid-data' });
  });

  it('still tells unknown types from bad data', () => {
    expect(validateEvent(env('light.flicker', {}), 8)).toEqual({ ok: false, reason: 'unknown-type' });
  });
});

describe('parseEnvelope', () => {
  it('refuses an envelope without a usable seq, type or ts', () => {
    expect(parseEnvelope(env('light.states', {}))).not.toBeNull();
    expect(parseEnvelope({ ...env('light.states', {}), seq: 0 })).toBeNull();
    expect(parseEnvelope({ ...env('light.states', {}), ts: Number.NaN })).toBeNull();
    expect(parseEnvelope([5, 'light.states'])).toBeNull();
  });
});
