import { randomUUID } from 'node:crypto';
import type {
  CabinetStatus,
  CameraAlert,
  CommandAck,
  Incident,
  Kpi,
  KpiSample,
  StreamEvent,
} from '../../src/shared/protocol/events';
import { HUE_KPIS, kpiDefinition } from '../../src/shared/city/kpiCatalogue';
import { reportRecordOf, type ReportRecord } from '../../src/shared/city/reports';
import { kpiOfSample, sampleOf, type KpiHistoryQuery } from '../kpis';
import type { AuditEntry } from '../commands';
import { inventoryOf, type Inventory } from '../inventory';
import { MAX_ALERTS } from '../../src/shared/protocol/retention';
import { REPLAY_SPAN_MS } from '../../src/shared/protocol/replay';
import { MAX_INCIDENTS, type HubLampColumns, type HubState } from '../state';
import { openDb, type Db, type DbOptions, type Tx } from './db';
import { migrate } from './migrations';

/** A command's audit entry and, for a first answer, what makes a retry of its id get that answer again. */
export interface AuditRecord {
  entry: AuditEntry;
  fingerprint: string | null;
  ack: CommandAck | null;
}

/** One group commit: everything changed since the last one, written in one transaction. */
export interface Batch {
  /** stream events in seq order; lamp telemetry among them is not written (keyframes are) */
  events: readonly StreamEvent[];
  /** the state after them: the changed incidents are written as they now stand */
  state: HubState;
  audit: readonly AuditRecord[];
  /** a new seq reservation to record, when the stream is about to pass the last one */
  seqHigh?: number;
  /** a producer's inventory the hub just adopted (server/inventory.ts), and the stream's seq then */
  inventory?: { inventory: Inventory; seq: number };
  cityNow: number;
}

/** What a restart finds. */
export interface Restored {
  epoch: string;
  /** every seq up to this may have been sent before the restart; the stream goes on above it */
  seqHigh: number;
  cityNow: number;
  /** the city as it was committed; the lamps as of the newest keyframe */
  state: HubState;
  keyframeSeq: number;
  /** each stored incident's report seq: a re-sent report is answered with it after a restart */
  reportSeqs: Map<string, number>;
  /** newest last, at most `auditLimit` */
  audit: AuditEntry[];
  /** first answers by command id, oldest first */
  answers: { commandId: string; fingerprint: string; ack: CommandAck }[];
}

/** A replay shows the lamps as of keyframes this far apart in city time (15 minutes); see keyframe(). */
export const KEYFRAME_SLOT_MS = 15 * 60_000;

/** Lamp telemetry is kept as keyframes, not tuples (docs/protocol.md, durability). */
const TELEMETRY_TYPES: ReadonlySet<string> = new Set(['light.state', 'light.states']);

/**
 * The server's durable record of the city, on PGlite or PostgreSQL (db.ts). The stream decides;
 * this class only writes what was decided and reads it back at start.
 */
export class CityStore {
  private constructor(readonly db: Db) {}

