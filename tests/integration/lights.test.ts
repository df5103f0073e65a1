import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/commands';
import type { CabinetSummary } from '../../server/lights';
import type { TokenMap } from '../../server/tokens';
import { isDaylight } from '../../src/shared/lights/faults';
import { HUE } from '../../src/shared/lights/sun';
import { LAMP_DIMMED, LAMP_OFF, LAMP_ON } from '../../src/shared/protocol/codes';
import type { CabinetStatus, CommandAck, LightState } from '../../src/shared/protocol/events';
import { TOKENS, useHarness, type Viewer } from './harness';

// Cabinet control (`lights.set`) against the real hub and its simulator, over real sockets: who may
// switch lamps, what the lamps do, lamps that do not answer, the cabinet list, the audit trail, and an
// override that ends at the schedule's next change.

const AN = 'Nguyễn Văn An';
const NAMED: TokenMap = { ...TOKENS, 'dev-operator': { role: 'operator', name: AN } };
/** Real time: the city stays at 17:00 on 23 November (before dusk: lamps off) for the whole test. */
const SLOW = { seed: 11, lamps: 3000, timeScale: 1 };

async function setLights(v: Viewer, data: Record<string, unknown>, id = randomUUID()): Promise<CommandAck> {
  return (await v.socket
    .timeout(3000)
    .emitWithAck('command', { id, type: 'lights.set', data })) as CommandAck;
}

/** Every lamp update the viewer received, as [lamp, state, level], in order. */
const lampEvents = (v: Viewer): LightState[] =>
  v.events.flatMap((e) => {
    if (e.type === 'light.state') throw new Error('a version 2 hub sends light.states, never light.state');
    return e.type === 'light.states'
      ? e.data.i.map((i, k): LightState => [i, e.data.s[k]!, e.data.l[k]!])
      : [];
  });
const cabinetEvents = (v: Viewer, id: string): CabinetStatus[] =>
  v.events.flatMap((e) => (e.type === 'cabinet.updated' && e.data.id === id ? [e.data] : []));

