import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/commands';
import type { HubOptions } from '../../server/hub';
import type { TokenMap } from '../../server/tokens';
import { makeStore } from '../../src/app/store';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { connectRealtime, type RealtimeConnection } from '../../src/realtime/connect';
import type { CommandAck, IncidentUpdated, Snapshot } from '../../src/shared/protocol/events';
import { reported, TOKENS, useHarness, waitFor, type Viewer } from './harness';
import { selectIncidentById } from '../../src/features/incidents/incidentsSlice';

// Operator commands against the real hub over real sockets: roles, the workflow, its refusals,
// retries, two operators racing, the audit trail, and who sees the result.

const AN = 'Nguyễn Văn An';
const BINH = 'Trần Thị Bình';
const NAMED: TokenMap = {
  ...TOKENS,
  'dev-operator': { role: 'operator', name: AN },
  'dev-operator-2': { role: 'operator', name: BINH },
};

type Sent = { id: string; ack: CommandAck };

/** Emits one `command` and waits for the hub's acknowledgement. */
async function command(
  v: Viewer,
  type: string,
  data: Record<string, unknown>,
  id: string = randomUUID(),
): Promise<Sent> {
  const ack = (await v.socket.timeout(3000).emitWithAck('command', { id, type, data })) as CommandAck;
  return { id, ack };
}

function updatesOf(v: Viewer, incidentId: string): IncidentUpdated[] {
  return v.events.flatMap((e) => (e.type === 'incident.updated' && e.data.id === incidentId ? [e.data] : []));
}

