import { createServer, type Server, type Socket as NetSocket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { Server as IoServer } from 'socket.io';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeStore } from '../../src/app/store';
import { selectAllIncidents, selectIncidentById } from '../../src/features/incidents/incidentsSlice';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { connectRealtime, type ConnectOptions, type RealtimeConnection } from '../../src/realtime/connect';
import type { Snapshot } from '../../src/shared/protocol/events';
import { reported, useHarness, waitFor } from './harness';

// The wall's realtime client (src/realtime) with a list of hubs: when the hub it is on dies, it moves
// to the next. Two independent in-process hubs have two histories (epochs), so the second one answers
// with a snapshot; hubs that share one log (cluster mode) replay instead.

beforeAll(() => {
  globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
    setTimeout(() => cb(performance.now()), 16) as unknown as number;
});

const STILL_CITY = { seed: 5, lamps: 300, timeScale: 0.0001 };

describe('failover between hubs', () => {
  const h = useHarness();
  const open: RealtimeConnection[] = [];
  const servers: { server: Server; held: NetSocket[] }[] = [];

  function wall(urls: string[], failover?: ConnectOptions['failover']) {
    const store = makeStore();
    const lamps = new LampColumns();
    const conn = connectRealtime({ urls, token: 'dev-operator', dispatch: store.dispatch, lamps, failover });
    open.push(conn);
    return {
      store,
      lamps,
      conn,
      get state() {
        return store.getState().connection;
      },
    };
  }

  async function expectSameCity(url: string, w: ReturnType<typeof wall>) {
    const res = await fetch(`${url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
    const snap = (await res.json()) as Snapshot;
    const s = w.store.getState();
    expect(s.connection.lastSeq).toBe(snap.seq);
    const mine = Object.fromEntries(selectAllIncidents(s).map((i) => [i.id, i.status]));
    const theirs = Object.fromEntries(snap.state.incidents.map((i) => [i.id, i.status]));
    expect(mine).toEqual(theirs);
    expect(Array.from(w.lamps.state)).toEqual(snap.state.lamps.state);
    expect(Array.from(w.lamps.level)).toEqual(snap.state.lamps.level);
  }

  /** A TCP port that accepts connections and never answers: a hub whose host hangs. */
  async function blackHole(): Promise<string> {
    const held: NetSocket[] = [];
    const server = createServer((s) => held.push(s));
    servers.push({ server, held });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  // Registered after useHarness: vitest runs afterEach hooks in reverse, so sockets close before hubs.
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await Promise.all(
      servers.splice(0).map(({ server, held }) => {
        held.forEach((s) => s.destroy());
        return new Promise((done) => server.close(done));
      }),
    );
  });

  it('moves to the second hub when the first dies, and is live there with its city', async () => {
    const first = await h.start({ sim: STILL_CITY });
    const second = await h.start({ sim: { ...STILL_CITY, seed: 6 } });
    expect(second.epoch).not.toBe(first.epoch);
    await h.ingest(first, [reported({ id: 'on-first' }), { type: 'light.state', data: [0, 1, 100] }]);
    await h.ingest(second, [reported({ id: 'i1' }), reported({ id: 'on-second' })]);

    const w = wall([first.url, second.url]);
    await waitFor(() => w.state.status === 'live' && w.state.lastSeq === first.seq, 'live on the first');
    expect(w.state.hub).toMatchObject({ host: `127.0.0.1:${first.port}`, index: 0, count: 2 });
    expect(w.conn.hubUrl).toBe(first.url);
    await expectSameCity(first.url, w);

    const diedAt = Date.now();
    await first.close();
    await waitFor(() => w.state.hub?.index === 1, 'the move to the second hub', 5_000);
    // Both cities hold two events, so lastSeq alone can match the second's before its snapshot comes.
    await waitFor(
      () => w.state.status === 'live' && w.state.snapshots === 2 && w.state.lastSeq === second.seq,
      'live on the second, with its snapshot',
      5_000,
    );
    const tookMs = Date.now() - diedAt;
    expect(tookMs).toBeLessThan(5_000);

    expect(w.state).toMatchObject({ failovers: 1, hub: { host: `127.0.0.1:${second.port}` }, error: null });
    expect(w.conn.hubUrl).toBe(second.url);
    // Another history: a snapshot (waited for above), not a replay of seqs that mean something else there.
    expect(selectIncidentById(w.store.getState(), 'on-first')).toBeUndefined();
    await expectSameCity(second.url, w);

    // And it stays live there: new events arrive, commands go out on the new socket.
    await h.ingest(second, [reported({ id: 'after' })]);
    await waitFor(() => w.state.lastSeq === second.seq, 'live events on the second');
    expect(await w.conn.sendCommand('incident.acknowledge', { incidentId: 'i1' })).toEqual({ ok: true });
    await waitFor(() => w.state.lastSeq === second.seq && second.seq > 0, 'the command as an event');
    await expectSameCity(second.url, w);
  });

  it("carries the page's token, lastSeq and epoch to the next hub, so a hub sharing the log can replay", async () => {
    const first = await h.start({ sim: false });
    await h.ingest(first, [reported(), reported(), reported()]);
    // The next "hub" only records the handshakes it gets.
    const http = createHttpServer();
    const recorder = new IoServer(http);
    const handshakes: unknown[] = [];
    recorder.on('connection', (socket) => handshakes.push(socket.handshake.auth));
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    const { port } = http.address() as { port: number };
    try {
      const w = wall([first.url, `http://127.0.0.1:${port}`]);
      await waitFor(() => w.state.status === 'live' && w.state.lastSeq === first.seq, 'live on the first');
      await first.close();
      await waitFor(() => handshakes.length === 1, 'the handshake on the next hub', 5_000);
      expect(handshakes[0]).toEqual({ token: 'dev-operator', lastSeq: first.seq, epoch: first.epoch });
      await waitFor(() => w.state.status === 'live', 'live on the next');
      expect(w.state.lastSeq).toBe(first.seq);
    } finally {
      for (const c of open.splice(0)) c.close();
      await new Promise((done) => recorder.close(done));
    }
  });

  it('sends a command made while between hubs on the next hub that answers', async () => {
    const first = await h.start({ sim: false });
    const second = await h.start({ sim: false });
    await h.ingest(second, [reported({ id: 'i1' })]);
    const w = wall([first.url, second.url]);
    await waitFor(() => w.state.status === 'live', 'live on the first');

    await first.close();
    await waitFor(() => w.state.status === 'reconnecting', 'the first hub gone');
    const answer = w.conn.sendCommand('incident.acknowledge', { incidentId: 'i1' });
    expect(await answer).toEqual({ ok: true });
    expect(w.state.hub?.index).toBe(1);
    await waitFor(
      () => selectIncidentById(w.store.getState(), 'i1')?.acknowledgedAt !== undefined,
      'applied',
    );
  });

  it('skips a hub that is down when the page opens, and one that hangs, within the time bound', async () => {
    const gone = await h.start({ sim: false });
    await gone.close();
    const hanging = await blackHole();
    const live = await h.start({ sim: STILL_CITY });
    const w = wall([gone.url, hanging, live.url], { maxDownMs: 1_000 });
    const t0 = Date.now();
    await waitFor(
      () => w.state.status === 'live' && w.state.lastSeq === live.seq,
      'live on the third',
      8_000,
    );
    expect(w.state).toMatchObject({ failovers: 2, hub: { index: 2 } });
    // The hanging hub was given its second, not socket.io's 20 s connect timeout.
    expect(Date.now() - t0).toBeLessThan(5_000);
    await expectSameCity(live.url, w);
  });

  it('goes back round the list to the first hub when the second dies', async () => {
    const first = await h.start({ sim: false });
    const second = await h.start({ sim: false });
    const w = wall([first.url, second.url]);
    await waitFor(() => w.state.status === 'live', 'live on the first');
    await first.close();
    await waitFor(() => w.state.status === 'live' && w.state.hub?.index === 1, 'live on the second', 5_000);

    // The first comes back on its port (a new, empty history), then the second dies.
    const again = await h.start({ sim: false, port: first.port });
    await h.ingest(again, [reported({ id: 'back' })]);
    await second.close();
    await waitFor(
      () => w.state.status === 'live' && w.state.hub?.index === 0 && w.state.lastSeq === again.seq,
      'live on the first again',
      5_000,
    );
    expect(w.state.failovers).toBe(2);
    expect(selectIncidentById(w.store.getState(), 'back')).toBeDefined();
  });

  it('stays offline on a refusal, without trying the other hubs', async () => {
    const first = await h.start({ sim: false });
    const second = await h.start({ sim: false });
    const store = makeStore();
    const conn = connectRealtime({
      urls: [first.url, second.url],
      token: 'not-a-token',
      dispatch: store.dispatch,
      lamps: new LampColumns(),
    });
    open.push(conn);
    await waitFor(() => store.getState().connection.status === 'offline', 'offline');
    await new Promise((r) => setTimeout(r, 1500));
    expect(store.getState().connection).toMatchObject({
      status: 'offline',
      error: 'unauthorized',
      failovers: 0,
      hub: { index: 0 },
    });
    expect(second.clientCount()).toBe(0);
  });
});
