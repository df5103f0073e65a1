import { createSelector, createSlice, original } from '@reduxjs/toolkit';
import { eventsReceived, snapshotReceived } from '../../realtime/streamActions';
import { OPEN_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { applyIncidentUpdate, incidentFromReport } from '../../shared/protocol/incident';
import { isRetained } from '../../shared/protocol/retention';
import { categoryOf } from './filters';
import type { CategoryCount } from '../../shared/city/reports';
import type { DayReports } from './reportPast';
import { isOverdue, periodStart, slaCompliance, type Compliance, type SlaPeriod } from './sla';

/** Incidents held by the page. Beyond this, the oldest closed ones go first. */
export const INCIDENT_LIMIT = 10_000;
/** Eviction makes this much room at once, so that it runs once per few hundred reports, not per batch. */
export const EVICT_ROOM = 250;
/** City time between two retention sweeps: finished incidents leave within an hour of their week. */
export const SWEEP_EVERY_MS = 3_600_000;

/**
 * Incidents by id, split over SHARDS plain objects. Redux state is immutable, so a change copies the
 * object holding the incident: with one object of 10,000 keys that copy cost several milliseconds per
 * frame under live load; with 64 shards it copies about 160 keys.
 */
export const SHARDS = 64;

export interface IncidentsState {
  /** in arrival order */
  ids: string[];
  shards: Record<string, Incident>[];
  /** how many are no longer open (resolved, closed, rejected): what eviction could drop */
  closed: number;
  /** city time of the last retention sweep (the snapshot's, or the stream's latest `ts`) */
  sweptAt: number;
}

// Hashing an id costs a pass over its characters; lists look ids up 10,000 at a time, so the
// answers are remembered (a Map lookup uses the engine's own cached string hash). Cleared when large:
// it is only a memo.
const shardMemo = new Map<string, number>();
const SHARD_MEMO_LIMIT = 50_000;

/** The shard an id lives in (a string hash; stable across sessions). */
export function shardOf(id: string): number {
  let k = shardMemo.get(id);
  if (k === undefined) {
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
    k = (h >>> 0) % SHARDS;
    if (shardMemo.size >= SHARD_MEMO_LIMIT) shardMemo.clear();
    shardMemo.set(id, k);
  }
  return k;
}

const lookupIn = (shards: IncidentsState['shards'], id: string): Incident | undefined =>
  shards[shardOf(id)]![id];
const lookup = (st: IncidentsState, id: string): Incident | undefined => lookupIn(st.shards, id);

function fill(incidents: readonly Incident[], sweptAt = 0): IncidentsState {
  const shards: Record<string, Incident>[] = Array.from({ length: SHARDS }, () => ({}));
  const ids: string[] = [];
  for (const inc of incidents) {
    const shard = shards[shardOf(inc.id)]!;
    if (!shard[inc.id]) ids.push(inc.id);
    shard[inc.id] = inc;
  }
  let closed = 0;
  for (const id of ids) if (!OPEN_STATUSES.has(lookupIn(shards, id)!.status)) closed++;
  return { ids, shards, closed, sweptAt };
}

export const incidentsSlice = createSlice({
  name: 'incidents',
  initialState: fill([]),
  reducers: {},
  extraReducers: (b) => {
    // The hub's state holds what the retention rule keeps (src/shared/protocol/retention.ts).
    b.addCase(snapshotReceived, (_s, { payload }) => fill(payload.state.incidents, payload.state.clock.now));
    b.addCase(eventsReceived, (s, { payload }) => {
      let added = false;
      for (const ev of payload.events) {
        if (ev.type === 'incident.reported') {
          const shard = s.shards[shardOf(ev.data.id)]!;
          // A producer re-sending a report must not create a second incident.
          if (shard[ev.data.id]) continue;
          shard[ev.data.id] = incidentFromReport(ev.data, ev.ts);
          s.ids.push(ev.data.id);
          added = true;
        } else if (ev.type === 'incident.updated') {
          const inc = lookup(s, ev.data.id);
          if (!inc) continue;
          const wasOpen = OPEN_STATUSES.has(inc.status);
          applyIncidentUpdate(inc, ev.data);
          if (wasOpen !== OPEN_STATUSES.has(inc.status)) s.closed += wasOpen ? 1 : -1;
        }
      }
      if (added && s.closed > 0 && s.ids.length > INCIDENT_LIMIT) evictClosed(s);
      const now = payload.events.at(-1)?.ts;
      if (now !== undefined && now - s.sweptAt >= SWEEP_EVERY_MS) {
        s.sweptAt = now;
        if (s.closed > 0) sweepFinished(s, now);
      }
    });
  },
});

/**
 * Drops the oldest closed incidents (resolved, closed, rejected) until the page holds
 * INCIDENT_LIMIT − EVICT_ROOM. Open ones are never dropped: an operator must see every one. The scan
 * reads the state as it was before this batch (plain objects, not Immer drafts, which cost a proxy per
 * entity read); incidents the batch added are open, and a closed one stays closed.
 */
function evictClosed(s: IncidentsState): void {
  const before = original(s) ?? s;
  const closed: Incident[] = [];
  for (const shard of before.shards) {
    for (const id in shard) if (!OPEN_STATUSES.has(shard[id]!.status)) closed.push(shard[id]!);
  }
  if (closed.length === 0) return;
  const excess = s.ids.length - (INCIDENT_LIMIT - EVICT_ROOM);
  closed.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
  const gone = new Set<string>();
  for (const inc of closed.slice(0, excess)) {
    gone.add(inc.id);
    delete s.shards[shardOf(inc.id)]![inc.id];
  }
  s.ids = s.ids.filter((id) => !gone.has(id));
  s.closed -= gone.size;
}

/**
 * Drops the incidents finished more than a week ago, the hub's own rule: a wall that has run for a
 * month holds what a wall opened now is given, and its heap stops growing with the days it has run.
 */
function sweepFinished(s: IncidentsState, now: number): void {
  const before = original(s) ?? s;
  const gone = new Set<string>();
  for (const shard of before.shards) {
    for (const id in shard) {
      // The scan reads the state before this batch; a candidate is checked again as the batch left it.
      if (!isRetained(shard[id]!, now) && !isRetained(lookup(s, id)!, now)) gone.add(id);
    }
  }
  if (gone.size === 0) return;
  for (const id of gone) delete s.shards[shardOf(id)]![id];
  s.ids = s.ids.filter((id) => !gone.has(id));
  s.closed -= gone.size;
}

type WithIncidents = { incidents: IncidentsState };

const selectState = (s: WithIncidents) => s.incidents;
export const selectIncidentById = (s: WithIncidents, id: string): Incident | undefined =>
  lookup(s.incidents, id);
// Each shard's incidents as an array, built once per version of the shard: a change re-reads ~160.
const shardLists = new WeakMap<object, Incident[]>();
function listOf(shard: Record<string, Incident>): Incident[] {
  let list = shardLists.get(shard);
  if (!list) {
    list = Object.values(shard);
    shardLists.set(shard, list);
  }
  return list;
}

/**
 * Every incident the page holds, in no particular order (callers sort what they show); a new array
 * whenever any incident changes.
 */
export const selectAllIncidents = createSelector([selectState], (st) => st.shards.flatMap(listOf));
/** The incidents in their shards, for lists kept up to date by what changed (see ConsoleRows). */
export const selectIncidentShards = (s: WithIncidents) => s.incidents.shards;
/** Incident by id, as one function that changes whenever any incident does. */
export const selectIncidentLookup = createSelector(
  [selectState],
  (st) =>
    (id: string): Incident | undefined =>
      lookup(st, id),
);

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

// ---- The handling picture, for the wall: counts by status, SLA, oldest (per ward: features/wards) ----

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
  /** the open incidents waiting longest */
  oldest: Incident[];
}