describe('operator commands', () => {
  const h = useHarness();

  /** A hub without the simulator, holding the given incidents, with an operator and a leader connected. */
  async function city(ids: string[], opts: HubOptions = {}) {
    const hub = await h.start({ tokens: NAMED, ...opts });
    const ingested = await h.ingest(
      hub,
      ids.map((id) => reported({ id })),
    );
    expect(ingested.status).toBe(202);
    const operator = await h.connect(hub, { token: 'dev-operator' });
    const leader = await h.connect(hub, { token: 'dev-leader' });
    await operator.untilSeq(hub.seq);
    await leader.untilSeq(hub.seq);
    return { hub, operator, leader };
  }

  /** Everything committed so far has reached `v`: a sentinel report, then its seq. */
  async function settled(hub: Awaited<ReturnType<typeof city>>['hub'], ...viewers: Viewer[]) {
    await h.ingest(hub, [reported()]);
    await Promise.all(viewers.map((v) => v.untilSeq(hub.seq)));
  }

  it('takes commands from operators only: leaders and guests are forbidden and change nothing', async () => {
    const { hub, operator, leader } = await city(['i1']);
    const guest = await h.connect(hub, { token: 'dev-guest' });
    const seq = hub.seq;
    expect((await command(leader, 'incident.acknowledge', { incidentId: 'i1' })).ack).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect((await command(guest, 'incident.acknowledge', { incidentId: 'i1' })).ack).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(hub.seq).toBe(seq);
    expect((await command(operator, 'incident.acknowledge', { incidentId: 'i1' })).ack).toEqual({ ok: true });
    expect(hub.seq).toBe(seq + 1);
  });

  it('runs received → acknowledge → assign → start → resolve, broadcast to a leader with who, when and what', async () => {
    const { hub, operator, leader } = await city(['i1']);
    const before = Date.now();
    const steps = [
      await command(operator, 'incident.acknowledge', { incidentId: 'i1' }),
      await command(operator, 'incident.assign', { incidentId: 'i1', department: 'transport' }),
      await command(operator, 'incident.start', { incidentId: 'i1' }),
      await command(operator, 'incident.resolve', { incidentId: 'i1', note: 'Đã vá ổ gà, thông đường' }),
    ];
    expect(steps.map((s) => s.ack)).toEqual(Array(4).fill({ ok: true }));
    await leader.until((v) => updatesOf(v, 'i1').length === 4, 'four updates at the leader');

    const seen = updatesOf(leader, 'i1');
    expect(seen.map((u) => [u.status, u.by, u.commandId])).toEqual([
      ['received', AN, steps[0]!.id],
      ['assigned', AN, steps[1]!.id],
      ['in_progress', AN, steps[2]!.id],
      ['resolved', AN, steps[3]!.id],
    ]);
    expect(seen[0]!.acknowledged).toBe(true);
    expect(seen[1]!.department).toBe('transport');
    expect(seen[3]!.note).toBe('Đã vá ổ gà, thông đường');
    for (const u of seen) {
      // No simulator: city time is the hub's wall clock.
      expect(Date.parse(u.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(u.at)).toBeLessThanOrEqual(Date.now() + 1000);
    }

    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-leader');
    const inc = snap.body.state.incidents.find((i) => i.id === 'i1');
    expect(inc).toMatchObject({ status: 'resolved', department: 'transport', acknowledgedBy: AN });
    expect(inc?.history.map((e) => [e.status, e.by])).toEqual([
      ['received', 'hue-s'],
      ['received', AN],
      ['assigned', AN],
      ['in_progress', AN],
      ['resolved', AN],
    ]);
    expect(inc?.history[4]?.note).toBe('Đã vá ổ gà, thông đường');
  });

  it('refuses illegal transitions, naming them, and changes nothing', async () => {
    const { hub, operator } = await city(['i1', 'i2']);
    const seq = hub.seq;
    const refused = async (type: string, data: Record<string, unknown>) =>
      (await command(operator, type, data)).ack;

    expect(await refused('incident.resolve', { incidentId: 'i1', note: 'xong' })).toEqual({
      ok: false,
      error: 'illegal transition: incident.resolve from received',
    });
    expect(await refused('incident.start', { incidentId: 'i1' })).toEqual({
      ok: false,
      error: 'illegal transition: incident.start from received',
    });
    expect(hub.seq).toBe(seq);

    expect(await refused('incident.reject', { incidentId: 'i2', reason: 'Trùng phản ánh PA-1' })).toEqual({
      ok: true,
    });
    for (const [type, data] of [
      ['incident.assign', { incidentId: 'i2', department: 'water' }],
      ['incident.start', { incidentId: 'i2' }],
      ['incident.resolve', { incidentId: 'i2', note: 'xong' }],
      ['incident.reject', { incidentId: 'i2', reason: 'lại' }],
    ] as const) {
      expect(await refused(type, data)).toEqual({
        ok: false,
        error: `illegal transition: ${type} from rejected`,
      });
    }
    expect(await refused('incident.acknowledge', { incidentId: 'i1' })).toEqual({ ok: true });
    expect(await refused('incident.acknowledge', { incidentId: 'i1' })).toEqual({
      ok: false,
      error: 'illegal transition: incident.acknowledge already acknowledged',
    });
    expect(hub.seq).toBe(seq + 2);
  });

  it('names the bad field of invalid data, an unknown department and an unknown incident', async () => {
    const { hub, operator } = await city(['i1']);
    const seq = hub.seq;
    const ack = async (type: string, data: Record<string, unknown>) =>
      (await command(operator, type, data)).ack;

    const noDepartment = await ack('incident.assign', { incidentId: 'i1' });
    expect(noDepartment.ok).toBe(false);
    expect(!noDepartment.ok && noDepartment.error).toMatch(/^invalid: data\.department: /);
    expect(await ack('incident.assign', { incidentId: 'i1', department: 'police' })).toEqual({
      ok: false,
      error: 'unknown department: police',
    });
    const emptyNote = await ack('incident.resolve', { incidentId: 'i1', note: '  ' });
    expect(!emptyNote.ok && emptyNote.error).toMatch(/^invalid: data\.note: /);
    const noReason = await ack('incident.reject', { incidentId: 'i1' });
    expect(!noReason.ok && noReason.error).toMatch(/^invalid: data\.reason: /);
    const badType = await ack('incident.delete', { incidentId: 'i1' });
    expect(!badType.ok && badType.error).toMatch(/^invalid: type: /);
    expect(await ack('incident.start', { incidentId: 'no-such' })).toEqual({
      ok: false,
      error: 'unknown incident: no-such',
    });
    const noId = (await operator.socket
      .timeout(3000)
      .emitWithAck('command', { type: 'incident.start', data: { incidentId: 'i1' } })) as CommandAck;
    expect(!noId.ok && noId.error).toMatch(/^invalid: id: /);
    expect(hub.seq).toBe(seq);
  });

  it('treats a repeated command id as the same command: the same answer, one event', async () => {
    const { hub, operator, leader } = await city(['i1']);
    const first = await command(
      operator,
      'incident.assign',
      { incidentId: 'i1', department: 'water' },
      'cmd-1',
    );
    const again = await command(
      operator,
      'incident.assign',
      { incidentId: 'i1', department: 'water' },
      'cmd-1',
    );
    expect(first.ack).toEqual({ ok: true });
    expect(again.ack).toEqual(first.ack);

    const refusedOnce = await command(operator, 'incident.resolve', { incidentId: 'i1', note: 'x' }, 'cmd-2');
    await command(operator, 'incident.start', { incidentId: 'i1' });
    // Legal by now, but cmd-2 was answered already: a retry must not act on a later state.
    const refusedAgain = await command(
      operator,
      'incident.resolve',
      { incidentId: 'i1', note: 'x' },
      'cmd-2',
    );
    expect(refusedAgain.ack).toEqual(refusedOnce.ack);
    expect(refusedOnce.ack.ok).toBe(false);

    await settled(hub, leader);
    const updates = updatesOf(leader, 'i1');
    expect(updates.filter((u) => u.commandId === 'cmd-1')).toHaveLength(1);
    expect(updates.filter((u) => u.commandId === 'cmd-2')).toHaveLength(0);
    expect(updates.map((u) => u.status)).toEqual(['assigned', 'in_progress']);
  });

  it('gives two operators acting at once one success and one clear error, with a consistent result', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    // Forty commands from one socket within a moment: a script, past the rate a person reaches.
    const { hub, operator, leader } = await city(ids, { limits: { commands: { perSec: 0, burst: 0 } } });
    const second = await h.connect(hub, { token: 'dev-operator-2' });
    await second.untilSeq(hub.seq);
    for (const id of ids) {
      expect(
        (await command(operator, 'incident.assign', { incidentId: id, department: 'water' })).ack.ok,
      ).toBe(true);
    }

    // Emitted in the same tick, on two sockets: both reach the hub before either is answered.
    const races = ids.map((id, i) => {
      const a =
        i % 2 === 0
          ? command(operator, 'incident.start', { incidentId: id })
          : command(operator, 'incident.reject', { incidentId: id, reason: 'Trùng' });
      const b = command(second, 'incident.start', { incidentId: id });
      return Promise.all([a, b]);
    });
    const answers = await Promise.all(races);

    await settled(hub, leader);
    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    answers.forEach(([a, b], i) => {
      const id = ids[i]!;
      const oks = [a, b].filter((s) => s.ack.ok);
      expect(oks, id).toHaveLength(1);
      const loser = [a, b].find((s) => !s.ack.ok)!;
      expect(loser.ack).toEqual({
        ok: false,
        error: expect.stringMatching(
          /^illegal transition: incident\.(start|reject) from (in_progress|rejected)$/,
        ),
      });
      // The one change everybody saw is the winner's, and the state agrees with it.
      const seen = updatesOf(leader, id).filter((u) => u.status !== 'assigned');
      expect(seen, id).toHaveLength(1);
      expect(seen[0]!.commandId).toBe(oks[0]!.id);
      expect(seen[0]!.by).toBe(oks[0] === a ? AN : BINH);
      const inc = snap.body.state.incidents.find((x) => x.id === id);
      expect(inc?.status).toBe(seen[0]!.status);
      expect(inc?.history.at(-1)?.commandId).toBe(oks[0]!.id);
    });
  });

  it('keeps an audit trail for operators and leaders, with refused commands too', async () => {
    const { hub, operator, leader } = await city(['i1']);
    const ok = await command(operator, 'incident.acknowledge', { incidentId: 'i1' });
    const illegal = await command(operator, 'incident.start', { incidentId: 'i1' });
    await command(leader, 'incident.assign', { incidentId: 'i1', department: 'water' });
    await command(operator, 'incident.acknowledge', { incidentId: 'i1' }, ok.id);

    expect((await h.get(hub, '/api/audit')).status).toBe(401);
    expect((await h.get(hub, '/api/audit', 'nope')).status).toBe(401);
    expect((await h.get(hub, '/api/audit', 'dev-guest')).status).toBe(403);
    expect((await h.get(hub, '/api/audit', 'dev-producer')).status).toBe(403);
    expect((await h.get(hub, '/api/audit?limit=0', 'dev-operator')).status).toBe(400);
    expect((await h.get(hub, '/api/audit?limit=x', 'dev-operator')).status).toBe(400);

    const full = await h.get<{ total: number; entries: AuditEntry[] }>(hub, '/api/audit', 'dev-leader');
    expect(full.status).toBe(200);
    expect(full.body.total).toBe(4);
    expect(full.body.entries.map((e) => [e.by, e.role, e.type, e.incidentId, e.ok, e.error])).toEqual([
      [AN, 'operator', 'incident.acknowledge', 'i1', true, undefined],
      [AN, 'operator', 'incident.start', 'i1', false, 'illegal transition: incident.start from received'],
      [expect.stringMatching(/^leader-[0-9a-f]{6}$/), 'leader', 'incident.assign', 'i1', false, 'forbidden'],
      [AN, 'operator', 'incident.acknowledge', 'i1', true, undefined],
    ]);
    expect(full.body.entries[0]!.commandId).toBe(ok.id);
    expect(full.body.entries[1]!.commandId).toBe(illegal.id);
    expect(full.body.entries[3]).toMatchObject({ commandId: ok.id, duplicate: true });
    expect(Number.isNaN(Date.parse(full.body.entries[0]!.at))).toBe(false);

    const last = await h.get<{ entries: AuditEntry[] }>(hub, '/api/audit?limit=1', 'dev-operator');
    expect(last.body.entries).toEqual([full.body.entries[3]]);
  });

  it('broadcasts the change to guests as well, still without personal data', async () => {
    const { hub, operator } = await city(['i1']);
    const guest = await h.connect(hub, { token: 'dev-guest' });
    await guest.untilSeq(hub.seq);
    const sent = await command(operator, 'incident.assign', { incidentId: 'i1', department: 'water' });
    await guest.until((v) => updatesOf(v, 'i1').length === 1, 'the update at the guest');
    expect(updatesOf(guest, 'i1')[0]).toMatchObject({
      status: 'assigned',
      department: 'water',
      by: AN,
      commandId: sent.id,
    });
    // The report the guest got on connect stayed redacted.
    expect(JSON.stringify(guest.received)).not.toContain('0905123456');
  });

  it("keeps the simulator's own workflow off the incidents an operator has handled", async () => {
    // Fast city time: the simulated departments finish their work within seconds here.
    const hub = await h.start({ tokens: NAMED, sim: { seed: 3, lamps: 50, timeScale: 300_000 } });
    const operator = await h.connect(hub, { token: 'dev-operator' });
    await operator.until((v) => v.snapshots.length > 0, 'a snapshot');
    const working = operator.snapshots[0]!.state.incidents.filter((i) => i.status === 'in_progress');
    const mine: string[] = [];
    for (const { id } of working.slice(0, 12)) {
      const { ack } = await command(operator, 'incident.resolve', { incidentId: id, note: 'Đã xử lý xong' });
      // The simulator may have got there first: then it is not ours to check.
      if (ack.ok) mine.push(id);
    }
    expect(mine.length).toBeGreaterThan(5);
    const others = working.slice(12).map((i) => i.id);
    const resolvedBySim = (v: Viewer) =>
      others.filter((id) => updatesOf(v, id).some((u) => u.status === 'resolved')).length;
    // City days go by: the simulator resolves its own share meanwhile.
    await operator.until((v) => resolvedBySim(v) >= 5, 'the simulator resolving its own incidents', 10_000);

    const snap = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    for (const id of mine) {
      expect(
        updatesOf(operator, id).map((u) => u.by),
        id,
      ).toEqual([AN]);
      const inc = snap.body.state.incidents.find((i) => i.id === id);
      expect(inc?.history.at(-1), id).toMatchObject({ status: 'resolved', by: AN, note: 'Đã xử lý xong' });
    }
  });

  it('takes its operator names from config/tokens.json by default', async () => {
    const hub = await h.start({ tokens: undefined });
    await h.ingest(hub, [reported({ id: 'i1' })]);
    const second = await h.connect(hub, { token: 'dev-operator-2' });
    await second.untilSeq(hub.seq);
    expect((await command(second, 'incident.acknowledge', { incidentId: 'i1' })).ack).toEqual({ ok: true });
    await second.until((v) => updatesOf(v, 'i1').length === 1, 'the acknowledgement');
    expect(updatesOf(second, 'i1')[0]!.by).toBe(BINH);
  });
});

