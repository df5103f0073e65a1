import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/shared/protocol/events';
import { forBriefing, viewOf } from './views';

describe('a socket’s view', () => {
  it('is the briefing’s only when asked for by name', () => {
    expect(viewOf('briefing')).toBe('briefing');
    for (const other of [undefined, 'city', 'BRIEFING', 1, {}]) expect(viewOf(other)).toBe('city');
  });

  it('keeps a briefing’s indicators and elides the rest under the same seq and time', () => {
    const events = [
      { seq: 7, ts: 70, type: 'light.states', data: { i: [1], s: [1], l: [100] } },
      {
        seq: 8,
        ts: 80,
        type: 'kpi.updated',
        data: { id: 'grdp-growth', value: 8.4, unit: 'growth-percent', at: 'x' },
      },
    ] as unknown as StreamEvent[];
    expect(forBriefing(events)).toEqual([
      { seq: 7, ts: 70, type: 'stream.elided', data: { type: 'light.states' } },
      events[1],
    ]);
  });
});
