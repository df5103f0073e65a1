import { describe, expect, it } from 'vitest';
import { streamFrame } from '../../../tests/support/streamFrames';
import { makeStore } from '../../app/store';
import type { IncidentReported, StreamEvent } from '../../shared/protocol/events';
import { selectWardMeasures } from './wardsSelectors';

const T0 = Date.UTC(2026, 10, 23, 3);
const report = (id: string, ward: string): IncidentReported => ({
  id,
  category: 'flooding',
  title: `Ngập ${id}`,
  location: { lon: 107.59, lat: 16.46 },
  severity: 'low',
  source: 'hue-s',
  reportedAt: new Date(T0).toISOString(),
  ward,
});

const frame = (events: Omit<StreamEvent, 'seq' | 'ts'>[]) => streamFrame(events, T0);

describe('selectWardMeasures', () => {
  it('measures the open incidents of every ward against its population', () => {
    const store = makeStore();
    store.dispatch(
      frame([
        // Phú Xuân (19753) has 130,247 residents, Kim Long (19774) 48,999.
        { type: 'incident.reported', data: report('px1', '19753') },
        { type: 'incident.reported', data: report('px2', '19753') },
        { type: 'incident.reported', data: report('kl1', '19774') },
        { type: 'incident.reported', data: report('done', '19774') },
      ]),
    );
    const at = new Date(T0 + 3_600_000).toISOString();
    store.dispatch(
      frame([{ type: 'incident.updated', data: { id: 'done', status: 'resolved', by: 'x', at } }]),
    );
    const m = selectWardMeasures(store.getState());
    expect(m.size).toBe(40);
    expect(m.get('19753')).toEqual({ open: 2, per10k: 20_000 / 130_247 });
    expect(m.get('19774')).toEqual({ open: 1, per10k: 10_000 / 48_999 });
    expect(m.get('19789')).toEqual({ open: 0, per10k: 0 });
  });

  it('is the same object until an incident changes', () => {
    const store = makeStore();
    store.dispatch(frame([{ type: 'incident.reported', data: report('a', '19753') }]));
    const first = selectWardMeasures(store.getState());
    expect(selectWardMeasures(store.getState())).toBe(first);
    store.dispatch(frame([{ type: 'incident.reported', data: report('b', '19753') }]));
    expect(selectWardMeasures(store.getState()).get('19753')!.open).toBe(2);
  });
});