describe("the wall's sendCommand against the hub", () => {
  const h = useHarness();
  const open: RealtimeConnection[] = [];
  // Registered after useHarness: afterEach hooks run in reverse, so connections close before hubs.
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  beforeAll(() => {
    globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
      setTimeout(() => cb(performance.now()), 16) as unknown as number;
  });

  function wall(url: string, token: string) {
    const store = makeStore();
    const conn = connectRealtime({ url, token, dispatch: store.dispatch, lamps: new LampColumns() });
    open.push(conn);
    return { store, conn };
  }

  it('sends a command and the page store shows its result', async () => {
    const hub = await h.start({ tokens: NAMED });
    await h.ingest(hub, [reported({ id: 'i1' })]);
    const w = wall(hub.url, 'dev-operator');
    await waitFor(() => w.store.getState().connection.lastSeq === hub.seq, 'live');
    expect(
      await w.conn.sendCommand('incident.assign', { incidentId: 'i1', department: 'electricity' }),
    ).toEqual({
      ok: true,
    });
    await waitFor(
      () => selectIncidentById(w.store.getState(), 'i1')?.status === 'assigned',
      'assigned in the store',
    );
    expect(selectIncidentById(w.store.getState(), 'i1')?.department).toBe('electricity');
    expect(await w.conn.sendCommand('incident.resolve', { incidentId: 'i1', note: 'x' })).toEqual({
      ok: false,
      error: 'illegal transition: incident.resolve from assigned',
    });
  });

  it('survives a connection drop under a command: retried with the same id, applied once', async () => {
    const hub = await h.start({ tokens: NAMED });
    await h.ingest(hub, [reported({ id: 'i1' })]);
    const w = wall(hub.url, 'dev-operator');
    const leader = await h.connect(hub, { token: 'dev-leader' });
    await waitFor(() => w.store.getState().connection.lastSeq === hub.seq, 'live');

    const pending = w.conn.sendCommand('incident.acknowledge', { incidentId: 'i1' });
    // The command is on the wire; its answer will have no connection to come back on.
    w.conn.socket.io.engine.close();
    expect(await pending).toEqual({ ok: true });

    await h.ingest(hub, [reported()]);
    await leader.untilSeq(hub.seq);
    expect(updatesOf(leader, 'i1')).toHaveLength(1);
    const audit = await h.get<{ entries: AuditEntry[] }>(hub, '/api/audit', 'dev-operator');
    // The hub got it twice under one id: applied the first time, answered from memory the second.
    expect(audit.body.entries.map((e) => [e.ok, e.duplicate])).toEqual([
      [true, undefined],
      [true, true],
    ]);
    expect(audit.body.entries[1]!.commandId).toBe(audit.body.entries[0]!.commandId);
  });
});
