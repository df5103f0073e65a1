import type { CabinetStatus, CameraAlert, Incident, Kpi } from '../../shared/protocol/events';
import { applyIncidentUpdate } from '../../shared/protocol/incident';
import { isRetained, MAX_ALERTS } from '../../shared/protocol/retention';
import type { LampFrame, ReplayEvent, ReplayHistory } from '../../shared/protocol/replay';

/** The city at one instant of a replay: what a snapshot of that instant would have held. */
export interface ReplayState {
  at: number;
  incidents: Incident[];
  /** newest last, at most a state's MAX_ALERTS */
  alerts: CameraAlert[];
  kpis: Kpi[];
  /** camera id → online, for the cameras whose status the history knows */
  cameraOnline: Map<string, boolean>;
  cabinets: Map<string, CabinetStatus>;
  /** the newest lamp keyframe at or before `at`; null when the history has none that early */
  lamps: LampFrame | null;
}

/**
 * An incident as it stood at `at`, rebuilt from its timeline (each step a status change with its
 * time), or null when it was not yet reported. The same rule the hub and the page apply to an
 * `incident.updated` (applyIncidentUpdate) applies each step, so a replayed incident reads as it did.
 */
export function incidentAt(inc: Incident, at: number): Incident | null {
  if (Date.parse(inc.reportedAt) > at) return null;
  const [first, ...rest] = inc.history;
  // The report's own step opens the timeline; a timeline cut to its limit starts later, with its first kept step.
  const start = first ?? { status: 'received' as const, by: inc.source, at: inc.reportedAt };
  const then: Incident = {
    ...inc,
    status: start.status,
    updatedAt: start.at,
    history: [start],
  };
  delete then.department;
  delete then.acknowledgedAt;
  delete then.acknowledgedBy;
  if (start.department !== undefined) then.department = start.department;
  for (const step of rest) {
    if (Date.parse(step.at) > at) break;
    applyIncidentUpdate(then, { id: inc.id, ...step });
  }
  return then;
}

/** The page's rule for an indicator's value (kpisSlice): the city's, of the latest period. */
function takesKpi(held: Kpi | undefined, next: Kpi): boolean {
  if (next.ward !== undefined) return false;
  return !(held?.period && next.period && next.period.start < held.period.start);
}

/**
 * The state at `at` (clamped to the history's range): its base at `from`, then its events up to `at`
 * in order; incidents from their timelines, alerts by their own time, the lamps from the newest
 * keyframe. Pure, and cheap enough to run from scratch for every step of a playback (a day is a few
 * thousand events).
 */
export function replayStateAt(history: ReplayHistory, at: number): ReplayState {
  const t = Math.min(Math.max(at, history.from), history.to);
  const incidents: Incident[] = [];
  for (const inc of history.incidents) {
    const then = incidentAt(inc, t);
    if (then && isRetained(then, t)) incidents.push(then);
  }
  const alerts = history.alerts.filter((a) => Date.parse(a.at) <= t).slice(-MAX_ALERTS);
  const kpis = new Map<string, Kpi>();
  for (const k of history.base.kpis) if (takesKpi(kpis.get(k.id), k)) kpis.set(k.id, k);
  const cameraOnline = new Map(history.base.cameras.map((c) => [c.id, c.online]));
  const cabinets = new Map(history.base.cabinets.map((c) => [c.id, c]));
  for (const e of history.events) {
    if (e.ts > t) break;
    applyEvent(e, kpis, cameraOnline, cabinets);
  }
  let lamps: LampFrame | null = null;
  for (const frame of history.lamps) {
    if (frame.at > t) break;
    lamps = frame;
  }
  return { at: t, incidents, alerts, kpis: [...kpis.values()], cameraOnline, cabinets, lamps };
}

function applyEvent(
  e: ReplayEvent,
  kpis: Map<string, Kpi>,
  cameraOnline: Map<string, boolean>,
  cabinets: Map<string, CabinetStatus>,
): void {
  switch (e.type) {
    case 'kpi.updated':
      if (takesKpi(kpis.get(e.data.id), e.data)) kpis.set(e.data.id, e.data);
      return;
    case 'camera.status':
      cameraOnline.set(e.data.id, e.data.online);
      return;
    case 'cabinet.updated':
      cabinets.set(e.data.id, e.data);
      return;
  }
}

/**
 * A short fingerprint of what a state shows, to skip redrawing a step that changed nothing (a paused
 * or slow replay steps many times between two events).
 */
export function replayStepKey(history: ReplayHistory, at: number): string {
  const t = Math.min(Math.max(at, history.from), history.to);
  let steps = 0;
  for (const inc of history.incidents) {
    if (Date.parse(inc.reportedAt) > t) continue;
    steps++;
    for (const s of inc.history) if (Date.parse(s.at) <= t) steps++;
  }
  const count = <T>(list: readonly T[], time: (x: T) => number) => {
    let n = 0;
    for (const x of list) if (time(x) <= t) n++;
    return n;
  };
  return [
    steps,
    count(history.alerts, (a) => Date.parse(a.at)),
    count(history.events, (e) => e.ts),
    count(history.lamps, (f) => f.at),
  ].join('/');
}
