import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeStore } from '../../src/app/store';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { connectRealtime, type RealtimeConnection } from '../../src/realtime/connect';
import type { Snapshot } from '../../src/shared/protocol/events';
import { reported, useHarness, waitFor } from './harness';
import { selectAllIncidents, selectIncidentById } from '../../src/features/incidents/incidentsSlice';
import { selectSystemsReport } from '../../src/features/systems';

// The wall's own realtime client (src/realtime) against the real hub: the page's code path, minus React.

beforeAll(() => {
  // Node has no animation frames; the pipeline's one-flush-per-frame runs on a 16 ms timer here.
  globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
    setTimeout(() => cb(performance.now()), 16) as unknown as number;
});

// A simulator so slow that it adds nothing during a test, for its lamp inventory.
const STILL_CITY = { seed: 5, lamps: 300, timeScale: 0.0001 };

describe('the realtime client against the hub', () => {
  const h = useHarness();
  const open: RealtimeConnection[] = [];

  function wall(url: string, token = 'dev-operator') {
    const store = makeStore();
    const lamps = new LampColumns();
    const conn = connectRealtime({ url, token, dispatch: store.dispatch, lamps });
    open.push(conn);
    return { store, lamps, conn };
  }

  async function hubSnapshot(url: string): Promise<Snapshot> {
    const res = await fetch(`${url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
    return (await res.json()) as Snapshot;
  }

  /** The page holds exactly the hub's incidents and lamp states. */
  async function expectSameCity(url: string, w: ReturnType<typeof wall>) {
    const snap = await hubSnapshot(url);
    const s = w.store.getState();
    expect(s.connection.lastSeq).toBe(snap.seq);
    const mine = Object.fromEntries(selectAllIncidents(s).map((i) => [i.id, i.status]));
    const theirs = Object.fromEntries(snap.state.incidents.map((i) => [i.id, i.status]));
    expect(mine).toEqual(theirs);
    expect(Array.from(w.lamps.state)).toEqual(snap.state.lamps.state);
    expect(Array.from(w.lamps.level)).toEqual(snap.state.lamps.level);
  }

  afterEachClose(open);

  it('goes live, then resumes after a network drop by replay, with nothing lost or doubled', async () => {
    const hub = await h.start({ sim: STILL_CITY });
    const w = wall(hub.url);
    await waitFor(() => w.store.getState().connection.snapshots === 1, 'first snapshot');
    expect(w.store.getState().connection.status).toBe('live');
    expect(w.lamps.count).toBe(300);

    await h.ingest(hub, [
      reported({ id: 'before' }),
      { type: 'light.states', data: { i: [0], s: [1], l: [100] } },
    ]);
    await waitFor(() => w.store.getState().connection.lastSeq === hub.seq, 'live events');

    // Cut the transport: socket.io reconnects with backoff, sending the seq the page reached.
    w.conn.socket.io.engine.close();
    await waitFor(() => w.store.getState().connection.status === 'reconnecting', 'reconnecting');
    await h.ingest(hub, [
      reported({ id: 'during-1' }),
      { type: 'light.states', data: { i: [1, 0], s: [2, 1], l: [40, 100] } },
      reported({ id: 'during-2' }),
      // A version 1 producer's tuple in the same call: folded into the one batch, latest wins.
      { type: 'light.state', data: [0, 3, 0] },
    ]);
    await waitFor(() => w.store.getState().connection.lastSeq === hub.seq, 'replayed events', 10_000);

    const conn = w.store.getState().connection;
    expect(conn.status).toBe('live');
    expect(conn.snapshots).toBe(1); // caught up by replay, not by a second snapshot
    expect(conn.dropped.duplicate).toBe(0);
    expect(conn.dropped['beyond-gap']).toBe(0);
    await expectSameCity(hub.url, w);
  });

  it('takes a fresh snapshot when the hub no longer holds what it missed', async () => {
    const hub = await h.start({ sim: STILL_CITY, logSize: 5 });
    const w = wall(hub.url);
    await waitFor(() => w.store.getState().connection.snapshots === 1, 'first snapshot');
    // A position to resume from (a client at seq 0 asks for no replay at all).
    await h.ingest(hub, [reported({ id: 'seen' })]);
    await waitFor(() => w.store.getState().connection.lastSeq === hub.seq, 'live events');
    w.conn.socket.io.engine.close();
    await waitFor(() => w.store.getState().connection.status === 'reconnecting', 'reconnecting');
    // Each call's lamps are one light.states: six calls, six events, more than the log's five.
    for (let k = 0; k < 6; k++) {
      const i = Array.from({ length: 20 }, (_, n) => 20 * k + n);
      const batch = { i, s: i.map(() => 2), l: i.map((n) => n % 100) };
      await h.ingest(hub, [{ type: 'light.states', data: batch }]);
    }
    await h.ingest(hub, [reported({ id: 'missed' })]);
    await waitFor(() => w.store.getState().connection.lastSeq === hub.seq, 'catch-up', 10_000);
    expect(w.store.getState().connection.snapshots).toBe(2);
    expect(selectIncidentById(w.store.getState(), 'missed')).toBeDefined();
    await expectSameCity(hub.url, w);
  });

  it('after a hub restart with another history (epoch), takes a snapshot even where its lastSeq could replay', async () => {
    const first = await h.start({ sim: STILL_CITY });
    const w = wall(first.url);
    await waitFor(() => w.store.getState().connection.snapshots === 1, 'first snapshot');
    await h.ingest(first, [reported({ id: 'old-1' }), reported({ id: 'old-2' })]);
    await waitFor(() => w.store.getState().connection.lastSeq === first.seq, 'live events');
    await first.close();

    // A new, empty history on the same address: its seqs 3 and 4 would "follow" the page's 2.
    const second = await h.start({ sim: STILL_CITY, port: first.port });
    expect(second.epoch).not.toBe(first.epoch);
    await h.ingest(second, [reported({ id: 'new-1' }), reported({ id: 'new-2' }), reported({ id: 'new-3' })]);
    await h.ingest(second, [reported({ id: 'new-4' })]);
    await waitFor(
      () => w.store.getState().connection.snapshots === 2,
      'a snapshot of the new history',
      15_000,
    );
    await waitFor(() => w.store.getState().connection.lastSeq === second.seq, 'live again');
    expect(selectIncidentById(w.store.getState(), 'old-1')).toBeUndefined();
    await expectSameCity(second.url, w);
  });

  it("hears the upstream systems' statuses change live: a heartbeat, not an event of the log", async () => {
    const hub = await h.start({ sim: false });
    const w = wall(hub.url, 'dev-leader');
    await waitFor(() => w.store.getState().connection.snapshots === 1, 'first snapshot');
    const status = () =>
      selectSystemsReport(w.store.getState())?.systems.find((s) => s.system === 'museum')?.status;
    expect(status()).toBe('silent');
    const seq = hub.seq;
    await h.ingest(hub, [
      { type: 'system.heartbeat', data: { system: 'museum', at: new Date().toISOString() } },
    ]);
    await waitFor(() => status() === 'connected', 'the museum connected', 5000);
    expect(hub.seq).toBe(seq);
  });

  it('shows the refusal of a bad token and stays offline', async () => {
    const hub = await h.start({ sim: false });
    const w = wall(hub.url, 'not-a-token');
    await waitFor(() => w.store.getState().connection.status === 'offline', 'offline');
    expect(w.store.getState().connection.error).toBe('unauthorized');
  });
});

function afterEachClose(open: RealtimeConnection[]) {
  // Registered after useHarness: vitest runs afterEach hooks in reverse, so sockets close before hubs.
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
}