/** Everything the wall shows about handling, at city time `now` (pass a value that changes slowly). */
export const selectHandlingSummary = createSelector(
  [selectAllIncidents, (_s: WithIncidents, now: number) => now],
  (all, now): HandlingSummary => {
    const open = all.filter((i) => OPEN_STATUSES.has(i.status));
    return {
      compliance: {
        today: slaCompliance(all, 'today', now),
        week: slaCompliance(all, 'week', now),
        month: slaCompliance(all, 'month', now),
      },
      overdue: open.filter((i) => isOverdue(i, now)).length,
      oldest: [...open].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt)).slice(0, 3),
    };
  },
);

/** The reports that came in on `now`'s city day, up to `now`, and that day's start. */
const selectReceivedToday = createSelector(
  [selectAllIncidents, (_s: WithIncidents, now: number) => now],
  (all, now) => {
    const start = periodStart('today', now);
    return {
      start,
      received: all.filter((inc) => {
        const at = Date.parse(inc.reportedAt);
        return at >= start && at <= now;
      }),
    };
  },
);

/** Today's reports in city time to `now` (pass a slowly changing value): received, resolved, in time. */
export const selectTodayReports = createSelector(
  [selectReceivedToday, selectAllIncidents, (_s: WithIncidents, now: number) => now],
  ({ start, received }, all, now): DayReports => {
    const { resolved, onTime } = slaCompliance(all, 'today', now);
    return { start, received: received.length, resolved, onTime };
  },
);

/** Today's reports in city time to `now` by category (unknown ones as 'other'), in no order. */
export const selectTodayCategories = createSelector(
  [selectReceivedToday],
  ({ received }): CategoryCount[] => {
    const counts = new Map<string, number>();
    for (const inc of received) {
      const category = categoryOf(inc);
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
    return [...counts].map(([category, count]) => ({ category, count }));
  },
);

/** Ids of the open incidents past their answer target at city time `now` (pass a slowly changing value). */
export const selectOverdueIds = createSelector(
  [selectAllIncidents, (_s: WithIncidents, now: number) => now],
  (all, now) => new Set(all.filter((i) => isOverdue(i, now)).map((i) => i.id)),
);
