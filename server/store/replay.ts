import type {
  CabinetStatus,
  CameraAlert,
  CameraStatus,
  Incident,
  Kpi,
} from '../../src/shared/protocol/events';
import { OPEN_STATUSES } from '../../src/shared/protocol/codes';
import { MAX_ALERTS, RETAIN_FINISHED_MS } from '../../src/shared/protocol/retention';
import {
  encodeLampRuns,
  REPLAY_EVENT_TYPES,
  type LampFrame,
  type ReplayEvent,
  type ReplayHistory,
} from '../../src/shared/protocol/replay';
import { supersedes } from '../kpis';
import { MAX_INCIDENTS } from '../state';
import { bytesToFloat64, OWN_KINDS } from './cityStore';
import type { Db } from './db';

/**
 * The city between `from` and `to` (city time, epoch ms) as the store holds it (docs/protocol.md,
 * replay). Each kind is read where the store keeps its past:
 * - incidents from their rows, each with its whole timeline: the page rebuilds it at any instant;
 * - alerts from their rows, placed by their own `at`;
 * - indicators, camera and cabinet statuses from the event log (`events`), by the hub's `ts`, with
 *   their values at `from` found from the log and the status tables;
 * - lamps from the keyframes (telemetry between them is not stored, see CityStore.keyframe).
 */
