import { describe, expect, it } from 'vitest';
import type { Incident, IncidentCommand } from './events';
import { applyIncidentUpdate, canApply, incidentFromReport, isAcknowledged, transition } from './incident';

const AT = '2026-11-23T03:00:00.000Z';
const fresh = (): Incident =>
  incidentFromReport(
    {
      id: 'i1',
      category: 'waste',
      title: 't',
      location: { lon: 107.58, lat: 16.46 },
      severity: 'high',
      source: 'hue-s',
      reportedAt: AT,
    },
    0,
  );
const cmd = <T extends IncidentCommand['type']>(type: T, data: object): IncidentCommand =>
  ({ id: `c-${type}`, type, data: { incidentId: 'i1', ...data } }) as IncidentCommand;

/** Runs commands in order, applying each accepted one; returns the errors of refused ones. */
function play(inc: Incident, ...cmds: IncidentCommand[]): (string | null)[] {
  return cmds.map((c) => {
    const r = transition(inc, c, 'Nguyễn Văn An', AT);
    if (r.ok) applyIncidentUpdate(inc, r.update);
    return r.ok ? null : r.error;
  });
}

describe('the incident status machine', () => {
  it('walks received → acknowledged → assigned → in progress → resolved', () => {
    const inc = fresh();
    expect(isAcknowledged(inc)).toBe(false);
    const errors = play(
      inc,
      cmd('incident.acknowledge', {}),
      cmd('incident.assign', { department: 'water' }),
      cmd('incident.start', {}),
      cmd('incident.resolve', { note: 'Đã thu gom' }),
    );
    expect(errors).toEqual([null, null, null, null]);
    expect(inc).toMatchObject({ status: 'resolved', department: 'water', acknowledgedBy: 'Nguyễn Văn An' });
    expect(inc.history.map((h) => h.status)).toEqual([
      'received',
      'received',
      'assigned',
      'in_progress',
      'resolved',
    ]);
    expect(inc.history.at(-1)).toMatchObject({
      by: 'Nguyễn Văn An',
      note: 'Đã thu gom',
      commandId: 'c-incident.resolve',
    });
  });

  it('names the transition it refuses', () => {
    const inc = fresh();
    expect(play(inc, cmd('incident.resolve', { note: 'x' }))).toEqual([
      'illegal transition: incident.resolve from received',
    ]);
    expect(play(inc, cmd('incident.start', {}))).toEqual([
      'illegal transition: incident.start from received',
    ]);
    play(inc, cmd('incident.acknowledge', {}));
    expect(play(inc, cmd('incident.acknowledge', {}))).toEqual([
      'illegal transition: incident.acknowledge already acknowledged',
    ]);
  });

  it('ends at a rejection: nothing moves a rejected report', () => {
    const inc = fresh();
    expect(play(inc, cmd('incident.reject', { reason: 'trùng' }))).toEqual([null]);
    for (const type of [
      'incident.acknowledge',
      'incident.assign',
      'incident.start',
      'incident.resolve',
      'incident.reject',
    ] as const) {
      expect(canApply(type, inc)).toBe(false);
    }
  });

  it('lets an assigned report be reassigned or rejected, but not resolved before work starts', () => {
    const inc = fresh();
    play(inc, cmd('incident.assign', { department: 'water' }));
    expect(isAcknowledged(inc)).toBe(true);
    expect(canApply('incident.assign', inc)).toBe(true);
    expect(canApply('incident.reject', inc)).toBe(true);
    expect(canApply('incident.resolve', inc)).toBe(false);
  });
});
