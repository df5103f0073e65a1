import type { Incident, IncidentReported, IncidentUpdated } from './events';

/** Status changes kept per incident: enough for any real handling, bounded against a runaway producer. */
export const HISTORY_LIMIT = 100;

/**
 * The incident a report creates. Shared by the hub (its materialised state) and the client (its
 * store), so that both read a report the same way.
 */
export function incidentFromReport(r: IncidentReported, ts: number): Incident {
  const at = r.reportedAt ?? new Date(ts).toISOString();
  return {
    ...r,
    reportedAt: at,
    status: 'received',
    updatedAt: at,
    history: [{ status: 'received', by: r.source, at }],
  };
}

/** Applies a status change in place (Immer drafts and the hub's plain objects alike). */
export function applyIncidentUpdate(inc: Incident, u: IncidentUpdated): void {
  inc.status = u.status;
  inc.updatedAt = u.at;
  if (u.department !== undefined) inc.department = u.department;
  const { id: _id, ...entry } = u;
  inc.history.push(entry);
  if (inc.history.length > HISTORY_LIMIT) inc.history.splice(0, inc.history.length - HISTORY_LIMIT);
}