describe('cabinet control (lights.set)', () => {
  const h = useHarness();

  async function cityWithLamps(sim = SLOW) {
    // One operator switching a dozen cabinets as fast as the hub answers: faster than a person, so
    // the per-socket command limit (tested in rateLimits.test.ts) is off here.
    const hub = await h.start({
      sim,
      tokens: NAMED,
      tickMs: 20,
      limits: { commands: { perSec: 0, burst: 0 } },
    });
    const op = await h.connect(hub, { token: 'dev-operator' });
    await op.until((v) => v.snapshots.length === 1, 'snapshot');
    const snap = op.snapshots[0]!;
    const lamps = snap.state.lamps;
    // Cabinets by size, largest first: more lamps, more chances for one not to answer.
    const cabinets = lamps.cabinets
      .map((c, index) => ({ ...c, index, lamps: lamps.cabinet.filter((k) => k === index).length }))
      .sort((a, b) => b.lamps - a.lamps);
    return { hub, op, snap, cabinets };
  }

  const summaries = async (hub: Awaited<ReturnType<typeof h.start>>, token = 'dev-operator') =>
    (await h.get<{ cabinets: CabinetSummary[] }>(hub, '/api/lights/cabinets', token)).body.cabinets;

  it('lets only operators switch a cabinet', async () => {
    const { hub, cabinets } = await cityWithLamps();
    const cabinetId = cabinets[0]!.id;
    for (const token of ['dev-leader', 'dev-guest']) {
      const v = await h.connect(hub, { token });
      expect(await setLights(v, { cabinetId, mode: 'off' })).toEqual({ ok: false, error: 'forbidden' });
    }
    expect((await summaries(hub)).find((c) => c.id === cabinetId)?.mode).toBe('auto');
  });

  it('dims a cabinet: its lamps follow, the ack counts them, the list and the audit show it', async () => {
    const { hub, op, snap, cabinets } = await cityWithLamps();
    const cab = cabinets[0]!;
    // Before dusk the schedule has every lamp of the cabinet off (bar any that failed).
    const before = snap.state.lamps.state.filter((s, i) => snap.state.lamps.cabinet[i] === cab.index);
    expect(before.every((s) => s === LAMP_OFF || s === 3)).toBe(true);

    const ack = await setLights(op, { cabinetId: cab.id, mode: 'dim', level: 40 });
    expect(ack.ok).toBe(true);
    const lights = ack.ok ? ack.lights : undefined;
    expect(lights).toMatchObject({ cabinetId: cab.id, lamps: cab.lamps });
    expect(lights!.took + lights!.noResponse).toBe(cab.lamps);
    expect(lights!.took).toBeGreaterThan(cab.lamps * 0.8);

    // Every lamp that took it was announced dimmed to 40, and only lamps of that cabinet.
    await op.until((v) => lampEvents(v).length >= lights!.took, 'an update for each lamp that took it');
    const changed = lampEvents(op);
    // The command's lamps are one light.states: one event, one seq.
    expect(op.events.filter((e) => e.type === 'light.states')).toHaveLength(1);
    expect(changed.every(([i]) => snap.state.lamps.cabinet[i] === cab.index)).toBe(true);
    expect(changed.every(([, s, l]) => s === LAMP_DIMMED && l === 40)).toBe(true);
    expect(new Set(changed.map(([i]) => i)).size).toBe(lights!.took);

    await op.until((v) => cabinetEvents(v, cab.id).length > 0, 'cabinet.updated');
    const status = cabinetEvents(op, cab.id).at(-1)!;
    expect(status).toMatchObject({ mode: 'dim', level: 40, online: true });
    expect(status.override?.by).toBe(AN);
    expect(status.override!.until).toBeGreaterThan(snap.state.clock.now);

    const row = (await summaries(hub)).find((c) => c.id === cab.id)!;
    expect(row).toMatchObject({ mode: 'dim', level: 40, lampCount: cab.lamps, dimmed: lights!.took });
    expect(row.on + row.dimmed + row.off + row.fault).toBe(cab.lamps);
    // A visitor sees the lighting, not who switched it.
    const guestRow = (await summaries(hub, 'dev-guest')).find((c) => c.id === cab.id)!;
    expect(guestRow.override?.by).toBe('');

    const audit = await h.get<{ entries: AuditEntry[] }>(
      hub,
      `/api/audit?cabinetId=${encodeURIComponent(cab.id)}`,
      'dev-leader',
    );
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        by: AN,
        role: 'operator',
        type: 'lights.set',
        cabinetId: cab.id,
        mode: 'dim',
        level: 40,
        ok: true,
        lamps: { total: cab.lamps, took: lights!.took, noResponse: lights!.noResponse },
      }),
    ]);
  });

  it('reports lamps that do not answer, and they keep their last state', async () => {
    const { hub, op, cabinets } = await cityWithLamps();
    let missing = 0;
    for (const cab of cabinets.slice(0, 12)) {
      const ack = await setLights(op, { cabinetId: cab.id, mode: 'on' });
      if (!ack.ok || !ack.lights) throw new Error(`lights.set refused: ${JSON.stringify(ack)}`);
      missing += ack.lights.noResponse;
      const row = (await summaries(hub)).find((c) => c.id === cab.id)!;
      // The ones that answered are on; the rest are still off (or failed).
      expect(row.on).toBe(ack.lights.took);
      expect(row.off + row.fault).toBe(ack.lights.noResponse);
    }
    expect(missing).toBeGreaterThan(0);
    // `on` is full level.
    await op.until((v) => lampEvents(v).length > 0, 'light.states');
    expect(lampEvents(op).every(([, st, level]) => st === LAMP_ON && level === 100)).toBe(true);
  });

  it('counts the lamps that missed an `off` as faults of their cabinet: burning by day or not switched', async () => {
    const { hub, op, snap, cabinets } = await cityWithLamps();
    const missedOff: Record<string, number> = {};
    for (const cab of cabinets.slice(0, 12)) {
      // Switched on and straight back off: a lamp that took the first and missed the second stays lit.
      for (const mode of ['on', 'off'] as const) {
        const ack = await setLights(op, { cabinetId: cab.id, mode });
        if (!ack.ok || !ack.lights) throw new Error(`lights.set refused: ${JSON.stringify(ack)}`);
        if (mode === 'off') missedOff[cab.id] = ack.lights.noResponse;
        // The cabinet's status follows its lamps' events: once it is here, so are they.
        await op.until((v) => cabinetEvents(v, cab.id).some((st) => st.mode === mode), `${cab.id} ${mode}`);
      }
    }
    // Each lamp's last state, from the snapshot and every light.states since: the lamps as the wall has them.
    const state = [...snap.state.lamps.state];
    for (const [i, st] of lampEvents(op)) state[i] = st;
    const { body } = await h.get<{ at: number; cabinets: CabinetSummary[] }>(
      hub,
      '/api/lights/cabinets',
      'dev-operator',
    );
    const [kind, other] = isDaylight(HUE, body.at)
      ? (['day-burning', 'not-switched'] as const)
      : (['not-switched', 'day-burning'] as const);
    let lit = 0;
    for (const cab of cabinets.slice(0, 12)) {
      const row = body.cabinets.find((c) => c.id === cab.id)!;
      const litHere = state.filter(
        (st, i) => snap.state.lamps.cabinet[i] === cab.index && (st === LAMP_ON || st === LAMP_DIMMED),
      ).length;
      expect(row.faults, cab.id).toEqual({
        'lamp-failure': row.fault,
        [kind]: litHere,
        [other]: 0,
        'wrong-level': 0,
      });
      expect(row.on + row.dimmed).toBe(litHere);
      // The lit ones are among those that did not answer the `off`, as are the failed ones.
      expect(litHere + row.fault).toBeLessThanOrEqual(missedOff[cab.id]!);
      lit += litHere;
    }
    expect(lit).toBeGreaterThan(0);
  });

  it('refuses what it cannot do, and says why', async () => {
    const { op, cabinets } = await cityWithLamps();
    const cabinetId = cabinets[0]!.id;
    expect(await setLights(op, { cabinetId: 'CAB-nowhere', mode: 'on' })).toEqual({
      ok: false,
      error: 'unknown cabinet: CAB-nowhere',
    });
    for (const data of [
      { cabinetId, mode: 'dim' },
      { cabinetId, mode: 'dim', level: 150 },
      { cabinetId, mode: 'on', level: 50 },
      { cabinetId, mode: 'bright' },
    ]) {
      const ack = await setLights(op, data);
      expect(ack.ok, JSON.stringify(data)).toBe(false);
      expect(!ack.ok && ack.error).toMatch(/^invalid: data\./);
    }
    const hub = await h.start({ sim: false, tokens: NAMED });
    const v = await h.connect(hub, { token: 'dev-operator' });
    expect(await setLights(v, { cabinetId, mode: 'on' })).toEqual({
      ok: false,
      error: 'no lighting control on this hub',
    });
  });

  it("ends an override at the schedule's next change, and the cabinet follows its schedule again", async () => {
    // A fast clock: the next switching time (dusk, some minutes away) comes within a second.
    const { hub, op, snap, cabinets } = await cityWithLamps({ seed: 11, lamps: 3000, timeScale: 600 });
    const cab = cabinets[0]!;
    const ack = await setLights(op, { cabinetId: cab.id, mode: 'on' });
    expect(ack.ok).toBe(true);
    await op.until((v) => cabinetEvents(v, cab.id).length > 0, 'the override');
    const override = cabinetEvents(op, cab.id)[0]!;
    expect(override.mode).toBe('on');
    const until = override.override!.until;
    expect(until).toBeGreaterThan(snap.state.clock.now);
    // The cabinet says when it switches next on its own clock: where the override ends.
    expect(override.next?.at).toBe(until);
    // Every cabinet of the snapshot that answers says so too, each at its own time after now.
    const nexts = snap.state.lamps.cabinets.flatMap((c) => (c.status?.online ? [c.status.next!.at] : []));
    expect(nexts.length).toBeGreaterThan(0);
    expect(nexts.every((at) => at > snap.state.clock.now)).toBe(true);
    expect(new Set(nexts).size, 'cabinets do not all switch in one instant').toBeGreaterThan(1);

    await op.until(
      (v) => cabinetEvents(v, cab.id).some((s) => s.mode === 'auto'),
      'the cabinet back on its schedule',
      15_000,
    );
    const back = op.events.find(
      (e) => e.type === 'cabinet.updated' && e.data.id === cab.id && e.data.mode === 'auto',
    )!;
    expect(back.ts).toBeGreaterThanOrEqual(until);
    expect(back.type === 'cabinet.updated' && back.data.override).toBeNull();
    // Back on its schedule, its next switch is the one after this one.
    expect(back.type === 'cabinet.updated' && back.data.next!.at).toBeGreaterThan(back.ts);
    const row = (await summaries(hub)).find((c) => c.id === cab.id)!;
    expect(row.mode).toBe('auto');
    expect(row.override).toBeNull();
  });
});

