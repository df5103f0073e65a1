import { createEntityAdapter, createSelector, createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import { HUE_WARDS } from '../../shared/city/wards';
import { OPEN_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { applyIncidentUpdate, incidentFromReport } from '../../shared/protocol/incident';
import { isOverdue, slaCompliance, type Compliance, type SlaPeriod } from './sla';
import { wardMeasures } from './wardMeasures';

const WARD_POPULATION = new Map(HUE_WARDS.map((w) => [w.code, w.population]));

/** Incidents held by the page. Beyond this, the oldest closed ones go first. */
export const INCIDENT_LIMIT = 10_000;

const adapter = createEntityAdapter<Incident>();

export const incidentsSlice = createSlice({
  name: 'incidents',
  initialState: adapter.getInitialState(),
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (s, { payload }) => {
      adapter.setAll(s, payload.state.incidents);
    });
    b.addCase(eventsReceived, (s, { payload }) => {
      let added = false;
      for (const ev of payload.events) {
        if (ev.type === 'incident.reported') {
          // A producer re-sending a report must not create a second incident.
          if (s.entities[ev.data.id]) continue;
          adapter.addOne(s, incidentFromReport(ev.data, ev.ts));
          added = true;
        } else if (ev.type === 'incident.updated') {
          const inc = s.entities[ev.data.id];
          if (inc) applyIncidentUpdate(inc, ev.data);
        }
      }
      if (added && s.ids.length > INCIDENT_LIMIT) evictClosed(s);
    });
  },
});

function evictClosed(s: ReturnType<typeof adapter.getInitialState>): void {
  const closed = Object.values(s.entities)
    .filter((i) => !OPEN_STATUSES.has(i.status))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const excess = s.ids.length - INCIDENT_LIMIT;
  adapter.removeMany(
    s,
    closed.slice(0, excess).map((i) => i.id),
  );
}

type WithIncidents = { incidents: ReturnType<typeof incidentsSlice.reducer> };

const selectors = adapter.getSelectors((s: WithIncidents) => s.incidents);
export const selectAllIncidents = selectors.selectAll;
export const selectIncidentById = selectors.selectById;

export const selectOpenBySeverity = createSelector([selectAllIncidents], (all) => {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let open = 0;
  for (const inc of all) {
    if (!OPEN_STATUSES.has(inc.status)) continue;
    open++;
    counts[inc.severity]++;
  }
  return { open, ...counts };
});

/** Newest first, by report time. */
export const selectLatestIncidents = createSelector([selectAllIncidents], (all) =>
  [...all].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt)).slice(0, 50),
);

export const selectOpenIncidents = createSelector([selectAllIncidents], (all) =>
  all.filter((i) => OPEN_STATUSES.has(i.status)),
);

// ---- The handling picture, for the wall and the map: counts by status, SLA, wards, oldest ----

export { wardMeasures, type WardMeasure } from './wardMeasures';

export const selectStatusCounts = createSelector([selectAllIncidents], (all) => {
  const counts: Record<IncidentStatus, number> = {
    received: 0,
    assigned: 0,
    in_progress: 0,
    resolved: 0,
    closed: 0,
    rejected: 0,
  };
  for (const inc of all) counts[inc.status]++;
  return counts;
});

export interface HandlingSummary {
  compliance: Record<SlaPeriod, Compliance>;
  overdue: number;
  /** wards with the most open incidents per 10,000 residents, worst first */
  topWards: { code: string; open: number; per10k: number }[];
  /** the open incidents waiting longest */
  oldest: Incident[];
}

/** Everything the wall shows about handling, at city time `now` (pass a value that changes slowly). */
export const selectHandlingSummary = createSelector(
  [selectAllIncidents, (_s: WithIncidents, now: number) => now],
  (all, now): HandlingSummary => {
    const open = all.filter((i) => OPEN_STATUSES.has(i.status));
    const measures = wardMeasures(open, WARD_POPULATION);
    return {
      compliance: {
        today: slaCompliance(all, 'today', now),
        week: slaCompliance(all, 'week', now),
        month: slaCompliance(all, 'month', now),
      },
      overdue: open.filter((i) => isOverdue(i, now)).length,
      topWards: [...measures]
        .filter(([, m]) => m.open > 0)
        .map(([code, m]) => ({ code, ...m }))
        .sort((a, b) => b.per10k - a.per10k || b.open - a.open)
        .slice(0, 5),
      oldest: [...open].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt)).slice(0, 3),
    };
  },
);

/** Ids of the open incidents past their answer target at city time `now` (pass a slowly changing value). */
export const selectOverdueIds = createSelector(
  [selectAllIncidents, (_s: WithIncidents, now: number) => now],
  (all, now) => new Set(all.filter((i) => isOverdue(i, now)).map((i) => i.id)),
);
