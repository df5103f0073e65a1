import type { UnknownAction } from '@reduxjs/toolkit';
import { startHub, type Hub, type HubOptions } from '../../server/hub';
import { makeStore, type AppStore } from '../../src/app/store';
import { selectAlerts, selectAllCameras } from '../../src/features/cameras/camerasSlice';
import { selectAllIncidents } from '../../src/features/incidents/incidentsSlice';
import { selectKpis } from '../../src/features/kpis/kpisSlice';
import { selectCabinets } from '../../src/features/lights/cabinetsSlice';
import { LampColumns } from '../../src/features/lights/lampColumns';
import { connectRealtime, type RealtimeConnection } from '../../src/realtime/connect';
import type { CityState, Snapshot } from '../../src/shared/protocol/events';
import { TOKENS, waitFor } from '../integration/harness';
import { cityChecksum, type CityChecksum } from './checksum';
import { ApplyLedger } from './ledger';

// The fault suite's pieces: a hub whose clock stands still (a producer owns the load), the wall's own
// realtime client (src/realtime, the page's code path minus React), and the comparison of the two.

export { TOKENS, waitFor };

/**
 * A simulator for its inventory only (cameras, cabinets, lamps, the city's past): at 0.001 city
 * seconds per second (SIM_SCALE's floor) it adds nothing during a test, so every event is the
 * producer's and the test owns the clock and the load.
 */
export const STILL_CITY = { seed: 5, lamps: 300, timeScale: 0.001 };

/** Things to undo after a test, newest first. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        console.error('[faults] cleanup step failed:', err);
      }
    }
  }
}

export async function startFaultHub(cleanup: Cleanup, opts: HubOptions = {}): Promise<Hub> {
  const hub = await startHub({ port: 0, sim: STILL_CITY, staticDir: false, tokens: TOKENS, ...opts });
  cleanup.add(() => hub.close());
  return hub;
}

/** The wall's realtime client with its store and lamp columns, and what a test needs to watch it. */
export interface Wall {
  store: AppStore;
  lamps: LampColumns;
  conn: RealtimeConnection;
  ledger: ApplyLedger;
  /** handshakes accepted, the first included */
  connects: number;
  disconnects: number;
  /** lastSeq as the store has it: what the page shows */
  readonly lastSeq: number;
  /** the newest seq that has arrived and been accepted in order (the store gets it at the next frame) */
  readonly arrivedSeq: number;
  readonly status: string;
  readonly snapshots: number;
}

export function openWall(cleanup: Cleanup, url: string, token = 'dev-operator'): Wall {
  // Node has no animation frames; the pipeline's one flush per frame runs on a 16 ms timer here.
  globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
    setTimeout(() => cb(performance.now()), 16) as unknown as number;
  const store = makeStore();
  const lamps = new LampColumns();
  const ledger = new ApplyLedger();
  const dispatch = (action: UnknownAction) => {
    ledger.record(action);
    return store.dispatch(action);
  };
  const conn = connectRealtime({ url, token, dispatch, lamps });
  const wall: Wall = {
    store,
    lamps,
    conn,
    ledger,
    connects: 0,
    disconnects: 0,
    get lastSeq() {
      return store.getState().connection.lastSeq;
    },
    get arrivedSeq() {
      return conn.pipeline.lastSeq;
    },
    get status() {
      return store.getState().connection.status;
    },
    get snapshots() {
      return store.getState().connection.snapshots;
    },
  };
  conn.socket.on('connect', () => wall.connects++);
  conn.socket.on('disconnect', () => wall.disconnects++);
  cleanup.add(() => conn.close());
  return wall;
}

/** The page's city as a CityState, from its slices and lamp columns: what cityChecksum reads. */
export function clientCityState(store: AppStore, lamps: LampColumns): CityState {
  const root = store.getState();
  const clock = root.connection.clock;
  return {
    city: '',
    clock: clock
      ? { now: clock.now, scale: clock.scale, simulated: clock.simulated }
      : { now: 0, scale: 1, simulated: false },
    incidents: selectAllIncidents(root),
    alerts: selectAlerts(root),
    cameras: selectAllCameras(root),
    kpis: Object.values(selectKpis(root)),
    lamps: {
      count: lamps.count,
      lon: Array.from({ length: lamps.count }, (_, i) => lamps.positions[i * 2]!),
      lat: Array.from({ length: lamps.count }, (_, i) => lamps.positions[i * 2 + 1]!),
      cabinet: Array.from(lamps.cabinet),
      state: Array.from(lamps.state),
      level: Array.from(lamps.level),
      watts: Array.from(lamps.watts),
      cabinets: selectCabinets(root),
    },
  };
}

/**
 * What the comparisons need of a hub: its address, and its seq when it runs in this process (a hub
 * in its own process is asked through /api/health).
 */
export type HubRef = Pick<Hub, 'url'> & { readonly seq?: number };

export async function hubSnapshot(hub: HubRef, token = 'dev-operator'): Promise<Snapshot> {
  const res = await fetch(`${hub.url}/api/snapshot`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /api/snapshot: ${res.status}`);
  return (await res.json()) as Snapshot;
}

/** Whether the hub's log still holds every event after `seq` (a reconnect from there is a replay). */
export async function logHoldsAfter(hub: HubRef, seq: number): Promise<boolean> {
  const res = await fetch(`${hub.url}/api/events?after=${seq}&limit=1`, {
    headers: { authorization: 'Bearer dev-operator' },
  });
  await res.arrayBuffer();
  if (res.status !== 200 && res.status !== 410) throw new Error(`GET /api/events: ${res.status}`);
  return res.status === 200;
}

export interface Converged {
  seq: number;
  hub: CityChecksum;
  walls: CityChecksum[];
}

/**
 * Waits until every wall has applied exactly what the hub holds, then digests both sides. Call it
 * with the producer stopped; the still simulator adds nothing, so the hub's seq stays put. Should it
 * move on all the same (a straggling command), the read is taken again.
 */
export async function converge(hub: HubRef, walls: Wall[], timeoutMs = 60_000): Promise<Converged> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const snap = await hubSnapshot(hub);
    await waitFor(
      () => walls.every((w) => w.lastSeq >= snap.seq),
      `walls at seq ${snap.seq} (have ${walls.map((w) => w.lastSeq).join(', ')})`,
      Math.max(1000, end - Date.now()),
    );
    if (walls.every((w) => w.lastSeq === snap.seq)) {
      // Read at once, before the hub's seq is (for a hub in another process) asked again.
      const theirs = walls.map((w) => cityChecksum(clientCityState(w.store, w.lamps)));
      if ((await seqOf(hub)) === snap.seq)
        return { seq: snap.seq, hub: cityChecksum(snap.state), walls: theirs };
    }
    if (Date.now() > end)
      throw new Error(`the hub kept moving (seq ${await seqOf(hub)}) while walls converged`);
  }
}

async function seqOf(hub: HubRef): Promise<number> {
  if (hub.seq !== undefined) return hub.seq;
  const res = await fetch(`${hub.url}/api/health`);
  if (res.status !== 200) throw new Error(`GET /api/health: ${res.status}`);
  return ((await res.json()) as { seq: number }).seq;
}
