import { OPEN_STATUSES } from './codes';
import type { Incident } from './events';

// What a city state keeps of its past. One rule for the hub's state (server/state.ts) and the
// simulator's (mocks/sim/city.ts), so that a snapshot from either holds the same records.

/** Finished (resolved, closed, rejected) incidents leave the state this long after their last change, in city time. */
export const RETAIN_FINISHED_MS = 7 * 24 * 3600 * 1000;
/** Only the latest alerts are kept: a snapshot carries these, older ones live in the clients' own feeds. */
export const MAX_ALERTS = 200;

/** Whether a state still holds the incident at city time `now`: open, or finished less than RETAIN_FINISHED_MS ago. */
export function isRetained(incident: Pick<Incident, 'status' | 'updatedAt'>, now: number): boolean {
  return OPEN_STATUSES.has(incident.status) || !(Date.parse(incident.updatedAt) < now - RETAIN_FINISHED_MS);
}
