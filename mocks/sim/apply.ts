// How a stream consumer folds the simulator's events into a CityState, and which old records a
// state keeps. The simulator's own state() obeys the same rules, so
// `retainCityState(applyCityEvent(prev, ...events), now)` equals the next state().
import { OPEN_STATUSES, type IncidentStatus } from '../../src/shared/protocol/codes';
import type { CityEvent, CityState, Incident } from '../../src/shared/protocol/events';
import { applyIncidentUpdate, incidentFromReport } from '../../src/shared/protocol/incident';
import { DAY_MS } from './sun';

/** Resolved, closed and rejected incidents stay in state for this long after their last change. */
export const RETAIN_CLOSED_MS = 7 * DAY_MS;
/** The state holds the latest alerts only. */
export const MAX_ALERTS = 200;

export function isRetained(incident: Incident, now: number): boolean {
  return (
    OPEN_STATUSES.has(incident.status as IncidentStatus) ||
    Date.parse(incident.updatedAt) >= now - RETAIN_CLOSED_MS
  );
}

/** Applies one event to the state, in place. A new incident starts as received, its report as history. */
export function applyCityEvent(state: CityState, event: CityEvent): void {
  switch (event.type) {
    case 'incident.reported': {
      if (state.incidents.some((i) => i.id === event.data.id)) return;
      state.incidents.push(structuredClone(incidentFromReport(event.data, state.clock.now)));
      return;
    }
    case 'incident.updated': {
      const incident = state.incidents.find((i) => i.id === event.data.id);
      if (incident) applyIncidentUpdate(incident, event.data);
      return;
    }
    case 'camera.status': {
      const camera = state.cameras.find((c) => c.id === event.data.id);
      if (camera) camera.online = event.data.online;
      return;
    }
    case 'camera.alert':
      state.alerts.push({ ...event.data, location: { ...event.data.location } });
      if (state.alerts.length > MAX_ALERTS) state.alerts.splice(0, state.alerts.length - MAX_ALERTS);
      return;
    case 'kpi.updated': {
      const index = state.kpis.findIndex((k) => k.id === event.data.id);
      if (index >= 0) state.kpis[index] = { ...event.data };
      else state.kpis.push({ ...event.data });
      return;
    }
    case 'light.states': {
      const { i, s, l } = event.data;
      for (let k = 0; k < i.length; k++) {
        const lamp = i[k]!;
        if (lamp < 0 || lamp >= state.lamps.count) continue;
        state.lamps.state[lamp] = s[k]!;
        state.lamps.level[lamp] = l[k]!;
      }
      return;
    }
    case 'light.state': {
      const [lamp, s, level] = event.data;
      if (lamp < 0 || lamp >= state.lamps.count) return;
      state.lamps.state[lamp] = s;
      state.lamps.level[lamp] = level;
      return;
    }
    case 'cabinet.updated': {
      const { id, ...status } = event.data;
      const cabinet = state.lamps.cabinets.find((c) => c.id === id);
      if (cabinet) cabinet.status = { ...status, override: status.override ? { ...status.override } : null };
      return;
    }
  }
}

/** Drops what a state no longer holds at time `now`: closed incidents older than a week. */
export function retainCityState(state: CityState, now: number): void {
  state.incidents = state.incidents.filter((i) => isRetained(i, now));
  state.clock.now = now;
}