  static async open(opts: DbOptions): Promise<CityStore> {
    const db = await openDb(opts);
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new CityStore(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /** The city as last committed, or null for a new, empty database. */
  async load(opts: { auditLimit: number; answerLimit: number }): Promise<Restored | null> {
    const meta = await this.meta();
    const epoch = meta.get('epoch');
    const inventory = meta.get('inventory') as Inventory | undefined;
    if (typeof epoch !== 'string' || !inventory) return null;
    const db = this.db;
    const [incidents, alerts, cameraStatus, kpis, cabinets, keyframe, audit, answers] = await Promise.all([
      db.query<{ data: Incident; reported_seq: string }>(
        `select data, reported_seq from (select data, reported_seq, id from incidents order by reported_seq desc, id desc limit $1) t
         order by reported_seq, id`,
        [MAX_INCIDENTS],
      ),
      // The first state's alerts share seq 0: within a seq they go by time, as the state held them.
      db.query<{ data: CameraAlert }>(
        `select data from (
           select data, seq, (data->>'at')::timestamptz as at, id from camera_alerts
           order by seq desc, at desc, id desc limit $1) t
         order by seq, at, id`,
        [MAX_ALERTS],
      ),
      db.query<{ id: string; online: boolean }>(`select id, online from camera_status`),
      // Each indicator's city value for its latest period of its own kind, as the state holds it.
      db.query<{ data: Kpi }>(
        `select distinct on (k.id) k.data from kpi_samples k
         left join unnest($1::text[], $2::text[]) as c(id, kind) on c.id = k.id
         where k.ward is null and (k.period_kind is null or k.period_kind = c.kind)
         order by k.id, k.period_start desc nulls last, k.seq desc nulls last`,
        OWN_KINDS,
      ),
      db.query<{ id: string; status: CabinetStatus }>(`select id, status from cabinet_status`),
      db.query<{ seq: number; state: Uint8Array; level: Uint8Array }>(
        `select seq, state, level from lamp_keyframes order by seq desc limit 1`,
      ),
      db.query<{ entry: AuditEntry }>(
        `select entry from (select entry, n from audit order by n desc limit $1) t order by n`,
        [opts.auditLimit],
      ),
      db.query<{ command_id: string; fingerprint: string; ack: CommandAck }>(
        `select command_id, fingerprint, ack from (
           select command_id, fingerprint, ack, n from audit
           where command_id is not null and not duplicate and fingerprint is not null and ack is not null
           order by n desc limit $1) t order by n`,
        [opts.answerLimit],
      ),
    ]);

    const online = new Map(cameraStatus.map((r) => [r.id, r.online]));
    const status = new Map(cabinets.map((r) => [r.id, r.status]));
    const inv = inventory.lamps;
    const frame = keyframe[0];
    const lamps: HubLampColumns = {
      ...inv,
      cabinets: inv.cabinets.map((c) => {
        const s = status.get(c.id);
        if (!s) return c;
        const { id: _id, ...rest } = s;
        return { ...c, status: rest };
      }),
      state: frame ? Uint8Array.from(frame.state) : new Uint8Array(inv.count),
      level: frame ? bytesToFloat64(frame.level) : new Float64Array(inv.count),
    };
    if (lamps.state.length !== inv.count || lamps.level.length !== inv.count) {
      throw new Error(`the stored lamp keyframe has ${lamps.state.length} lamps, the inventory ${inv.count}`);
    }
    const cityNow = Number(meta.get('city_now') ?? 0);
    return {
      epoch,
      seqHigh: Number(meta.get('seq_high') ?? 0),
      cityNow,
      keyframeSeq: frame ? Number(frame.seq) : 0,
      reportSeqs: new Map(incidents.map((r) => [r.data.id, Number(r.reported_seq)])),
      state: {
        city: inventory.city,
        clock: { now: cityNow, scale: 1, simulated: false },
        incidents: incidents.map((r) => r.data),
        alerts: alerts.map((r) => r.data),
        cameras: inventory.cameras.map((c) => (online.has(c.id) ? { ...c, online: online.get(c.id)! } : c)),
        kpis: kpis.map((r) => r.data),
        lamps,
      },
      audit: audit.map((r) => r.entry),
      answers: answers.map((r) => ({ commandId: r.command_id, fingerprint: r.fingerprint, ack: r.ack })),
    };
  }

  /**
   * Starts a new history: a new epoch, the city's inventory and its first state (seq 0). Returns the
   * epoch. Refuses a database that already has one: two first producers must not both win.
   */
  async create(state: HubState, cityNow: number): Promise<string> {
    const epoch = randomUUID();
    const { lamps } = state;
    const inventory = inventoryOf(state);
    await this.db.transaction(async (tx) => {
      const taken = await tx.query(
        `insert into meta (key, value) values ('epoch', $1) on conflict do nothing returning key`,
        [JSON.stringify(epoch)],
      );
      if (taken.length === 0) throw new Error('this database already holds a city: restart to load it');
      await setMeta(tx, 'inventory', inventory);
      await setMeta(tx, 'city_now', cityNow);
      await setMeta(tx, 'seq_high', 0);
      await upsertIncidents(tx, state.incidents, 0);
      await insertAlerts(tx, state.alerts, 0);
      await insertKpis(
        tx,
        state.kpis.map((k) => ({ kpi: k, seq: 0 })),
      );
      await upsertCabinets(
        tx,
        lamps.cabinets.flatMap((c) => (c.status ? [{ status: { id: c.id, ...c.status }, seq: 0 }] : [])),
      );
      await writeKeyframe(tx, 0, cityNow, lamps);
    });
    return epoch;
  }

  /**
   * History samples written directly, not as events (a simulated history at a new city's first
   * start): each replaces what is held for its indicator, ward and period.
   */
  async addKpiHistory(samples: readonly KpiSample[]): Promise<void> {
    const rows = samples.flatMap((sample) => {
      const def = kpiDefinition(sample.id);
      return def ? [{ kpi: kpiOfSample(sample, def), seq: null }] : [];
    });
    // In slices: one statement's arrays stay a few megabytes however long the history.
    for (let i = 0; i < rows.length; i += 5000) {
      await this.db.transaction((tx) => insertKpis(tx, rows.slice(i, i + 5000)));
    }
  }

  /** Each indicator's newest sample of its own period kind, for the city and for each ward. */
  async kpiLatest(): Promise<KpiSample[]> {
    const rows = await this.db.query<KpiRow>(
      `select distinct on (k.id, coalesce(k.ward, '')) ${KPI_COLUMNS} from kpi_samples k
       join unnest($1::text[], $2::text[]) as c(id, kind) on c.id = k.id and k.period_kind = c.kind
       order by k.id, coalesce(k.ward, ''), k.period_start desc`,
      OWN_KINDS,
    );
    return rows.map(sampleOfRow);
  }

  /** An indicator's samples by period start (then kind, longest first, then ward). */
  async kpiHistory(q: KpiHistoryQuery): Promise<KpiSample[]> {
    const wardClause =
      q.ward === 'all' ? 'k.ward is not null' : q.ward === null ? 'k.ward is null' : 'k.ward = $5';
    const rows = await this.db.query<KpiRow>(
      `select ${KPI_COLUMNS} from kpi_samples k
       where k.id = $1 and k.period_start >= $2 and k.period_start <= $3
         and ($4::text is null or k.period_kind = $4) and ${wardClause}
       order by k.period_start,
         array_position(array['year', 'quarter', 'month', 'day'], k.period_kind), coalesce(k.ward, '')`,
      [
        q.id,
        new Date(q.from).toISOString(),
        new Date(q.to).toISOString(),
        q.kind ?? null,
        ...(typeof q.ward === 'string' && q.ward !== 'all' ? [q.ward] : []),
      ],
    );
    return rows.map(sampleOfRow);
  }

  /** Finished reports from before the city's start (its seeded past): one already held is kept. */
  async addReportHistory(records: readonly ReportRecord[]): Promise<void> {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    for (let i = 0; i < records.length; i += 5000) {
      const slice = records.slice(i, i + 5000);
      await this.db.query(
        `insert into report_history (id, category, ward, reported_at, resolved_at, deadline, simulated)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
                              $6::timestamptz[], $7::boolean[])
         on conflict (id) do nothing`,
        [
          slice.map((r) => r.id),
          slice.map((r) => r.category),
          slice.map((r) => r.ward ?? null),
          slice.map((r) => iso(r.reportedAt)),
          slice.map((r) => iso(r.resolvedAt)),
          slice.map((r) => iso(r.deadline)),
          slice.map((r) => r.simulated === true),
        ],
      );
    }
  }

  /**
   * Every report received or resolved in [from, to): the stored past's and the incidents'. An
   * incident is read with its resolved steps only, and made a record by the incidents' own rule.
   */
  async reportsBetween(from: number, to: number): Promise<ReportRecord[]> {
    const range = [new Date(from).toISOString(), new Date(to).toISOString()];
    const [past, incidents] = await Promise.all([
      this.db.query<{
        id: string;
        category: string;
        ward: string | null;
        reported_at: Date | string;
        resolved_at: Date | string | null;
        deadline: Date | string;
        simulated: boolean;
      }>(
        `select id, category, ward, reported_at, resolved_at, deadline, simulated from report_history
         where (reported_at >= $1 and reported_at < $2) or (resolved_at >= $1 and resolved_at < $2)`,
        range,
      ),
      // Received before `to` and changed since `from`: every one received or resolved in the range.
      this.db.query<{ data: Incident }>(
        `select jsonb_build_object(
           'id', data->'id', 'category', data->'category', 'ward', data->'ward',
           'reportedAt', data->'reportedAt', 'status', data->'status', 'updatedAt', data->'updatedAt',
           'history', jsonb_path_query_array(data->'history', '$[*] ? (@.status == "resolved")')
         ) as data
         from incidents where updated_at >= $1 and (data->>'reportedAt')::timestamptz < $2`,
        range,
      ),
    ]);
    const ms = (t: Date | string) => new Date(t).getTime();
    return [
      ...past.map((r) => ({
        id: r.id,
        category: r.category,
        ...(r.ward !== null ? { ward: r.ward } : {}),
        reportedAt: ms(r.reported_at),
        resolvedAt: r.resolved_at === null ? null : ms(r.resolved_at),
        deadline: ms(r.deadline),
        ...(r.simulated ? { simulated: true } : {}),
      })),
      ...incidents.map((r) => reportRecordOf(r.data)),
    ];
  }

  /** One group commit. Resolves once the transaction is committed. */
  async write(batch: Batch): Promise<void> {
    await this.db.transaction((tx) => this.writeIn(tx, batch));
  }

  /**
   * One batch inside the caller's transaction. With `telemetry`, lamp events are written too (a log
   * shared by several nodes must be readable back without a hole; see sharedLog.ts).
   */
  async writeIn(tx: Tx, batch: Batch, telemetry = false): Promise<void> {
    const durable = batch.events.filter((e) => !TELEMETRY_TYPES.has(e.type));
    if (telemetry) {
      const lamps = batch.events.filter((e) => TELEMETRY_TYPES.has(e.type));
      if (lamps.length > 0) {
        await tx.query(
          `insert into telemetry (seq, ts, type, data)
           select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::jsonb[])`,
          [
            lamps.map((e) => e.seq),
            lamps.map((e) => Math.round(e.ts)),
            lamps.map((e) => e.type),
            lamps.map((e) => JSON.stringify(e.data)),
          ],
        );
      }
    }
    {
      if (durable.length > 0) {
        await tx.query(
          `insert into events (seq, type, ts, data)
           select * from unnest($1::bigint[], $2::text[], $3::bigint[], $4::jsonb[])`,
          [
            durable.map((e) => e.seq),
            durable.map((e) => e.type),
            durable.map((e) => Math.round(e.ts)),
            durable.map((e) => JSON.stringify(e.data)),
          ],
        );
        await this.writeProjections(tx, durable, batch.state);
      }
      if (batch.audit.length > 0) await insertAudit(tx, batch.audit);
      if (batch.inventory) {
        await setMeta(tx, 'inventory', batch.inventory.inventory);
        // The lamp columns now have the inventory's length: a restart must find a keyframe that fits.
        await writeKeyframe(tx, batch.inventory.seq, batch.cityNow, batch.state.lamps);
      }
      if (batch.seqHigh !== undefined) await setMeta(tx, 'seq_high', batch.seqHigh);
      await setMeta(tx, 'city_now', batch.cityNow);
    }
  }

  /**
   * Locks the shared log's head (server/sharedLog.ts) until the transaction ends and returns its seq.
   * A database used by one node before starts its shared log above that node's reservation.
   */
  async lockHead(tx: Tx): Promise<number> {
    const rows = await tx.query<{ seq: number }>(`select seq from log_head where id = 1 for update`);
    if (rows[0]) return Number(rows[0].seq);
    const meta = await tx.query<{ value: unknown }>(`select value from meta where key = 'seq_high'`);
    const start = Number(meta[0]?.value ?? 0) + 1;
    await tx.query(`insert into log_head (id, seq) values (1, $1) on conflict (id) do nothing`, [start]);
    const again = await tx.query<{ seq: number }>(`select seq from log_head where id = 1 for update`);
    return Number(again[0]!.seq);
  }

  async setHead(tx: Tx, seq: number): Promise<void> {
    await tx.query(`update log_head set seq = $1 where id = 1`, [seq]);
    // A node started alone later on this database goes on above every seq the cluster gave.
    await setMeta(tx, 'seq_high', seq);
  }

  /** The shared log's head without a lock (a node checking whether it missed something). */
  async head(): Promise<number | null> {
    const rows = await this.db.query<{ seq: number }>(`select seq from log_head where id = 1`);
    return rows[0] ? Number(rows[0].seq) : null;
  }

  /**
   * The shared log's events with seq in (after, upTo], oldest first, telemetry included: what a node
   * replays to catch up. Null when the telemetry table no longer reaches back that far.
   */
  async readLog(q: Tx | Db, after: number, upTo: number): Promise<StreamEvent[] | null> {
    if (upTo <= after) return [];
    const rows = await q.query<LogRow>(LOG_BETWEEN, [after, upTo]);
    const out = rows.map(toEvent);
    // Contiguous or nothing: a hole means pruned telemetry (or a gap of a restart), not a replay.
    for (let i = 0; i < out.length; i++) if (out[i]!.seq !== after + 1 + i) return null;
    return out.length === upTo - after ? out : null;
  }

  /** Stored events (not lamp telemetry) with seq > `after`, oldest first: history beyond the memory log. */
  async eventsAfter(after: number, limit: number): Promise<StreamEvent[]> {
    const rows = await this.db.query<LogRow>(
      `select seq, type, ts, data from events where seq > $1 order by seq limit $2`,
      [after, limit],
    );
    return rows.map(toEvent);
  }

  /** The shared log's head, made if this database has none yet. */
  async initHead(): Promise<number> {
    return this.db.transaction((tx) => this.lockHead(tx));
  }

  /** Lamp telemetry with seq in (after, upTo], oldest first. */
  async telemetryBetween(after: number, upTo: number): Promise<StreamEvent[]> {
    const rows = await this.db.query<LogRow>(
      `select seq, type, ts, data from telemetry where seq > $1 and seq <= $2 order by seq`,
      [after, upTo],
    );
    return rows.map(toEvent);
  }

  /** The newest events of the shared log up to `head`, at most `n`, contiguous and ending at `head`. */
  async logTail(head: number, n: number): Promise<StreamEvent[]> {
    const events = (await this.readLogLoose(Math.max(0, head - n), head)).reverse();
    const out: StreamEvent[] = [];
    for (const e of events) {
      if (e.seq !== head - out.length) break;
      out.push(e);
    }
    return out.reverse();
  }

  private async readLogLoose(after: number, upTo: number): Promise<StreamEvent[]> {
    const rows = await this.db.query<LogRow>(LOG_BETWEEN, [after, upTo]);
    return rows.map(toEvent);
  }

  /** The stored inventory (a node learning that another one adopted it). */
  async inventory(): Promise<Inventory | null> {
    const rows = await this.db.query<{ value: Inventory }>(`select value from meta where key = 'inventory'`);
    return rows[0]?.value ?? null;
  }

  /** Keeps the shared log's telemetry to its newest `keep` seqs. */
  async pruneTelemetry(head: number, keep: number): Promise<void> {
    await this.db.query(`delete from telemetry where seq <= $1`, [head - keep]);
  }

  /**
   * Every lamp's state and level as of `seq`. Older keyframes are thinned: over the last day (what a
   * replay reaches back to, with a margin) the first of each KEYFRAME_SLOT_MS of city time stays, before
   * it the first of each city hour.
   */
  async keyframe(
    seq: number,
    cityNow: number,
    lamps: Pick<HubLampColumns, 'state' | 'level'>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await writeKeyframe(tx, seq, cityNow, lamps);
      await setMeta(tx, 'city_now', cityNow);
      // The newest 60 stay whatever their age (a restart needs the newest).
      await tx.query(
        `delete from lamp_keyframes k
         where k.seq < (select min(seq) from (select seq from lamp_keyframes order by seq desc limit 60) newest)
           and exists (select 1 from lamp_keyframes o
                       where o.seq < k.seq and case when k.ts > $1 then o.ts / $2 = k.ts / $2
                                                    else o.ts / 3600000 = k.ts / 3600000 end)`,
        [Math.round(cityNow - REPLAY_SPAN_MS - 2 * 3600_000), KEYFRAME_SLOT_MS],
      );
    });
  }

