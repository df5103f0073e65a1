import { describe, expect, it } from 'vitest';
import { snapshotSchema, type Snapshot } from '../../src/shared/protocol/events';
import { useHarness } from './harness';

// The hub with the seeded Huế simulator as its producer, kept small: a few lamps, a fast clock.
const SIM = { seed: 7, lamps: 40, timeScale: 3600 };

describe('the hub with the simulator', () => {
  const h = useHarness();

  it('starts from the simulated city and streams its events with contiguous seqs in city time', async () => {
    const realStart = Date.now();
    const hub = await h.start({ sim: SIM, tickMs: 20 });
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    await viewer.until((v) => v.events.length >= 20, 'simulated events', 10_000);

    const snap = viewer.snapshots[0]!;
    expect(viewer.received[0]?.kind).toBe('snapshot');
    expect(snapshotSchema.safeParse(snap).success).toBe(true);
    expect(snap.state.lamps.count).toBe(40);
    expect(snap.state.cameras.length).toBeGreaterThanOrEqual(49);
    expect(snap.state.clock).toMatchObject({ simulated: true, scale: 3600 });

    const seqs = viewer.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => snap.seq + 1 + i));
    // ts is the simulator's clock: it runs an hour per real second, so it leaves the wall clock behind.
    const ts = viewer.events.map((e) => e.ts);
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1]!)).toBe(true);
    expect(ts[0]).toBeGreaterThanOrEqual(snap.state.clock.now);
    const cityElapsed = ts.at(-1)! - snap.state.clock.now;
    const realElapsed = Date.now() - realStart;
    expect(cityElapsed).toBeGreaterThan(realElapsed * 10);
    expect(cityElapsed).toBeLessThanOrEqual(realElapsed * 3600);
    // The hub reads out the same clock (the benchmark reports its window in city time with it).
    expect(hub.cityNow).toBeGreaterThanOrEqual(ts.at(-1)!);
  });

  it('accepts lamp events and camera.status for what the simulated city holds', async () => {
    const hub = await h.start({ sim: SIM, tickMs: 60_000 });
    const { body: before } = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    const camera = before.state.cameras[0]!;
    const res = await h.ingest(hub, [
      { type: 'light.state', data: [39, 3, 0] },
      { type: 'light.states', data: { i: [0, 7], s: [2, 1], l: [50, 100] } },
      { type: 'camera.status', data: { id: camera.id, online: !camera.online } },
    ]);
    expect(res.status).toBe(202);
    // The two lamp events are one light.states: the tuple and the batch share its seq.
    expect(res.body.seqs).toEqual([before.seq + 1, before.seq + 1, before.seq + 2]);
    const { body: after } = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    expect([after.state.lamps.state[39], after.state.lamps.level[39]]).toEqual([3, 0]);
    expect([after.state.lamps.state[0], after.state.lamps.level[0]]).toEqual([2, 50]);
    expect([after.state.lamps.state[7], after.state.lamps.level[7]]).toEqual([1, 100]);
    expect(after.state.cameras[0]?.online).toBe(!camera.online);

    const bad = await h.ingest(hub, [
      { type: 'light.state', data: [40, 1, 100] },
      { type: 'light.states', data: { i: [3, 40], s: [1, 1], l: [100, 100] } },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((i) => i.path)).toEqual(['events.0.data.0', 'events.1.data.i.1']);
  });

  it('redacts the simulated personal data for guests', async () => {
    const hub = await h.start({ sim: { seed: 3, lamps: 10, timeScale: 720 }, tickMs: 60_000 });
    const operator = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-operator');
    const guest = await h.get<Snapshot>(hub, '/api/snapshot', 'dev-guest');
    const personal = (s: Snapshot) =>
      s.state.incidents.filter((i) => i.reporter).length +
      s.state.alerts.filter((a) => a.subject || a.plate).length;
    expect(personal(operator.body)).toBeGreaterThan(0);
    expect(personal(guest.body)).toBe(0);
    expect(guest.body.state.incidents).toHaveLength(operator.body.state.incidents.length);
  });
});
