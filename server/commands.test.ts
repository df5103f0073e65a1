import { describe, expect, it } from 'vitest';
import type { IncidentUpdated } from '../src/shared/protocol/events';
import { CommandDesk } from './commands';
import { report, smallCity } from './fixtures';
import { CityStream } from './stream';
import type { Identity } from './tokens';

const NOW = Date.parse('2026-11-23T10:25:00.000Z');
const clock = { now: () => NOW, scale: 1, simulated: false };
const AN: Identity = { role: 'operator', name: 'Nguyễn Văn An' };
const BINH: Identity = { role: 'operator', name: 'Trần Thị Bình' };

/** A stream holding incidents i1 and i2 (received), and a desk in front of it. */
function setup(opts: { maxRemembered?: number; maxAudit?: number } = {}) {
  const stream = new CityStream(smallCity(), 100, clock);
  stream.ingest({
    events: [
      { type: 'incident.reported', data: report('i1') },
      { type: 'incident.reported', data: report('i2') },
    ],
  });
  stream.takePending();
  const desk = new CommandDesk({
    apply: (cmd, by) =>
      cmd.type === 'lights.set' ? { ok: false, error: 'no lighting here' } : stream.command(cmd, by),
    now: clock.now,
    ...opts,
  });
  const incident = (id: string) => stream.state.incidents.find((i) => i.id === id);
  const updates = () => stream.takePending().flatMap((e) => (e.type === 'incident.updated' ? [e.data] : []));
  return { stream, desk, incident, updates };
}

let n = 0;
const cmd = (type: string, data: Record<string, unknown>, id = `c-${++n}`) => ({ id, type, data });