  private async meta(): Promise<Map<string, unknown>> {
    const rows = await this.db.query<{ key: string; value: unknown }>(`select key, value from meta`);
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  private async writeProjections(tx: Tx, events: readonly StreamEvent[], state: HubState): Promise<void> {
    const touched = new Map<string, number>();
    const alerts: { alert: CameraAlert; seq: number }[] = [];
    const kpis: { kpi: Kpi; seq: number | null }[] = [];
    const cameras = new Map<string, { online: boolean; seq: number }>();
    const cabinets = new Map<string, { status: CabinetStatus; seq: number }>();
    for (const e of events) {
      switch (e.type) {
        case 'incident.reported':
        case 'incident.updated':
          touched.set(e.data.id, e.seq);
          break;
        case 'camera.alert':
          alerts.push({ alert: e.data, seq: e.seq });
          break;
        case 'camera.status':
          cameras.set(e.data.id, { online: e.data.online, seq: e.seq });
          break;
        case 'kpi.updated':
          kpis.push({ kpi: e.data, seq: e.seq });
          break;
        case 'cabinet.updated':
          cabinets.set(e.data.id, { status: e.data, seq: e.seq });
          break;
      }
    }
    if (touched.size > 0) {
      // Written as they now stand, timeline and all; one pass over the state finds them.
      const changed: Incident[] = [];
      for (const inc of state.incidents) if (touched.has(inc.id)) changed.push(inc);
      await upsertIncidents(tx, changed, touched);
    }
    if (alerts.length > 0) {
      await tx.query(
        `insert into camera_alerts (id, seq, data) select * from unnest($1::text[], $2::bigint[], $3::jsonb[])
         on conflict (id) do update set seq = excluded.seq, data = excluded.data`,
        [alerts.map((a) => a.alert.id), alerts.map((a) => a.seq), alerts.map((a) => JSON.stringify(a.alert))],
      );
    }
    if (kpis.length > 0) await insertKpis(tx, kpis);
    if (cameras.size > 0) {
      const rows = [...cameras];
      await tx.query(
        `insert into camera_status (id, online, seq) select * from unnest($1::text[], $2::boolean[], $3::bigint[])
         on conflict (id) do update set online = excluded.online, seq = excluded.seq`,
        [rows.map(([id]) => id), rows.map(([, c]) => c.online), rows.map(([, c]) => c.seq)],
      );
    }
    if (cabinets.size > 0) await upsertCabinets(tx, [...cabinets.values()]);
  }
}

type LogRow = { seq: number; type: string; ts: number; data: unknown };
const LOG_BETWEEN = `select seq, type, ts, data from events where seq > $1 and seq <= $2
   union all
   select seq, type, ts, data from telemetry where seq > $1 and seq <= $2
   order by seq`;
const toEvent = (r: LogRow): StreamEvent =>
  ({ seq: Number(r.seq), type: r.type, ts: Number(r.ts), data: r.data }) as StreamEvent;

async function setMeta(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx.query(
    `insert into meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`,
    [key, JSON.stringify(value)],
  );
}

/** `seq`: one for all (0, the first state) or each incident's by id. */
async function upsertIncidents(
  tx: Tx,
  list: readonly Incident[],
  seq: number | Map<string, number>,
): Promise<void> {
  if (list.length === 0) return;
  await tx.query(
    `insert into incidents (id, reported_seq, seq, status, updated_at, data)
     select id, seq, seq, status, updated_at, data
     from unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::jsonb[]) as t(id, seq, status, updated_at, data)
     on conflict (id) do update set seq = excluded.seq, status = excluded.status,
       updated_at = excluded.updated_at, data = excluded.data`,
    [
      list.map((i) => i.id),
      list.map((i) => (typeof seq === 'number' ? seq : (seq.get(i.id) ?? 0))),
      list.map((i) => i.status),
      list.map((i) => i.updatedAt),
      list.map((i) => JSON.stringify(i)),
    ],
  );
}

async function insertAlerts(tx: Tx, alerts: readonly CameraAlert[], seq: number): Promise<void> {
  if (alerts.length === 0) return;
  await tx.query(
    `insert into camera_alerts (id, seq, data) select * from unnest($1::text[], $2::bigint[], $3::jsonb[])
     on conflict (id) do nothing`,
    [alerts.map((a) => a.id), alerts.map(() => seq), alerts.map((a) => JSON.stringify(a))],
  );
}

/** Each indicator's own period kind, as query parameters (ids, kinds). */
export const OWN_KINDS = [HUE_KPIS.map((k) => k.id), HUE_KPIS.map((k) => k.period)];

const KPI_COLUMNS = `k.id, k.value, k.at, k.period_kind, k.period_start, k.ward, k.simulated`;
type KpiRow = {
  id: string;
  value: number;
  at: Date | string;
  period_kind: KpiSample['period']['kind'];
  period_start: Date | string;
  ward: string | null;
  simulated: boolean;
};

function sampleOfRow(r: KpiRow): KpiSample {
  return {
    id: r.id,
    value: Number(r.value),
    at: new Date(r.at).toISOString(),
    period: { kind: r.period_kind, start: new Date(r.period_start).toISOString() },
    ...(r.ward !== null ? { ward: r.ward } : {}),
    ...(r.simulated ? { simulated: true } : {}),
  };
}

/**
 * KPI values as samples of their period; `data` keeps each as it came, for the state after a restart.
 * Of several for one indicator, ward and period in a batch, the last is kept, as it would replace the
 * others one by one.
 */
async function insertKpis(tx: Tx, rows: readonly { kpi: Kpi; seq: number | null }[]): Promise<void> {
  const byKey = new Map<string, { kpi: Kpi; seq: number | null; sample: KpiSample | null }>();
  rows.forEach((row, i) => {
    const sample = sampleOf(row.kpi);
    // An id outside the catalogue (a log from before it) has no period to be keyed by.
    const key = sample
      ? `${sample.id}|${sample.ward ?? ''}|${sample.period.kind}|${sample.period.start}`
      : `#${i}`;
    byKey.delete(key);
    byKey.set(key, { ...row, sample });
  });
  const list = [...byKey.values()];
  if (list.length === 0) return;
  await tx.query(
    `insert into kpi_samples (seq, id, at, value, data, period_kind, period_start, ward, simulated)
     select * from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::float8[], $5::jsonb[],
                          $6::text[], $7::timestamptz[], $8::text[], $9::boolean[])
     on conflict (id, (coalesce(ward, '')), period_start, period_kind) do update set
       seq = excluded.seq, at = excluded.at, value = excluded.value, data = excluded.data,
       simulated = excluded.simulated`,
    [
      list.map((r) => r.seq),
      list.map((r) => r.kpi.id),
      list.map((r) => r.kpi.at),
      list.map((r) => r.kpi.value),
      list.map((r) => JSON.stringify(r.kpi)),
      list.map((r) => r.sample?.period.kind ?? null),
      list.map((r) => r.sample?.period.start ?? null),
      list.map((r) => r.kpi.ward ?? null),
      list.map((r) => r.kpi.simulated === true),
    ],
  );
}

async function upsertCabinets(
  tx: Tx,
  rows: readonly { status: CabinetStatus; seq: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into cabinet_status (id, seq, status) select * from unnest($1::text[], $2::bigint[], $3::jsonb[])
     on conflict (id) do update set seq = excluded.seq, status = excluded.status`,
    [rows.map((r) => r.status.id), rows.map((r) => r.seq), rows.map((r) => JSON.stringify(r.status))],
  );
}

async function insertAudit(tx: Tx, records: readonly AuditRecord[]): Promise<void> {
  await tx.query(
    `insert into audit (at, by_name, role, command_id, type, incident_id, cabinet_id, ok, duplicate, fingerprint, ack, entry)
     select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::boolean[], $9::boolean[], $10::text[], $11::jsonb[], $12::jsonb[])`,
    [
      records.map((r) => r.entry.at),
      records.map((r) => r.entry.by),
      records.map((r) => r.entry.role),
      records.map((r) => r.entry.commandId),
      records.map((r) => r.entry.type),
      records.map((r) => r.entry.incidentId),
      records.map((r) => r.entry.cabinetId ?? null),
      records.map((r) => r.entry.ok),
      records.map((r) => r.entry.duplicate === true),
      records.map((r) => r.fingerprint),
      records.map((r) => (r.ack ? JSON.stringify(r.ack) : null)),
      records.map((r) => JSON.stringify(r.entry)),
    ],
  );
}

async function writeKeyframe(
  tx: Tx,
  seq: number,
  cityNow: number,
  lamps: Pick<HubLampColumns, 'state' | 'level'>,
): Promise<void> {
  const level = new Uint8Array(lamps.level.buffer, lamps.level.byteOffset, lamps.level.byteLength);
  await tx.query(
    `insert into lamp_keyframes (seq, ts, state, level) values ($1, $2, $3, $4)
     on conflict (seq) do update set ts = excluded.ts, state = excluded.state, level = excluded.level`,
    [
      seq,
      Math.round(cityNow),
      Buffer.from(lamps.state.buffer, lamps.state.byteOffset, lamps.state.byteLength),
      Buffer.from(level),
    ],
  );
}

export function bytesToFloat64(bytes: Uint8Array): Float64Array {
  // A copy: the driver's buffer may not sit on an 8-byte boundary.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}
