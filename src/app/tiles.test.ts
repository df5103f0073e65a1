import { afterEach, describe, expect, it } from 'vitest';
import { cameraRequested, layerToggled } from '../features/map/mapSlice';
import { blankToggled } from '../features/stage/stageSlice';
import { parseScreen } from '../features/wall/tiling';
import { configRead } from './configSlice';
import { makeStore } from './store';
import { channelName, tiledWall, type Camera, type CameraHost, type TiledWall } from './tiles';

/** A map of the test's own: a camera that moves when told, and its moveend listeners. */
class FakeMap implements CameraHost {
  camera: Camera = { center: [107.585, 16.462], zoom: 12.5, pitch: 45, bearing: -12 };
  jumps: Camera[] = [];
  private listeners = new Set<() => void>();
  getCenter = () => ({ lng: this.camera.center[0], lat: this.camera.center[1] });
  getZoom = () => this.camera.zoom;
  getPitch = () => this.camera.pitch;
  getBearing = () => this.camera.bearing;
  jumpTo(c: Camera) {
    this.camera = c;
    this.jumps.push(c);
  }
  on(_e: 'moveend', l: () => void) {
    this.listeners.add(l);
  }
  off(_e: 'moveend', l: () => void) {
    this.listeners.delete(l);
  }
  /** a person pans the map */
  move(c: Camera) {
    this.camera = c;
    for (const l of this.listeners) l();
  }
}

const open: TiledWall[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** One window of a wall of three in a row, on a real BroadcastChannel. */
function screen(n: number, name = 'test') {
  const tile = parseScreen(`${n}of3`)!;
  const tiles = tiledWall(tile, new BroadcastChannel(channelName(`/${name}`, tile)));
  open.push(tiles);
  const store = makeStore(undefined, [tiles.middleware]);
  tiles.connect(store);
  const map = new FakeMap();
  return { tiles, store, map };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('tiled wall sync', () => {
  it('relays the leader’s map and stage actions to the others, and nothing else', async () => {
    const lead = screen(1);
    const second = screen(2);
    const third = screen(3);
    expect([lead.tiles.lead, second.tiles.lead]).toEqual([true, false]);
    // Their greetings answered first: what follows reaches them as actions, not in a snapshot.
    await settle();
    lead.store.dispatch(layerToggled('lamps'));
    lead.store.dispatch(blankToggled());
    lead.store.dispatch(configRead({ problems: [{ param: 'cursor', value: 'x', expected: 'hide | show' }] }));
    // A follower's own doings stay its own.
    second.store.dispatch(layerToggled('cameras'));
    await settle();
    for (const w of [second, third]) {
      expect(w.store.getState().map.layers.lamps).toBe(false);
      expect(w.store.getState().stage.blank).toBe(true);
      expect(w.store.getState().config.problems).toEqual([]);
    }
    expect(lead.store.getState().map.layers.cameras).toBe(true);
    expect(third.store.getState().map.layers.cameras).toBe(true);
  });

  it('moves the others’ maps to the leader’s camera after each move', async () => {
    const lead = screen(1);
    const second = screen(2);
    lead.tiles.attachCamera(lead.map);
    second.tiles.attachCamera(second.map);
    const to: Camera = { center: [107.59, 16.47], zoom: 15, pitch: 60, bearing: 30 };
    lead.map.move(to);
    await settle();
    expect(second.map.camera).toEqual(to);
    // The follower's own moves go nowhere.
    second.map.move({ ...to, zoom: 3 });
    await settle();
    expect(lead.map.camera.zoom).toBe(15);
  });

  it('puts a window that opens late in step: the leader’s slices whole, and its camera', async () => {
    const lead = screen(1);
    lead.tiles.attachCamera(lead.map);
    lead.store.dispatch(layerToggled('labels'));
    lead.store.dispatch(cameraRequested({ center: [107.58, 16.47], zoom: 16, pitch: 50, bearing: 0 }));
    lead.map.move({ center: [107.58, 16.47], zoom: 16, pitch: 50, bearing: 0 });
    await settle();
    const late = screen(3);
    await settle();
    expect(late.store.getState().map).toEqual(lead.store.getState().map);
    // Its map is made after the camera came: it jumps there as it is attached.
    late.tiles.attachCamera(late.map);
    expect(late.map.camera.zoom).toBe(16);
  });

  it('drops what is not a relay message, and counts it', async () => {
    const second = screen(2, 'junk');
    const raw = new BroadcastChannel(channelName('/junk', parseScreen('1of3')!));
    for (const junk of [
      null,
      'x',
      { kind: 'action', action: { type: 'incidents/upserted', payload: {} } },
      { kind: 'camera', camera: { center: [1], zoom: 1, pitch: 0, bearing: 0 } },
      { kind: 'camera', camera: { center: [1, 2], zoom: Number.NaN, pitch: 0, bearing: 0 } },
      { kind: 'state', state: 'map' },
      { kind: 'nope' },
    ])
      raw.postMessage(junk);
    await settle();
    raw.close();
    expect(second.tiles.dropped).toBe(7);
    expect(second.store.getState().map.layers.lamps).toBe(true);
  });
});
