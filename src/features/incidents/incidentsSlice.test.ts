import { describe, expect, it } from 'vitest';
import { aCity, anIncident, CITY_NOW, openCity } from '../../../tests/support/city';
import { streamFrame } from '../../../tests/support/streamFrames';
import { makeStore } from '../../app/store';
import type { Incident, IncidentReported, StreamEvent } from '../../shared/protocol/events';
import {
  EVICT_ROOM,
  INCIDENT_LIMIT,
  selectHandlingSummary,
  selectIncidentById,
  selectLatestIncidents,
  selectOpenBySeverity,
  selectStatusCounts,
} from './incidentsSlice';

const T0 = Date.UTC(2026, 10, 23, 3);
const report = (id: string, severity: IncidentReported['severity'], minute = 0): IncidentReported => ({
  id,
  category: 'flooding',
  title: `Ngập ${id}`,
  location: { lon: 107.59, lat: 16.46 },
  severity,
  source: 'hue-s',
  reportedAt: new Date(T0 + minute * 60_000).toISOString(),
});

const frame = (events: Omit<StreamEvent, 'seq' | 'ts'>[]) => streamFrame(events, T0);

describe('incidents slice', () => {
  it('adds reported incidents as received, and ignores a re-sent report', () => {
    const store = makeStore();
    store.dispatch(frame([{ type: 'incident.reported', data: report('a', 'high') }]));
    store.dispatch(frame([{ type: 'incident.reported', data: { ...report('a', 'low'), title: 'again' } }]));
    const a = selectIncidentById(store.getState(), 'a')!;
    expect(store.getState().incidents.ids).toEqual(['a']);
    expect(a.status).toBe('received');
    expect(a.severity).toBe('high');
    expect(a.history).toEqual([{ status: 'received', by: 'hue-s', at: a.reportedAt }]);
  });

  it('moves an incident along its lifecycle and counts only open ones', () => {
    const store = makeStore();
    store.dispatch(
      frame([
        { type: 'incident.reported', data: report('a', 'critical') },
        { type: 'incident.reported', data: report('b', 'high') },
        { type: 'incident.reported', data: report('c', 'high') },
      ]),
    );
    const at = new Date(T0 + 3_600_000).toISOString();
    store.dispatch(
      frame([
        {
          type: 'incident.updated',
          data: { id: 'b', status: 'assigned', by: 'op1', at, department: 'water' },
        },
        { type: 'incident.updated', data: { id: 'c', status: 'resolved', by: 'op1', at } },
        { type: 'incident.updated', data: { id: 'missing', status: 'resolved', by: 'op1', at } },
      ]),
    );
    const s = store.getState();
    expect(selectIncidentById(s, 'b')).toMatchObject({
      status: 'assigned',
      department: 'water',
      updatedAt: at,
    });
    expect(selectIncidentById(s, 'b')!.history.map((h) => h.status)).toEqual(['received', 'assigned']);
    expect(selectOpenBySeverity(s)).toEqual({ open: 2, critical: 1, high: 1, medium: 0, low: 0 });
  });

  it('lists the newest reports first', () => {
    const store = makeStore();
    store.dispatch(
      frame([
        { type: 'incident.reported', data: report('old', 'low', 1) },
        { type: 'incident.reported', data: report('new', 'low', 9) },
        { type: 'incident.reported', data: report('mid', 'low', 5) },
      ]),
    );
    expect(selectLatestIncidents(store.getState()).map((i) => i.id)).toEqual(['new', 'mid', 'old']);
  });

  it('stays bounded by evicting closed incidents, never open ones', () => {
    const store = makeStore();
    const at = new Date(T0).toISOString();
    const many = Array.from({ length: INCIDENT_LIMIT }, (_, i) => ({
      type: 'incident.reported' as const,
      data: report(`r${i}`, 'low'),
    }));
    store.dispatch(frame(many));
    // 400 resolved: r5 first, the rest an hour later; the oldest closed go first.
    const later = new Date(T0 + 3_600_000).toISOString();
    store.dispatch(
      frame(
        Array.from({ length: 400 }, (_, i) => ({
          type: 'incident.updated' as const,
          data: { id: `r${i}`, status: 'resolved' as const, by: 'x', at: i === 5 ? at : later },
        })),
      ),
    );
    store.dispatch(frame([{ type: 'incident.reported', data: report('fresh', 'high') }]));
    const { ids } = store.getState().incidents;
    const byId = (id: string) => selectIncidentById(store.getState(), id)!;
    expect(ids).toHaveLength(INCIDENT_LIMIT - EVICT_ROOM);
    expect(ids).toContain('fresh');
    expect(ids).not.toContain('r5');
    const open = ids.filter((id) => byId(id).status === 'received');
    expect(open).toHaveLength(INCIDENT_LIMIT - 400 + 1);
    // With nothing closed left to drop, open incidents stay even beyond the limit.
    const more = Array.from({ length: EVICT_ROOM + 200 }, (_, i) => ({
      type: 'incident.reported' as const,
      data: report(`m${i}`, 'low'),
    }));
    store.dispatch(frame(more));
    const after = store.getState().incidents;
    expect(after.ids.length).toBeGreaterThan(INCIDENT_LIMIT);
    expect(after.ids.every((id) => byId(id).status === 'received')).toBe(true);
  });
});

