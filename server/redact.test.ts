import { describe, expect, it } from 'vitest';
import { alert, report, smallCity, stamp } from './fixtures';
import { redactEvent, redactEvents, redactState } from './redact';
import { applyEvents } from './state';

describe('redaction for guests', () => {
  it('removes the reporter from incident.reported and keeps the rest', () => {
    const event = stamp({ type: 'incident.reported', data: report('i1') });
    const out = redactEvent(event);
    expect(out.data).not.toHaveProperty('reporter');
    expect(out).toMatchObject({
      seq: event.seq,
      ts: event.ts,
      type: 'incident.reported',
      data: { id: 'i1', title: 'Rác thải i1' },
    });
    expect(event.data).toHaveProperty('reporter');
  });

  it('removes face-match identity and plate text from alerts', () => {
    const face = redactEvent(stamp({ type: 'camera.alert', data: alert('a1') }));
    const plate = redactEvent(
      stamp({
        type: 'camera.alert',
        data: alert('a2', { kind: 'plate-hit', subject: undefined, plate: '75A-999.99' }),
      }),
    );
    expect(face.data).not.toHaveProperty('subject');
    expect(plate.data).not.toHaveProperty('plate');
    expect(plate.data).not.toHaveProperty('subject');
    expect(face.data).toMatchObject({ id: 'a1', kind: 'face-match', confidence: 0.9 });
  });

  it('passes events without personal data through by reference', () => {
    const light = stamp({ type: 'light.states', data: { i: [1, 4], s: [1, 2], l: [100, 50] } });
    const crowd = stamp({ type: 'camera.alert', data: alert('a3', { kind: 'crowd', subject: undefined }) });
    const { subject: _s, ...bare } = alert('a4', { kind: 'crowd' });
    const clean = stamp({ type: 'camera.alert', data: bare });
    expect(redactEvent(light)).toBe(light);
    expect(redactEvent(clean)).toBe(clean);
    expect(JSON.stringify(redactEvent(crowd))).not.toContain('subject');
    expect(redactEvents([light, clean])).toEqual([light, clean]);
  });

  it('redacts a whole state: incidents and alerts, nothing personal left anywhere', () => {
    const state = applyEvents(smallCity(), [
      stamp({ type: 'incident.reported', data: report('i1') }),
      stamp({ type: 'camera.alert', data: alert('a1') }),
      stamp({ type: 'camera.alert', data: alert('a2', { kind: 'plate-hit', plate: '75A-999.99' }) }),
    ]);
    const out = redactState(state);
    const json = JSON.stringify(out);
    for (const secret of ['Lê Văn C', '0914000000', 'Phạm Văn D', '75A-999.99'])
      expect(json).not.toContain(secret);
    expect(out.incidents).toHaveLength(1);
    expect(out.alerts).toHaveLength(2);
    expect(out.lamps).toBe(state.lamps);
    expect(JSON.stringify(state)).toContain('Lê Văn C');
  });
});