describe('lighting energy (the hub meter)', () => {
  const h = useHarness();
  const DAY = 24 * 3_600_000;

  it('sends the last 24 hours of power with the snapshot, from the simulated night before', async () => {
    const hub = await h.start({ sim: SLOW, tokens: NAMED });
    const v = await h.connect(hub, { token: 'dev-guest' });
    await v.until((x) => x.snapshots.length === 1, 'snapshot');
    const { state, power } = v.snapshots[0]!;
    // The meter keeps whole milliseconds; the simulator's clock has fractions.
    const now = Math.round(state.clock.now);
    expect(power).toBeDefined();
    const points = power!.points;
    expect(power!.spacingMs).toBe(60_000);
    // The whole span, oldest first, at least a minute apart.
    expect(points[0]![0]).toBe(now - DAY);
    expect(points.at(-1)![0]).toBeLessThanOrEqual(now);
    for (let k = 1; k < points.length; k++)
      expect(points[k]![0] - points[k - 1]![0]).toBeGreaterThanOrEqual(60_000);

    // 17:00 in Huế: the night before lit the lamps at full power, then dimmed them, and the day had them off.
    const rated = state.lamps.watts.reduce((a, b) => a + b, 0);
    const at = (t: number) => points.filter(([pt]) => pt <= t).at(-1)![1];
    const evening = now - DAY + 3.5 * 3_600_000; // 20:30 yesterday: every schedule at full
    const lateNight = now - DAY + 10 * 3_600_000; // 03:00: every group dimmed
    const noon = now - 5 * 3_600_000;
    expect(at(evening)).toBeGreaterThan(rated * 0.97);
    expect(at(evening)).toBeLessThanOrEqual(rated);
    expect(at(lateNight)).toBeLessThan(rated * 0.75);
    expect(at(lateNight)).toBeGreaterThan(rated * 0.25);
    expect(at(noon)).toBeLessThan(rated * 0.01);
  });

  it('reports the day so far against the dusk-to-dawn baseline, and follows a cabinet switched on', async () => {
    const hub = await h.start({ sim: SLOW, tokens: NAMED, tickMs: 20 });
    expect((await h.get(hub, '/api/lights/energy')).status).toBe(401);
    type Report = {
      at: number;
      since: number;
      powerW: number;
      ratedW: number;
      todayWh: number;
      baselineWh: number;
      saved: number | null;
      points: [number, number][];
    };
    const first = (await h.get<Report>(hub, '/api/lights/energy', 'dev-leader')).body;
    // Today began at midnight in Huế (UTC+7), and the meter's history reaches back past it.
    expect((first.since + 7 * 3_600_000) % DAY).toBe(0);
    expect(first.at - first.since).toBeGreaterThan(16 * 3_600_000);
    expect(first.todayWh).toBeGreaterThan(0);
    expect(first.baselineWh).toBeGreaterThan(first.todayWh);
    // Part-night dimming saved something, and not everything.
    expect(first.saved).toBeGreaterThan(0.1);
    expect(first.saved).toBeLessThan(0.6);
    expect(first.saved).toBeCloseTo((first.baselineWh - first.todayWh) / first.baselineWh, 9);

    // Before dusk the lamps are off: a cabinet switched on draws exactly the rating of the lamps that took it.
    const op = await h.connect(hub, { token: 'dev-operator' });
    await op.until((x) => x.snapshots.length === 1, 'snapshot');
    const lamps = op.snapshots[0]!.state.lamps;
    const cabinetId = lamps.cabinets[0]!.id;
    const ack = await setLights(op, { cabinetId, mode: 'on' });
    expect(ack.ok).toBe(true);
    await op.until((x) => lampEvents(x).length >= (ack.ok ? ack.lights!.took : 0), 'the lamps');
    const lit = lampEvents(op).reduce((w, [i, s]) => (s === LAMP_ON ? w + lamps.watts[i]! : w), 0);
    expect(lit).toBeGreaterThan(0);
    const after = (await h.get<Report>(hub, '/api/lights/energy', 'dev-leader')).body;
    expect(after.powerW - first.powerW).toBe(lit);
    expect(after.points.at(-1)![1]).toBe(after.powerW);
  });
});