export async function readReplay(db: Db, from: number, to: number, now: number): Promise<ReplayHistory> {
  // The last event applied at `from`: the status tables' rows written up to it still held then.
  const seqRow = await db.query<{ seq: number | null }>(`select max(seq) as seq from events where ts <= $1`, [
    from,
  ]);
  const seqAtFrom = Number(seqRow[0]?.seq ?? 0);
  const [incidents, alertsBefore, alertsIn, kpis, cameras, cabinets, events, lamps] = await Promise.all([
    incidentsOf(db, from, to),
    db.query<{ data: CameraAlert }>(
      `select data from camera_alerts where (data->>'at')::timestamptz <= $1
       order by (data->>'at')::timestamptz desc, seq desc limit $2`,
      [iso(from), MAX_ALERTS],
    ),
    db.query<{ data: CameraAlert }>(
      `select data from camera_alerts
       where (data->>'at')::timestamptz > $1 and (data->>'at')::timestamptz <= $2
       order by (data->>'at')::timestamptz, seq`,
      [iso(from), iso(to)],
    ),
    kpisAt(db, from),
    statusesAt<CameraStatus>(
      db,
      'camera.status',
      seqAtFrom,
      // The inventory's cameras as they came, with their rows' seq 0: then each change's row.
      `select c->>'id' as id, 0 as seq, jsonb_build_object('id', c->'id', 'online', c->'online') as data
       from meta, jsonb_array_elements(value->'cameras') c where key = 'inventory'
       union all
       select id, seq, jsonb_build_object('id', id, 'online', online) as data from camera_status`,
    ),
    statusesAt<CabinetStatus>(
      db,
      'cabinet.updated',
      seqAtFrom,
      `select id, seq, status as data from cabinet_status`,
    ),
    db.query<ReplayEvent>(
      `select ts, type, data from events where ts > $1 and ts <= $2 and type = any($3::text[]) order by seq`,
      [from, to, [...REPLAY_EVENT_TYPES]],
    ),
    lampFramesOf(db, from, to),
  ]);
  return {
    from,
    to,
    now,
    incidents,
    alerts: [...alertsBefore.reverse(), ...alertsIn].map((r) => r.data),
    base: { kpis, cameras, cabinets },
    events: events.map((e) => ({ ...e, ts: Number(e.ts) })),
    lamps,
  };
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Incidents reported by `to` that some state of the range held: open now, or changed within the
 * retention of finished ones before `from` (server/state.ts keeps those that long). The newest
 * MAX_INCIDENTS, as a state holds, in the order they were reported.
 */
async function incidentsOf(db: Db, from: number, to: number): Promise<Incident[]> {
  const rows = await db.query<{ data: Incident }>(
    `select data from (
       select data, reported_seq, id from incidents
       where (status = any($1::text[]) or updated_at >= $2) and (data->>'reportedAt')::timestamptz <= $3
       order by reported_seq desc, id desc limit $4) t
     order by reported_seq, id`,
    [[...OPEN_STATUSES], iso(from - RETAIN_FINISHED_MS), iso(to), MAX_INCIDENTS],
  );
  return rows.map((r) => r.data);
}

/**
 * Each indicator's city value at `from`, by the state's own rule (its own period kind, the latest
 * period wins): from the samples the store holds with a time up to `from` (a period's sample is its latest value, which
 * may be after `from`, so the log's values of the week before fill in), then the log's.
 */
async function kpisAt(db: Db, from: number): Promise<Kpi[]> {
  const [samples, logged] = await Promise.all([
    db.query<{ data: Kpi }>(
      `select distinct on (k.id) k.data from kpi_samples k
       join unnest($2::text[], $3::text[]) as c(id, kind) on c.id = k.id and k.period_kind = c.kind
       where k.ward is null and k.at <= $1 order by k.id, k.at desc`,
      [iso(from), ...OWN_KINDS],
    ),
    db.query<{ data: Kpi }>(
      `select data from events
       where type = 'kpi.updated' and ts <= $1 and ts > $2 and data->>'ward' is null order by seq`,
      [from, from - 7 * 24 * 3600_000],
    ),
  ]);
  const held = new Map<string, Kpi>();
  for (const { data } of [...samples, ...logged]) {
    const before = held.get(data.id);
    if (!before || supersedes(data, before)) held.set(data.id, data);
  }
  return [...held.values()];
}

/**
 * Statuses (cameras', cabinets') as they stood after event `seq`: a row of the status table written
 * by then still held; one written since is looked up in the log. A cabinet whose only status came
 * with the city's first state, and changed since, is left out.
 */
async function statusesAt<T extends { id: string }>(
  db: Db,
  type: string,
  seq: number,
  tableQuery: string,
): Promise<T[]> {
  const rows = await db.query<{ id: string; seq: number; data: T }>(tableQuery);
  const out = new Map<string, T>();
  const changed: string[] = [];
  // In the query's order: a later row of an id (its change) replaces an earlier one (the inventory's).
  for (const r of rows) {
    if (Number(r.seq) <= seq) out.set(r.id, r.data);
    else changed.push(r.id);
  }
  if (changed.length > 0) {
    const logged = await db.query<{ data: T }>(
      `select distinct on (data->>'id') data from events
       where type = $1 and seq <= $2 and data->>'id' = any($3::text[])
       order by data->>'id', seq desc`,
      [type, seq, changed],
    );
    for (const { data } of logged) out.set(data.id, data);
  }
  return [...out.values()];
}

/** A stored keyframe: every lamp's state and dim level at city time `at`. */
export interface Keyframe {
  at: number;
  state: Uint8Array;
  level: Float64Array;
}

/** The newest keyframe at or before `from`, then those of the range, oldest first. */
export async function keyframesBetween(db: Db, fromMs: number, toMs: number): Promise<Keyframe[]> {
  type Row = { ts: number; state: Uint8Array; level: Uint8Array };
  // Keyframes are kept at whole milliseconds; a city clock reads fractions.
  const [from, to] = [Math.round(fromMs), Math.round(toMs)];
  const [before, within] = await Promise.all([
    db.query<Row>(`select ts, state, level from lamp_keyframes where ts <= $1 order by ts desc limit 1`, [
      from,
    ]),
    db.query<Row>(`select ts, state, level from lamp_keyframes where ts > $1 and ts <= $2 order by ts`, [
      from,
      to,
    ]),
  ]);
  return [...before, ...within].map((r) => ({
    at: Number(r.ts),
    state: r.state,
    level: bytesToFloat64(r.level),
  }));
}

/** The keyframes of a replay's range, as runs. */
async function lampFramesOf(db: Db, from: number, to: number): Promise<LampFrame[]> {
  return (await keyframesBetween(db, from, to)).map((k) => ({
    at: k.at,
    runs: encodeLampRuns(k.state, k.level),
  }));
}
