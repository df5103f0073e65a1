import { createEntityAdapter, createSelector, createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import { OPEN_STATUSES, SEVERITIES, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { applyIncidentUpdate, incidentFromReport } from '../../shared/protocol/incident';

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
