import { HUE_KPIS } from '../../src/shared/city/kpiCatalogue';
import type { Db, Tx } from './db';

/**
 * The schema, as numbered steps. A step is never edited once released: a change is a new step. At
 * start the server applies the steps the database has not seen, each in its own transaction, and
 * refuses a database that has seen steps it does not know (it was written by a newer server).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the city store',
    sql: `
      -- One row per key: the epoch (an id of this database's history), the seq reserved so far, the
      -- city's clock and its inventory (lamps, cabinets, cameras) as the first producer described it.
      create table meta (key text primary key, value jsonb not null);

      -- The stream's events but lamp telemetry, in seq order: replay further back than memory.
      create table events (
        seq bigint primary key,
        type text not null,
        ts bigint not null,
        data jsonb not null
      );
      create index events_ts on events (ts);

      -- Incidents as they stand now, with their whole timeline (data.history).
      create table incidents (
        id text primary key,
        -- the seq of its report (its place in the list), and of its latest change
        reported_seq bigint not null,
        seq bigint not null,
        status text not null,
        updated_at timestamptz not null,
        data jsonb not null
      );
      create index incidents_reported on incidents (reported_seq);

      create table camera_alerts (
        id text primary key,
        seq bigint not null,
        data jsonb not null
      );
      create index camera_alerts_seq on camera_alerts (seq);

      create table camera_status (id text primary key, online boolean not null, seq bigint not null);

      -- Every KPI sample, its history.
      create table kpi_samples (
        seq bigint not null,
        id text not null,
        at timestamptz not null,
        value double precision not null,
        data jsonb not null,
        primary key (id, seq)
      );

      -- Each cabinet's control status: its mode, level and an operator's override.
      create table cabinet_status (id text primary key, seq bigint not null, status jsonb not null);

      -- Every command and what came of it: the audit trail, and the answers that make a retried
      -- command id get its first answer again after a restart.
      create table audit (
        n bigserial primary key,
        at timestamptz not null,
        by_name text not null,
        role text not null,
        command_id text,
        type text,
        incident_id text,
        cabinet_id text,
        ok boolean not null,
        duplicate boolean not null default false,
        fingerprint text,
        ack jsonb,
        entry jsonb not null
      );
      create index audit_incident on audit (incident_id) where incident_id is not null;
      create index audit_cabinet on audit (cabinet_id) where cabinet_id is not null;
      create index audit_command on audit (command_id) where command_id is not null and not duplicate;

      -- Lamp state and level for every lamp, every so often (telemetry between keyframes lives in memory).
      create table lamp_keyframes (
        seq bigint primary key,
        ts bigint not null,
        state bytea not null,
        level bytea not null
      );
    `,
  },
  {
    version: 2,
    name: 'one log for several nodes',
    sql: `
      -- The head of the one ordered log when several nodes share it (REDIS_URL): each commit locks
      -- this row, so seqs are given in one order across the nodes, with no gap and no repeat.
      create table log_head (id integer primary key check (id = 1), seq bigint not null);

      -- Lamp telemetry by seq, for a while, when several nodes share the log: a node that joins, or
      -- that missed a message, reads the log back from here without a hole.
      create table telemetry (
        seq bigint primary key,
        ts bigint not null,
        type text not null,
        data jsonb not null
      );
    `,
  },
  {
    version: 3,
    name: 'indicators by period and ward',
    sql: `
      -- A sample is the value of an indicator for one period (day, month, quarter, year: its start in
      -- UTC of the city's calendar), for the city (ward null) or one ward. A simulated history is
      -- written without an event, so without a seq. The newest value for a period replaces the one held.
      alter table kpi_samples drop constraint kpi_samples_pkey;
      alter table kpi_samples alter column seq drop not null;
      alter table kpi_samples add column period_kind text;
      alter table kpi_samples add column period_start timestamptz;
      alter table kpi_samples add column ward text;
      alter table kpi_samples add column simulated boolean not null default false;

      -- Samples from before: each was for its indicator's own period containing its time (Huế is UTC+7).
      -- An id outside the catalogue keeps no period and stays out of the history.
      update kpi_samples k set period_kind = c.kind
        from (values ${HUE_KPIS.map((k) => `('${k.id}', '${k.period}')`).join(', ')}) as c(id, kind)
        where k.id = c.id;
      update kpi_samples set period_start =
        (date_trunc(period_kind, (at at time zone 'UTC') + interval '7 hours') - interval '7 hours') at time zone 'UTC'
        where period_kind is not null;
      delete from kpi_samples a using kpi_samples b
        where a.id = b.id and a.period_kind = b.period_kind and a.period_start = b.period_start and a.seq < b.seq;

      create unique index kpi_samples_period on kpi_samples (id, coalesce(ward, ''), period_start, period_kind);
    `,
  },
  {
    version: 4,
    name: 'the past of citizen reports',
    sql: `
      -- Finished citizen reports from before the city's first start (the simulator's seeded past, or
      -- an import): never in the state or a snapshot, counted with the incidents table by
      -- /api/reports/summary. resolved_at is null for a report rejected rather than answered.
      create table report_history (
        id text primary key,
        category text not null,
        ward text,
        reported_at timestamptz not null,
        resolved_at timestamptz,
        deadline timestamptz not null,
        simulated boolean not null default false
      );
      create index report_history_reported on report_history (reported_at);
      create index report_history_resolved on report_history (resolved_at) where resolved_at is not null;
      -- A summary reads the incidents changed since its range began (a report resolved in it was).
      create index incidents_updated on incidents (updated_at);
    `,
  },
];

/** A database written by a newer server: refused, never migrated down. */
class SchemaTooNew extends Error {}

/** Brings the database to SCHEMA_VERSION; returns the versions applied. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  await db.query(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Several nodes may start at once against one PostgreSQL: one migrates, the others wait here.
      await tx.query('select pg_advisory_xact_lock(4242001)');
      const current = await currentVersion(tx);
      if (current > latest) throw tooNew(db, current, latest);
      if (current >= m.version) return false;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  // Also refuses a newer database when this server has nothing left to apply.
  const current = await currentVersion(db);
  if (current > latest) throw tooNew(db, current, latest);
  return applied;
}

function tooNew(db: Db, current: number, latest: number): SchemaTooNew {
  return new SchemaTooNew(
    `the database at ${db.where} has schema version ${current}, newer than this server's ${latest}: ` +
      'it was written by a newer IOC Wall. Run that version, or point DATA_DIR/DATABASE_URL elsewhere.',
  );
}

async function currentVersion(tx: Tx): Promise<number> {
  const rows = await tx.query<{ v: number | null }>('select max(version) as v from schema_migrations');
  return Number(rows[0]?.v ?? 0);
}