describe('CommandDesk', () => {
  it('lets only operators command', () => {
    const { desk, stream, incident } = setup();
    const seq = stream.seq;
    for (const role of ['leader', 'guest', 'producer'] as const) {
      expect(desk.handle(cmd('incident.acknowledge', { incidentId: 'i1' }), { role, name: role })).toEqual({
        ok: false,
        error: 'forbidden',
      });
    }
    expect(stream.seq).toBe(seq);
    expect(incident('i1')?.acknowledgedAt).toBeUndefined();
    expect(desk.handle(cmd('incident.acknowledge', { incidentId: 'i1' }), AN)).toEqual({ ok: true });
  });

  it('publishes each step of the workflow as incident.updated with who, when and the command id', () => {
    const { desk, incident, updates } = setup();
    const steps = [
      cmd('incident.acknowledge', { incidentId: 'i1' }),
      cmd('incident.assign', { incidentId: 'i1', department: 'transport' }),
      cmd('incident.start', { incidentId: 'i1' }),
      cmd('incident.resolve', { incidentId: 'i1', note: 'Đã vá ổ gà' }),
    ];
    for (const step of steps) expect(desk.handle(step, AN)).toEqual({ ok: true });
    const at = new Date(NOW).toISOString();
    const base = { id: 'i1', by: AN.name, at, acknowledged: true };
    expect(updates()).toEqual<IncidentUpdated[]>([
      { ...base, status: 'received', commandId: steps[0]!.id },
      { ...base, status: 'assigned', department: 'transport', commandId: steps[1]!.id },
      { ...base, status: 'in_progress', commandId: steps[2]!.id },
      { ...base, status: 'resolved', note: 'Đã vá ổ gà', commandId: steps[3]!.id },
    ]);
    const done = incident('i1');
    expect(done?.status).toBe('resolved');
    expect(done?.department).toBe('transport');
    expect(done?.acknowledgedBy).toBe(AN.name);
    expect(done?.history.map((h) => h.status)).toEqual([
      'received',
      'received',
      'assigned',
      'in_progress',
      'resolved',
    ]);
  });

  it('refuses an illegal transition by name and changes nothing', () => {
    const { desk, stream, updates } = setup();
    const seq = stream.seq;
    expect(desk.handle(cmd('incident.resolve', { incidentId: 'i1', note: 'x' }), AN)).toEqual({
      ok: false,
      error: 'illegal transition: incident.resolve from received',
    });
    expect(desk.handle(cmd('incident.start', { incidentId: 'i1' }), AN)).toEqual({
      ok: false,
      error: 'illegal transition: incident.start from received',
    });
    expect(stream.seq).toBe(seq);
    expect(updates()).toEqual([]);
    expect(desk.handle(cmd('incident.reject', { incidentId: 'i1', reason: 'trùng' }), AN).ok).toBe(true);
    expect(desk.handle(cmd('incident.assign', { incidentId: 'i1', department: 'water' }), AN)).toEqual({
      ok: false,
      error: 'illegal transition: incident.assign from rejected',
    });
  });

  it('names the bad field of invalid data, an unknown department and an unknown incident', () => {
    const { desk, stream } = setup();
    const seq = stream.seq;
    const answer = (type: string, data: Record<string, unknown>) => desk.handle(cmd(type, data), AN);
    expect(answer('incident.assign', { incidentId: 'i1' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid: data\.department: /) as unknown as string,
    });
    expect(answer('incident.assign', { incidentId: 'i1', department: 'police' })).toEqual({
      ok: false,
      error: 'unknown department: police',
    });
    expect(answer('incident.resolve', { incidentId: 'i1', note: '   ' }).ok).toBe(false);
    expect(answer('incident.resolve', { incidentId: 'i1', note: '   ' })).toMatchObject({
      error: expect.stringMatching(/^invalid: data\.note: /) as unknown as string,
    });
    expect(answer('incident.start', { incidentId: 'nope' })).toEqual({
      ok: false,
      error: 'unknown incident: nope',
    });
    expect(desk.handle({ id: 'x', type: 'incident.explode', data: {} }, AN)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid: type: /) as unknown as string,
    });
    expect(desk.handle('not a command', AN)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid: /) as unknown as string,
    });
    expect(desk.handle({ type: 'incident.start', data: { incidentId: 'i1' } }, AN)).toMatchObject({
      error: expect.stringMatching(/^invalid: id: /) as unknown as string,
    });
    expect(stream.seq).toBe(seq);
  });

  it('answers a repeated command id with its first answer and commits nothing more', () => {
    const { desk, updates } = setup();
    const ack = cmd('incident.acknowledge', { incidentId: 'i1' }, 'same');
    expect(desk.handle(ack, AN)).toEqual({ ok: true });
    // A second ack of the same incident under a new id is illegal; under the same id it is a retry.
    expect(desk.handle(ack, AN)).toEqual({ ok: true });
    expect(desk.handle({ ...ack }, BINH)).toEqual({ ok: true });
    expect(updates()).toHaveLength(1);
    expect(desk.handle(cmd('incident.acknowledge', { incidentId: 'i1' }), AN)).toEqual({
      ok: false,
      error: 'illegal transition: incident.acknowledge already acknowledged',
    });

    const bad = cmd('incident.start', { incidentId: 'i2' }, 'bad-once');
    const first = desk.handle(bad, AN);
    expect(first.ok).toBe(false);
    desk.handle(cmd('incident.assign', { incidentId: 'i2', department: 'water' }), AN);
    // Now legal, but the id was answered already: the same command gets the same answer.
    expect(desk.handle(bad, AN)).toEqual(first);
    expect(desk.handle(cmd('incident.start', { incidentId: 'i2' }, 'same'), AN)).toEqual({
      ok: false,
      error: 'command id already used for another command: same',
    });
  });

  it('forgets the oldest command ids beyond its bound', () => {
    const { desk, updates } = setup({ maxRemembered: 2 });
    const first = cmd('incident.acknowledge', { incidentId: 'i1' }, 'a');
    desk.handle(first, AN);
    desk.handle(cmd('incident.acknowledge', { incidentId: 'i2' }, 'b'), AN);
    desk.handle(cmd('incident.start', { incidentId: 'i2' }, 'c'), AN);
    // 'a' was forgotten: it runs again and meets the state as it is now.
    expect(desk.handle(first, AN)).toEqual({
      ok: false,
      error: 'illegal transition: incident.acknowledge already acknowledged',
    });
    expect(updates()).toHaveLength(2);
  });

  it('lets the first of two racing operators win and tells the second why', () => {
    const { desk, incident } = setup();
    desk.handle(cmd('incident.assign', { incidentId: 'i1', department: 'water' }), AN);
    expect(desk.handle(cmd('incident.start', { incidentId: 'i1' }), AN)).toEqual({ ok: true });
    expect(desk.handle(cmd('incident.reject', { incidentId: 'i1', reason: 'trùng' }), BINH)).toEqual({
      ok: false,
      error: 'illegal transition: incident.reject from in_progress',
    });
    expect(incident('i1')?.status).toBe('in_progress');
  });

  it('audits every command, refused ones included, newest last and bounded', () => {
    const { desk } = setup({ maxAudit: 3 });
    desk.handle(cmd('incident.acknowledge', { incidentId: 'i1' }, 'k1'), { role: 'guest', name: 'g' });
    desk.handle(cmd('incident.acknowledge', { incidentId: 'i1' }, 'k2'), AN);
    desk.handle(cmd('incident.acknowledge', { incidentId: 'i1' }, 'k2'), AN);
    expect(desk.entries()).toEqual([
      {
        at: new Date(NOW).toISOString(),
        by: 'g',
        role: 'guest',
        commandId: 'k1',
        type: 'incident.acknowledge',
        incidentId: 'i1',
        ok: false,
        error: 'forbidden',
      },
      expect.objectContaining({ by: AN.name, role: 'operator', commandId: 'k2', ok: true }),
      expect.objectContaining({ commandId: 'k2', ok: true, duplicate: true }),
    ]);
    expect(desk.entries(1)).toEqual([expect.objectContaining({ duplicate: true })]);
    desk.handle(cmd('incident.start', { incidentId: 'i2' }, 'k3'), BINH);
    desk.handle({ id: 42, type: ['x'], data: null }, AN);
    expect(desk.auditSize).toBe(3);
    const kept = desk.entries();
    expect(kept.map((e) => e.commandId)).toEqual(['k2', 'k3', null]);
    expect(kept[2]).toMatchObject({ type: null, incidentId: null, ok: false });
    expect(desk.entries(10, { incidentId: 'i2' }).map((e) => e.commandId)).toEqual(['k3']);
  });

  it("keeps the simulator's scripted updates off an incident an operator has commanded", () => {
    const { desk, stream, incident } = setup();
    expect(desk.handle(cmd('incident.reject', { incidentId: 'i1', reason: 'trùng' }), AN)).toEqual({
      ok: true,
    });
    const scripted = (id: string) => ({
      type: 'incident.updated' as const,
      data: { id, status: 'assigned' as const, by: 'ioc-operator', at: new Date(NOW).toISOString() },
    });
    const seq = stream.seq;
    expect(stream.publish([scripted('i1'), scripted('i2')])).toEqual([seq + 1]);
    expect(incident('i1')?.status).toBe('rejected');
    expect(incident('i2')?.status).toBe('assigned');
    // Left out on purpose, not dropped as invalid.
    expect(stream.droppedCount).toBe(0);
    // Real producers (ingest) still speak for their own systems.
    expect(stream.ingest({ events: [scripted('i1')] })).toEqual({ ok: true, seqs: [seq + 2] });
  });
});
