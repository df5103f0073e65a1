import type {
  Incident,
  IncidentCommand,
  IncidentCommandType,
  IncidentReported,
  IncidentUpdated,
} from './events';

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
  if (u.acknowledged && !inc.acknowledgedAt) {
    inc.acknowledgedAt = u.at;
    inc.acknowledgedBy = u.by;
  }
  const { id: _id, ...entry } = u;
  inc.history.push(entry);
  if (inc.history.length > HISTORY_LIMIT) inc.history.splice(0, inc.history.length - HISTORY_LIMIT);
}

/** Whether an operator has taken notice: acknowledged, or already moved on from `received`. */
export function isAcknowledged(inc: Pick<Incident, 'status' | 'acknowledgedAt'>): boolean {
  return inc.acknowledgedAt !== undefined || inc.status !== 'received';
}

/**
 * The handling workflow as a status machine: which command may move an incident from which status.
 * The hub enforces it; the console uses it to offer only the commands that can succeed.
 */
const ALLOWED: Record<IncidentCommandType, readonly Incident['status'][]> = {
  'incident.acknowledge': ['received'],
  'incident.assign': ['received', 'assigned'],
  'incident.start': ['assigned'],
  'incident.resolve': ['in_progress'],
  'incident.reject': ['received', 'assigned'],
};

export function canApply(
  type: IncidentCommandType,
  inc: Pick<Incident, 'status' | 'acknowledgedAt'>,
): boolean {
  if (type === 'incident.acknowledge' && inc.acknowledgedAt !== undefined) return false;
  return ALLOWED[type].includes(inc.status);
}

/**
 * The `incident.updated` a command makes of an incident, or an error that names the refused
 * transition (e.g. "illegal transition: incident.resolve from received").
 */
export function transition(
  inc: Incident,
  cmd: IncidentCommand,
  by: string,
  at: string,
): { ok: true; update: IncidentUpdated } | { ok: false; error: string } {
  if (!canApply(cmd.type, inc)) {
    const what =
      cmd.type === 'incident.acknowledge' && inc.acknowledgedAt
        ? 'already acknowledged'
        : `from ${inc.status}`;
    return { ok: false, error: `illegal transition: ${cmd.type} ${what}` };
  }
  const base = { id: inc.id, by, at, commandId: cmd.id, acknowledged: true };
  switch (cmd.type) {
    case 'incident.acknowledge':
      return { ok: true, update: { ...base, status: inc.status } };
    case 'incident.assign':
      return { ok: true, update: { ...base, status: 'assigned', department: cmd.data.department } };
    case 'incident.start':
      return { ok: true, update: { ...base, status: 'in_progress' } };
    case 'incident.resolve':
      return { ok: true, update: { ...base, status: 'resolved', note: cmd.data.note } };
    case 'incident.reject':
      return { ok: true, update: { ...base, status: 'rejected', note: cmd.data.reason } };
  }
}
