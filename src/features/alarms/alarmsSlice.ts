import { createSelector, createSlice } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import { OPEN_STATUSES, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { isAcknowledged } from '../../shared/protocol/incident';
import { selectIncidentLookup, type IncidentsState } from '../incidents';

/**
 * Alarms: the high and critical incidents that reach the wall while it is watching. The incidents
 * slice holds what is known; this slice remembers only what an incident store cannot tell: which
 * incidents arrived live (not as the backlog of a snapshot) and when, in real time, the page first
 * saw them. Whether an alarm still rings is read from the incident itself, so an acknowledgement
 * arriving by any route ends it.
 */

export type AlarmSeverity = Extract<Severity, 'high' | 'critical'>;

export function isAlarmSeverity(s: Severity): s is AlarmSeverity {
  return s === 'high' || s === 'critical';
}

/** Records kept at most: enough for a very bad day, bounded against a flood of severe reports. */
export const ALARM_RECORD_LIMIT = 500;

/**
 * An acknowledged alarm stays on the banner, calm, until this long after it arrived: in the
 * simulator (city time ×720) a critical report is assigned within two real seconds, too fast to read.
 */
export const ALARM_LINGER_MS = 8_000;

export interface AlarmsState {
  /** incident id → real time (epoch ms) the page first saw it as an alarm */
  firstSeenAt: Record<string, number>;
  /** city time of the newest event applied: what a later snapshot brings beyond it is news */
  lastEventTs: number | null;
}

const initialState: AlarmsState = { firstSeenAt: {}, lastEventTs: null };

/**
 * What a snapshot should raise. On the first one, only unacknowledged criticals: the backlog of
 * high reports is work for the console, not a siren. A later snapshot (a resync after a gap) also
 * stands in for the events the page missed, so severe reports newer than the last event seen count
 * as arrivals.
 */
export function alarmsFromSnapshot(incidents: readonly Incident[], lastEventTs: number | null): Incident[] {
  return incidents.filter((inc) => {
    if (!isAlarmSeverity(inc.severity) || alarmEnded(inc)) return false;
    if (inc.severity === 'critical') return true;
    return lastEventTs !== null && Date.parse(inc.reportedAt) > lastEventTs;
  });
}

/** An alarm ends when an operator has taken notice of its incident or the incident is no longer open. */
export function alarmEnded(inc: Pick<Incident, 'status' | 'acknowledgedAt'>): boolean {
  return isAcknowledged(inc) || !OPEN_STATUSES.has(inc.status);
}

function keepBounded(s: AlarmsState): void {
  const ids = Object.keys(s.firstSeenAt);
  if (ids.length <= ALARM_RECORD_LIMIT) return;
  ids.sort((a, b) => s.firstSeenAt[a]! - s.firstSeenAt[b]!);
  for (const id of ids.slice(0, ids.length - ALARM_RECORD_LIMIT)) delete s.firstSeenAt[id];
}

export const alarmsSlice = createSlice({
  name: 'alarms',
  initialState,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(snapshotReceived, (s, { payload }) => {
      for (const inc of alarmsFromSnapshot(payload.state.incidents, s.lastEventTs))
        s.firstSeenAt[inc.id] ??= payload.receivedAt;
      s.lastEventTs = payload.state.clock.now;
      keepBounded(s);
    });
    b.addCase(eventsReceived, (s, { payload }) => {
      let added = false;
      for (const ev of payload.events) {
        if (ev.type !== 'incident.reported' || !isAlarmSeverity(ev.data.severity)) continue;
        // A re-sent report is the same incident: it keeps the time it first rang.
        if (s.firstSeenAt[ev.data.id] !== undefined) continue;
        s.firstSeenAt[ev.data.id] = payload.receivedAt;
        added = true;
      }
      if (payload.lastTs !== null) s.lastEventTs = payload.lastTs;
      if (added) keepBounded(s);
    });
  },
});

export interface Alarm {
  id: string;
  severity: AlarmSeverity;
  incident: Incident;
  /** real time (epoch ms) the page first saw it */
  firstSeenAt: number;
  /** it no longer rings: acknowledged, handled or closed */
  ended: boolean;
}

/**
 * The state this feature reads. `alarms` is optional so that the selectors type-check against a
 * store that has not mounted the slice yet; without it there are simply no alarms.
 */
export interface AlarmsRootState {
  alarms?: AlarmsState;
  incidents: IncidentsState;
}

const EMPTY: AlarmsState['firstSeenAt'] = {};
const selectFirstSeen = (s: AlarmsRootState) => s.alarms?.firstSeenAt ?? EMPTY;

/** Ringing alarms before ended ones, critical before high, newest first. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  if (a.ended !== b.ended) return a.ended ? 1 : -1;
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  return b.firstSeenAt - a.firstSeenAt;
}

/** Every remembered alarm whose incident the page still holds, ringing or not, in banner order. */
export const selectAlarms = createSelector(
  [selectFirstSeen, selectIncidentLookup],
  (seen, byId) => {
    const out: Alarm[] = [];
    for (const [id, firstSeenAt] of Object.entries(seen)) {
      const incident = byId(id);
      // A report whose severity was later lowered is no longer an alarm.
      if (!incident || !isAlarmSeverity(incident.severity)) continue;
      out.push({ id, severity: incident.severity, incident, firstSeenAt, ended: alarmEnded(incident) });
    }
    return out.sort(compareAlarms);
  },
  // Any incident change gives a new lookup; most leave every alarm as it was. Keeping the previous
  // array then spares the banner and the sound planner a render per stream frame.
  { memoizeOptions: { resultEqualityCheck: sameAlarms } },
);

function sameAlarms(a: readonly Alarm[], b: readonly Alarm[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.incident !== y.incident || x.firstSeenAt !== y.firstSeenAt) return false;
  }
  return true;
}

/** The alarms that still ring (unacknowledged, open), in banner order. */
export const selectActiveAlarms = createSelector([selectAlarms], (all) => all.filter((a) => !a.ended));

/**
 * What the banner shows at real time `now`: every ringing alarm, and an ended one for a moment after
 * it arrived (see ALARM_LINGER_MS) unless this operator acknowledged it here: they have read it.
 */
export function shownAlarms(
  all: readonly Alarm[],
  now: number,
  dismissed: ReadonlySet<string> = new Set(),
): Alarm[] {
  return all.filter((a) => !a.ended || (!dismissed.has(a.id) && now - a.firstSeenAt < ALARM_LINGER_MS));
}
