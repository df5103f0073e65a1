import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/commands';
import type { HubOptions } from '../../server/hub';
import { openDb } from '../../server/store/db';
import type { CommandAck, Snapshot } from '../../src/shared/protocol/events';
import { postgresBin, usePostgres } from '../support/postgres';
import { lampDrawW } from '../../src/shared/lights/energy';
import { LAMP_FAULT, LAMP_OFF } from '../../src/shared/protocol/codes';
import { decodeLampRuns, type ReplayHistory } from '../../src/shared/protocol/replay';
import { reported, useHarness, waitFor, type Harness, type Viewer } from './harness';

// The hub's durable record, on the embedded PGlite and on a real PostgreSQL: what was answered 202
// or `ok` is there after a restart, seqs go on above the old ones, and a client of the old run is
// brought back by a snapshot. The kill -9 case, with a separate process, is in restart.test.ts.

const HOUR = 3_600_000;

function command(v: Viewer, id: string, type: string, data: Record<string, unknown>): Promise<CommandAck> {
  return v.socket.timeout(5000).emitWithAck('command', { id, type, data }) as Promise<CommandAck>;
}

async function snapshotOf(hub: { url: string }): Promise<Snapshot> {
  const res = await fetch(`${hub.url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
  return (await res.json()) as Snapshot;
}

/** Writes, restarts and checks one store; `storage` names it. */
async function restartKeepsEverything(
  h: Harness,
  storage: NonNullable<HubOptions['storage']>,
): Promise<void> {
  const first = await h.start({ storage });
  expect(first.started).toMatchObject({ restored: false });
  const reports = Array.from({ length: 30 }, (_, i) => reported({ id: `dur-${i}` }));
  const ingested = await h.ingest(first, reports);
  expect(ingested.status).toBe(202);
  const kpi = {
    type: 'kpi.updated',
    data: { id: 'online-services-rate', value: 87.5, unit: 'percent', at: '2026-11-23T10:00:00.000Z' },
  };
  expect((await h.ingest(first, [kpi])).status).toBe(202);
  const operator = await h.connect(first, { token: 'dev-operator' });
  expect(await command(operator, 'c-1', 'incident.acknowledge', { incidentId: 'dur-3' })).toEqual({
    ok: true,
  });
  expect(
    await command(operator, 'c-2', 'incident.assign', { incidentId: 'dur-3', department: 'transport' }),
  ).toEqual({
    ok: true,
  });
  const before = await snapshotOf(first);
  const lastSeq = before.seq;
  operator.socket.disconnect();
  await first.close();

  const second = await h.start({ storage });
  expect(second.started).toMatchObject({ restored: true });
  expect(second.epoch).toBe(first.epoch);
  const after = await snapshotOf(second);
  expect(after.epoch).toBe(first.epoch);
  // The same incidents, each with its whole timeline, and the KPI.
  expect(after.state.incidents).toEqual(before.state.incidents);
  expect(after.state.incidents.find((i) => i.id === 'dur-3')?.history.map((e) => e.status)).toEqual([
    'received',
    'received',
    'assigned',
  ]);
  expect(after.state.kpis).toEqual(before.state.kpis);
  // Seqs go on above everything the first run may have sent.
  expect(after.seq).toBeGreaterThan(lastSeq);
  const more = await h.ingest(second, [reported({ id: 'dur-after' })]);
  expect(more.body.seqs?.[0]).toBeGreaterThan(lastSeq + 1);
  // A producer re-sending what the first run answered (its retry across the restart) is answered with
  // the first seqs, and nothing is reported twice.
  const resent = await h.ingest(second, reports.slice(0, 3));
  expect(resent.body.seqs).toEqual(ingested.body.seqs?.slice(0, 3));
  expect((await snapshotOf(second)).state.incidents.filter((i) => i.id === 'dur-0')).toHaveLength(1);

  // A client of the first run resumes with its lastSeq and gets a snapshot, not a replay with a hole.
  const back = await h.connect(second, { token: 'dev-operator', lastSeq, epoch: first.epoch });
  await back.until((v) => v.snapshots.length === 1, 'a snapshot');
  expect(back.snapshots[0]!.state.incidents.map((i) => i.id)).toContain('dur-after');

  // The audit trail survived, and a retried command id gets its first answer without acting again.
  const audit = await h.get<{ entries: AuditEntry[] }>(second, '/api/audit?incidentId=dur-3', 'dev-operator');
  expect(audit.body.entries.map((e) => [e.commandId, e.ok])).toEqual([
    ['c-1', true],
    ['c-2', true],
  ]);
  const retry = await command(back, 'c-1', 'incident.acknowledge', { incidentId: 'dur-3' });
  expect(retry).toEqual({ ok: true });
  const history = (await snapshotOf(second)).state.incidents.find((i) => i.id === 'dur-3')?.history;
  expect(history).toHaveLength(3);
}

describe('durable storage on the embedded PGlite', () => {
  const h = useHarness();

  it('keeps incidents, their timelines, KPIs and the audit trail across a restart; seq and epoch go on', async () => {
    await restartKeepsEverything(h, { dataDir: mkdtempSync(join(tmpdir(), 'ioc-dur-')) });
  });

  it("keeps the evening's lighting power after a restart as the stored keyframes have it, an operator's switch-off too", async () => {
    const storage = { dataDir: mkdtempSync(join(tmpdir(), 'ioc-dur-')) };
    // The simulator at ×1440 from 17:00: dusk comes within seconds, and the lamps' changes are written
    // as keyframes. A restarted simulator makes up its past from its schedule, which knows nothing of
    // what an operator switched.
    const sim = { seed: 11, lamps: 300, timeScale: 1440 };
    const first = await h.start({
      storage,
      sim,
      keyframeMs: 200,
      limits: { commands: { perSec: 0, burst: 0 } },
    });
    const start = first.cityNow;
    await waitFor(() => first.cityNow >= start + 0.75 * HOUR, 'dusk', 20_000);
    const op = await h.connect(first, { token: 'dev-operator' });
    await op.until((v) => v.snapshots.length === 1, 'snapshot');
    const cabinets = op.snapshots[0]!.state.lamps.cabinets.slice(0, 3);
    const offAt = first.cityNow;
    for (const c of cabinets) {
      const ack = await command(op, `off-${c.id}`, 'lights.set', { cabinetId: c.id, mode: 'off' });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
    }
    // A later change, so that the switch-off is not the last keyframe (the restarted city goes on from
    // the last one it stored).
    await waitFor(() => first.cityNow >= start + 1.25 * HOUR, 'later in the evening', 20_000);
    const dim = op.snapshots[0]!.state.lamps.cabinets[3]!;
    expect((await command(op, 'dim', 'lights.set', { cabinetId: dim.id, mode: 'dim', level: 50 })).ok).toBe(
      true,
    );
    await waitFor(() => first.cityNow >= start + 1.5 * HOUR, 'an hour and a half', 20_000);
    await first.close();

    // Restarted at real speed, so that the moment it starts from is known to a few milliseconds.
    const second = await h.start({ storage, sim: { ...sim, timeScale: 1 }, keyframeMs: 200 });
    const restartedAt = second.cityNow;
    const snap = await snapshotOf(second);
    const power = new Map(snap.power!.points.map(([t, w]) => [t, w]));
    const q = `?from=${new Date(start).toISOString()}&to=${new Date(Math.floor(restartedAt)).toISOString()}`;
    const replay = await h.get<ReplayHistory>(second, `/api/replay${q}`, 'dev-operator');
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
    // From the city minute of the restart on, the restarted hub's own reading of its lamps holds.
    const frames = replay.body.lamps.filter((f) => f.at < restartedAt - 60_000);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    // At each stored keyframe the meter holds what those lamps drew, found here from the replay's runs.
    const { watts, count } = snap.state.lamps;
    const drawn = frames.map((f) => {
      const { state, level } = decodeLampRuns(f.runs, count);
      let w = 0;
      for (let i = 0; i < count; i++) w += lampDrawW(state[i]!, level[i]!, watts[i]!);
      return Math.round(w);
    });
    expect(frames.map((f) => power.get(f.at))).toEqual(drawn);
    expect(drawn[0], 'lamps off before dusk').toBe(0);
    const before = frames.findLast((f) => f.at < offAt)!;
    const after = frames.find((f) => f.at > offAt)!;
    expect(power.get(after.at), 'three cabinets switched off').toBeLessThan(power.get(before.at)!);

    // And the restarted simulator keeps what the operator switched: the cabinets still overridden
    // are off, and so are their lamps (bar failed ones).
    const lamps = snap.state.lamps;
    const stillOff = cabinets
      .map((c) => lamps.cabinets.findIndex((x) => x.id === c.id))
      .filter((k) => {
        const status = lamps.cabinets[k]!.status;
        return status?.mode === 'off' && (status.override?.until ?? 0) > restartedAt;
      });
    expect(stillOff.length, 'a cabinet whose override lasts past the restart').toBeGreaterThan(0);
    for (const k of stillOff) {
      const states = lamps.state.filter((_, i) => lamps.cabinet[i] === k);
      expect(new Set(states.filter((st) => st !== LAMP_FAULT)), lamps.cabinets[k]!.id).toEqual(
        new Set([LAMP_OFF]),
      );
    }
  }, 60_000);

  it('starts a new epoch on a new database: an old client is sent a snapshot whatever its lastSeq', async () => {
    const a = await h.start({ storage: { dataDir: mkdtempSync(join(tmpdir(), 'ioc-dur-')) } });
    await h.ingest(a, [reported(), reported(), reported()]);
    await a.close();
    const b = await h.start({ storage: { dataDir: mkdtempSync(join(tmpdir(), 'ioc-dur-')) } });
    expect(b.epoch).not.toBe(a.epoch);
    await h.ingest(b, [reported(), reported(), reported(), reported()]);
    // lastSeq 1 would be a valid replay point in b's log: only the epoch tells it is another history.
    const v = await h.connect(b, { token: 'dev-operator', lastSeq: 1, epoch: a.epoch });
    await v.until((x) => x.snapshots.length === 1, 'a snapshot');
    expect(v.events).toHaveLength(0);
    const same = await h.connect(b, { token: 'dev-operator', lastSeq: 1, epoch: b.epoch });
    await same.until((x) => x.events.length === 3, 'a replay of seqs 2-4');
    expect(same.snapshots).toHaveLength(0);
  });

  it('refuses a database written by a newer server, with a message that says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-dur-'));
    const hub = await h.start({ storage: { dataDir } });
    await hub.close();
    const db = await openDb({ dataDir });
    await db.query(`insert into schema_migrations (version, name) values (999, 'from the future')`);
    await db.close();
    await expect(h.start({ storage: { dataDir } })).rejects.toThrow(
      /schema version 999, newer than this server/,
    );
  });
});

const pgInstalled = postgresBin() !== null;
// CI installs PostgreSQL (.ci/run); elsewhere these run wherever Debian's postgresql is installed.
describe.runIf(pgInstalled || process.env.CI)('durable storage on PostgreSQL', () => {
  const h = useHarness();
  const pg = usePostgres();

  it('keeps everything across a restart with the same schema and code as PGlite', async () => {
    await restartKeepsEverything(h, { databaseUrl: pg().url });
  });
});
