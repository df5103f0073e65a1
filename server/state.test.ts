import { describe, expect, it } from 'vitest';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../src/shared/protocol/codes';
import { AT, alert, report, smallCity, stamp } from './fixtures';
import { HISTORY_LIMIT } from '../src/shared/protocol/incident';
import type { CityState, StreamEvent } from '../src/shared/protocol/events';
import { applyEvents, hubState, MAX_INCIDENTS, wireState, type HubState } from './state';
import { MAX_ALERTS, RETAIN_FINISHED_MS } from '../src/shared/protocol/retention';

const updated = (
  id: string,
  status: 'assigned' | 'in_progress' | 'resolved' | 'closed',
  at = AT,
  department?: string,
) => stamp({ type: 'incident.updated', data: { id, status, by: 'IOC', at, department } });

/** One event applied on its own, as the stream applies a batch of one. */
const applyEvent = (state: CityState | HubState, event: StreamEvent): HubState => applyEvents(state, [event]);

describe('applyEvent', () => {
  it('adds a reported incident as received, with its report as the first history entry', () => {
    const before = smallCity();
    const after = applyEvent(before, stamp({ type: 'incident.reported', data: report('i1') }));
    expect(after.incidents).toHaveLength(1);
    expect(after.incidents[0]).toMatchObject({
      id: 'i1',
      status: 'received',
      reportedAt: AT,
      updatedAt: AT,
      history: [{ status: 'received', by: 'hue-s', at: AT }],
    });
    expect(before.incidents).toHaveLength(0);
  });

  it('keeps the producer reportedAt when given', () => {
    const at = '2025-05-31T08:00:00+07:00';
    const s = applyEvent(
      smallCity(),
      stamp({ type: 'incident.reported', data: report('i1', { reportedAt: at }) }),
    );
    expect(s.incidents[0]?.reportedAt).toBe(at);
  });

  it('does not make a second incident from a repeated id: the first report wins', () => {
    let s = applyEvent(smallCity(), stamp({ type: 'incident.reported', data: report('i1') }));
    const again = applyEvent(s, stamp({ type: 'incident.reported', data: report('i1', { title: 'other' }) }));
    expect(again.incidents).toHaveLength(1);
    expect(again.incidents[0]?.title).toBe('Rác thải i1');
    s = applyEvents(smallCity(), [
      stamp({ type: 'incident.reported', data: report('i2') }),
      stamp({ type: 'incident.reported', data: report('i2') }),
    ]);
    expect(s.incidents).toHaveLength(1);
  });

  it('moves an incident along its lifecycle and appends history', () => {
    const s = applyEvents(smallCity(), [
      stamp({ type: 'incident.reported', data: report('i1') }),
      updated('i1', 'assigned', '2025-06-01T10:05:00.000Z', 'Phòng Quản lý đô thị'),
      updated('i1', 'in_progress', '2025-06-01T10:30:00.000Z'),
      updated('i1', 'resolved', '2025-06-01T12:00:00.000Z'),
    ]);
    const inc = s.incidents[0]!;
    expect(inc.status).toBe('resolved');
    expect(inc.department).toBe('Phòng Quản lý đô thị');
    expect(inc.updatedAt).toBe('2025-06-01T12:00:00.000Z');
    expect(inc.history.map((h) => h.status)).toEqual(['received', 'assigned', 'in_progress', 'resolved']);
  });

  it('ignores an update for an unknown incident', () => {
    const before = smallCity();
    const after = applyEvent(before, updated('ghost', 'assigned'));
    expect(after.incidents).toEqual([]);
  });

  it('caps the history of a busy incident, keeping the newest entries', () => {
    const events = [stamp({ type: 'incident.reported', data: report('i1') })];
    const n = HISTORY_LIMIT + 20;
    for (let i = 0; i < n; i++) {
      events.push(
        stamp({ type: 'incident.updated', data: { id: 'i1', status: 'in_progress', by: `op-${i}`, at: AT } }),
      );
    }
    const inc = applyEvents(smallCity(), events).incidents[0]!;
    expect(inc.history).toHaveLength(HISTORY_LIMIT);
    expect(inc.history[0]?.by).toBe(`op-${n - HISTORY_LIMIT}`);
    expect(inc.history.at(-1)?.by).toBe(`op-${n - 1}`);
  });

  it('evicts the oldest finished incidents first when over the cap', () => {
    const events = [];
    for (let i = 0; i < MAX_INCIDENTS; i++)
      events.push(stamp({ type: 'incident.reported', data: report(`i${i}`) }));
    events.push(updated('i5', 'closed'), updated('i7', 'resolved'));
    let s = applyEvents(smallCity(), events);
    expect(s.incidents).toHaveLength(MAX_INCIDENTS);
    s = applyEvents(s, [
      stamp({ type: 'incident.reported', data: report('new-1') }),
      stamp({ type: 'incident.reported', data: report('new-2') }),
      stamp({ type: 'incident.reported', data: report('new-3') }),
    ]);
    const ids = new Set(s.incidents.map((i) => i.id));
    expect(s.incidents).toHaveLength(MAX_INCIDENTS);
    expect(ids.has('i5') || ids.has('i7')).toBe(false);
    expect(ids.has('i0')).toBe(false);
    expect(ids.has('i1')).toBe(true);
    expect(ids.has('new-3')).toBe(true);
  });

  it('drops finished incidents a week (city time) after their last change, keeps open ones', () => {
    const t0 = Date.parse(AT);
    let s = applyEvents(smallCity(), [
      stamp({ type: 'incident.reported', data: report('old-open') }, t0),
      stamp({ type: 'incident.reported', data: report('old-closed') }, t0),
      updated('old-closed', 'closed', AT),
    ]);
    const later = t0 + RETAIN_FINISHED_MS + 1000;
    s = applyEvent(s, stamp({ type: 'incident.reported', data: report('fresh') }, later));
    expect(s.incidents.map((i) => i.id)).toEqual(['old-open', 'fresh']);
  });

  it('writes a light.states batch into the lamp columns without touching the input', () => {
    const before = hubState(smallCity());
    const after = applyEvent(
      before,
      stamp({
        type: 'light.states',
        data: { i: [3, 1, 0], s: [LAMP_DIMMED, LAMP_FAULT, LAMP_ON], l: [40, 0, 100] },
      }),
    );
    expect(Array.from(after.lamps.state)).toEqual([LAMP_ON, LAMP_FAULT, 0, LAMP_DIMMED]);
    expect(Array.from(after.lamps.level)).toEqual([100, 0, 0, 40]);
    expect(Array.from(before.lamps.state)).toEqual([0, 0, 0, 0]);
    expect(after.lamps.cabinets).toBe(before.lamps.cabinets);
    // Two batches in one apply: the later one wins; a lamp past the inventory is ignored.
    const twice = applyEvents(before, [
      stamp({ type: 'light.states', data: { i: [2, 0], s: [LAMP_ON, LAMP_ON], l: [100, 100] } }),
      stamp({ type: 'light.states', data: { i: [2, 9], s: [LAMP_OFF, LAMP_ON], l: [0, 100] } }),
    ]);
    expect(Array.from(twice.lamps.state)).toEqual([LAMP_ON, 0, LAMP_OFF, 0]);
    expect(twice.lamps.state).toHaveLength(4);
  });

  it('still applies a version 1 light.state, as a log written before version 2 holds them', () => {
    const before = hubState(smallCity());
    const after = applyEvents(before, [
      stamp({ type: 'light.state', data: [1, LAMP_ON, 100] }),
      stamp({ type: 'light.state', data: [3, LAMP_DIMMED, 40] }),
      stamp({ type: 'light.state', data: [1, LAMP_FAULT, 0] }),
    ]);
    expect(Array.from(after.lamps.state)).toEqual([0, LAMP_FAULT, 0, LAMP_DIMMED]);
    expect(Array.from(after.lamps.level)).toEqual([0, 0, 0, 40]);
    expect(after.lamps.lon).toBe(before.lamps.lon);
    expect(Array.from(before.lamps.state)).toEqual([0, 0, 0, 0]);
    // An index past the inventory is ignored rather than growing the columns.
    expect(
      applyEvent(after, stamp({ type: 'light.state', data: [9, LAMP_ON, 100] })).lamps.state,
    ).toHaveLength(4);
  });

  it('shares what an event does not touch', () => {
    const before = hubState(smallCity());
    const after = applyEvent(before, stamp({ type: 'light.state', data: [0, LAMP_ON, 100] }));
    expect(after.incidents).toBe(before.incidents);
    expect(after.cameras).toBe(before.cameras);
    expect(applyEvents(before, [])).toBe(before);
  });

  it('holds lamp states as bytes and levels as doubles, and gives them back as the arrays a snapshot sends', () => {
    const city = smallCity();
    const hub = applyEvents(city, [stamp({ type: 'light.state', data: [2, LAMP_DIMMED, 33.5] })]);
    expect(hub.lamps.state).toBeInstanceOf(Uint8Array);
    expect(hub.lamps.level).toBeInstanceOf(Float64Array);
    // The input, in the protocol's form, is left as it was.
    expect(city.lamps.state).toEqual([0, 0, 0, 0]);
    const wire = wireState(hub);
    expect(wire.lamps.state).toEqual([0, 0, LAMP_DIMMED, 0]);
    expect(wire.lamps.level).toEqual([0, 0, 33.5, 0]);
    expect(JSON.parse(JSON.stringify(wire.lamps))).toEqual({
      ...city.lamps,
      state: [0, 0, LAMP_DIMMED, 0],
      level: [0, 0, 33.5, 0],
    });
    // A state already in the hub's form is not copied again.
    expect(hubState(hub)).toBe(hub);
  });

  it('keeps the newest alerts, replacing a repeated alert id', () => {
    let s = applyEvents(smallCity(), [
      stamp({ type: 'camera.alert', data: alert('a1') }),
      stamp({ type: 'camera.alert', data: alert('a2') }),
      stamp({ type: 'camera.alert', data: alert('a1', { confidence: 0.5 }) }),
    ]);
    expect(s.alerts.map((a) => [a.id, a.confidence])).toEqual([
      ['a2', 0.9],
      ['a1', 0.5],
    ]);
    const many = Array.from({ length: MAX_ALERTS + 5 }, (_, i) =>
      stamp({ type: 'camera.alert', data: alert(`b${i}`) }),
    );
    s = applyEvents(s, many);
    expect(s.alerts).toHaveLength(MAX_ALERTS);
    expect(s.alerts.at(-1)?.id).toBe(`b${MAX_ALERTS + 4}`);
  });

  it('sets a camera online state and upserts KPIs', () => {
    const s = applyEvents(smallCity(), [
      stamp({ type: 'camera.status', data: { id: 'cam-2', online: false } }),
      stamp({ type: 'kpi.updated', data: { id: 'cashless-rate', value: 40, unit: 'percent', at: AT } }),
      stamp({ type: 'kpi.updated', data: { id: 'cashless-rate', value: 42, unit: 'percent', at: AT } }),
      stamp({ type: 'kpi.updated', data: { id: 'hue-s-users', value: 1000, unit: 'count', at: AT } }),
    ]);
    expect(s.cameras.map((c) => c.online)).toEqual([true, false]);
    expect(s.kpis.map((k) => [k.id, k.value])).toEqual([
      ['cashless-rate', 42],
      ['hue-s-users', 1000],
    ]);
  });
});
