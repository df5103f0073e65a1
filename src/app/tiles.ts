import { createAction, type Middleware, type Reducer, type UnknownAction } from '@reduxjs/toolkit';
import { isLeadingTile, type ScreenTile } from '../features/wall/tiling';

/**
 * A tiled wall's windows in step. Every window has the hub's stream and clock already; what one window
 * decides on its own is what the map shows and what the stage plays. So the leading window (the top-left
 * screen) relays, over a BroadcastChannel, every action of the slices below and its map camera after each
 * move; the others apply them and jump there. A window that opens late asks, and gets the leader's
 * slices whole.
 */
export const RELAYED_SLICES = ['map', 'stage'] as const;

const relayed = (type: string) => RELAYED_SLICES.some((s) => type.startsWith(`${s}/`));

export interface Camera {
  center: [number, number];
  zoom: number;
  pitch: number;
  bearing: number;
}

/** What the sync needs of the map (a maplibre Map is one). */
export interface CameraHost {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getPitch(): number;
  getBearing(): number;
  jumpTo(camera: Camera): unknown;
  on(event: 'moveend', listener: () => void): unknown;
  off(event: 'moveend', listener: () => void): unknown;
}

type TileMessage =
  | { kind: 'action'; action: UnknownAction }
  | { kind: 'camera'; camera: Camera }
  | { kind: 'hello' }
  | { kind: 'state'; state: Record<string, unknown>; camera: Camera | null };

/** The part of a BroadcastChannel the sync uses (tests give it a real one). */
export interface TileChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  close(): void;
}

/** The leader's relayed slices, whole: a follower that opened late takes them over. */
export const leaderStateReceived = createAction<Record<string, unknown>>('tiles/leaderStateReceived');

/** The root reducer, with the relayed slices replaced by the leader's when they arrive whole. */
export function withLeaderState<R extends Reducer>(reducer: R): R {
  return ((state: unknown, action: UnknownAction) => {
    const next = reducer(state, action) as Record<string, unknown>;
    if (!leaderStateReceived.match(action)) return next;
    const taken = RELAYED_SLICES.filter((s) => s in action.payload && s in next);
    return taken.length === 0
      ? next
      : { ...next, ...Object.fromEntries(taken.map((s) => [s, action.payload[s]])) };
  }) as R;
}

/** The channel's name: one tiled wall per page and grid (a tour and a wall on one machine keep apart). */
export const channelName = (route: string, tile: ScreenTile) =>
  `ioc-wall.tiles:${route}:${tile.rows}x${tile.cols}`;

export interface TiledWall {
  lead: boolean;
  /** put first in the store's middleware: the leader relays what its reducers took */
  middleware: Middleware;
  /** start once the store is made */
  connect(store: { dispatch: (a: UnknownAction) => unknown; getState: () => unknown }): void;
  /** the map, once made (null when it goes): the leader tells its moves, the others jump to them. A
   * function property, so that a page hands it to its map as it is, without `this`. */
  attachCamera: (host: CameraHost | null) => void;
  /** messages refused as malformed (the channel is same-origin, so a bug, not an attack) */
  readonly dropped: number;
  close(): void;
}

const finite = (...xs: unknown[]) => xs.every((x) => typeof x === 'number' && Number.isFinite(x));

function asCamera(c: unknown): Camera | null {
  if (typeof c !== 'object' || c === null) return null;
  const { center, zoom, pitch, bearing } = c as Record<string, unknown>;
  if (!Array.isArray(center) || center.length !== 2 || !finite(...center, zoom, pitch, bearing)) return null;
  return { center: [center[0], center[1]], zoom, pitch, bearing } as Camera;
}

function asMessage(data: unknown): TileMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.kind) {
    case 'hello':
      return { kind: 'hello' };
    case 'action': {
      const a = m.action as Record<string, unknown> | null;
      return typeof a === 'object' && a !== null && typeof a.type === 'string' && relayed(a.type)
        ? { kind: 'action', action: a as UnknownAction }
        : null;
    }
    case 'camera': {
      const camera = asCamera(m.camera);
      return camera && { kind: 'camera', camera };
    }
    case 'state':
      return typeof m.state === 'object' && m.state !== null
        ? { kind: 'state', state: m.state as Record<string, unknown>, camera: asCamera(m.camera) }
        : null;
    default:
      return null;
  }
}

function cameraOf(host: CameraHost): Camera {
  const c = host.getCenter();
  return { center: [c.lng, c.lat], zoom: host.getZoom(), pitch: host.getPitch(), bearing: host.getBearing() };
}

export function tiledWall(tile: ScreenTile, channel: TileChannel): TiledWall {
  const lead = isLeadingTile(tile);
  let store: Parameters<TiledWall['connect']>[0] | null = null;
  let host: CameraHost | null = null;
  // The last camera the leader sent, for a map not made yet (or made again).
  let pending: Camera | null = null;
  let dropped = 0;
  const post = (m: TileMessage) => channel.postMessage(m);
  const snapshot = (): TileMessage => {
    const state = (store?.getState() ?? {}) as Record<string, unknown>;
    return {
      kind: 'state',
      state: Object.fromEntries(RELAYED_SLICES.filter((s) => s in state).map((s) => [s, state[s]])),
      camera: host ? cameraOf(host) : null,
    };
  };
  const jump = (camera: Camera) => {
    pending = camera;
    host?.jumpTo(camera);
  };

  const onMessage = (e: MessageEvent) => {
    const m = asMessage(e.data);
    if (!m) {
      dropped += 1;
      return;
    }
    if (lead) {
      if (m.kind === 'hello') post(snapshot());
      return;
    }
    if (m.kind === 'action') store?.dispatch(m.action);
    else if (m.kind === 'state') {
      store?.dispatch(leaderStateReceived(m.state));
      if (m.camera) jump(m.camera);
    } else if (m.kind === 'camera') jump(m.camera);
  };
  const onMoveEnd = () => {
    if (host) post({ kind: 'camera', camera: cameraOf(host) });
  };

  return {
    lead,
    get dropped() {
      return dropped;
    },
    middleware: () => (next) => (action) => {
      const result = next(action);
      const type = (action as { type?: unknown }).type;
      if (lead && store && typeof type === 'string' && relayed(type))
        post({ kind: 'action', action: action as UnknownAction });
      return result;
    },
    connect(s) {
      store = s;
      channel.addEventListener('message', onMessage);
      // A leader that (re)starts puts the others back in step with it; a follower asks to be.
      post(lead ? snapshot() : { kind: 'hello' });
    },
    attachCamera: (h) => {
      if (host && lead) host.off('moveend', onMoveEnd);
      host = h;
      if (!h) return;
      if (lead) {
        h.on('moveend', onMoveEnd);
        onMoveEnd();
      } else if (pending) h.jumpTo(pending);
    },
    close() {
      channel.removeEventListener('message', onMessage);
      if (host && lead) host.off('moveend', onMoveEnd);
      channel.close();
    },
  };
}