describe('retention on a wall that runs for days', () => {
  it("drops the incidents finished more than a week ago as city time passes, the hub's rule, never an open one", () => {
    const DAY = 86_400_000;
    const at = (daysAgo: number) => new Date(CITY_NOW - daysAgo * DAY).toISOString();
    const finished = (id: string, daysAgo: number, status: Incident['status'] = 'resolved') =>
      anIncident(id, { reportedAt: at(daysAgo + 1), status, updatedAt: at(daysAgo) });
    const city = openCity(
      aCity({
        incidents: [
          finished('six-days', 6),
          finished('five-days', 5, 'rejected'),
          finished('one-day', 1),
          // open for a month: an operator must still see it
          anIncident('open-month', { reportedAt: at(30), updatedAt: at(30) }),
        ],
      }),
    );
    const ids = () => [...city.store.getState().incidents.ids].sort();
    // Any event moves the page's city time; this one names no incident the page holds.
    const tick = (daysLater: number) =>
      city.store.dispatch(
        streamFrame(
          [{ type: 'incident.updated', data: { id: 'elsewhere', status: 'assigned', by: 'op', at: at(0) } }],
          CITY_NOW + daysLater * DAY,
        ),
      );
    tick(0.5);
    expect(ids()).toEqual(['five-days', 'one-day', 'open-month', 'six-days']);
    tick(1.5); // six-days is now 7.5 days past its last change
    expect(ids()).toEqual(['five-days', 'one-day', 'open-month']);
    tick(2.5);
    expect(ids()).toEqual(['one-day', 'open-month']);
    expect(city.store.getState().incidents.closed).toBe(1);
    // A report finished a week ago but changed again in this frame is kept.
    city.store.dispatch(
      streamFrame(
        [{ type: 'incident.updated', data: { id: 'one-day', status: 'closed', by: 'op', at: at(-9) } }],
        CITY_NOW + 9 * DAY,
      ),
    );
    expect(ids()).toEqual(['one-day', 'open-month']);
    tick(17);
    expect(ids()).toEqual(['open-month']);
    expect(city.store.getState().incidents.closed).toBe(0);
  });
});

describe('handling summary', () => {
  it('lists the oldest open reports, answer-time compliance and the overdue', () => {
    const store = makeStore();
    store.dispatch(
      frame([
        { type: 'incident.reported', data: { ...report('px1', 'low', 30), ward: '19753' } },
        { type: 'incident.reported', data: { ...report('px2', 'low', 10), ward: '19753' } },
        { type: 'incident.reported', data: { ...report('kl1', 'low', 20), ward: '19774' } },
        { type: 'incident.reported', data: { ...report('done', 'low', 0), ward: '19774' } },
      ]),
    );
    const at = new Date(T0 + 3_600_000).toISOString();
    store.dispatch(
      frame([{ type: 'incident.updated', data: { id: 'done', status: 'resolved', by: 'x', at } }]),
    );
    const now = T0 + 2 * 3_600_000;
    const s = selectHandlingSummary(store.getState(), now);
    expect(s.oldest.map((i) => i.id)).toEqual(['px2', 'kl1', 'px1']);
    expect(s.compliance.today).toEqual({ resolved: 1, onTime: 1, rate: 1 });
    expect(s.overdue).toBe(0);
    expect(selectHandlingSummary(store.getState(), T0 + 49 * 3_600_000).overdue).toBe(3);
    expect(selectStatusCounts(store.getState())).toMatchObject({ received: 3, resolved: 1 });
  });
});
