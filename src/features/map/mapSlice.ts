import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { MapView, ViewName } from './views';

export const MAP_LAYERS = [
  'lamps',
  'faults',
  'incidents',
  'cameras',
  'columns',
  'wards3d',
  'labels',
] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

/** What is selected on the map: a capability's kind of thing (incident, camera, cabinet) and its id. */
export type MapSelection = { kind: string; id: string } | null;

interface MapState {
  layers: Record<MapLayerId, boolean>;
  selected: MapSelection;
  /**
   * The view asked for last: a named one, or a camera of its own (a scene's); `request` changes on
   * every ask, so asking twice flies twice.
   */
  view: { name: ViewName; camera?: MapView; request: number };
}

const initialState: MapState = {
  layers: {
    lamps: true,
    faults: true,
    incidents: true,
    cameras: true,
    columns: true,
    wards3d: false,
    labels: true,
  },
  selected: null,
  view: { name: 'overview', request: 0 },
};

export const mapSlice = createSlice({
  name: 'map',
  initialState,
  reducers: {
    layerToggled(s, { payload }: PayloadAction<MapLayerId>) {
      s.layers[payload] = !s.layers[payload];
    },
    /** Faults only: the fault markers without the lamps around them, or everything back. */
    faultsOnlyToggled(s) {
      const only = s.layers.faults && !s.layers.lamps;
      s.layers.lamps = only;
      s.layers.faults = true;
    },
    itemSelected(s, { payload }: PayloadAction<NonNullable<MapSelection>>) {
      s.selected = payload;
    },
    selectionCleared(s) {
      s.selected = null;
    },
    viewRequested(s, { payload }: PayloadAction<ViewName>) {
      s.view = { name: payload, request: s.view.request + 1 };
    },
    /** A scene's camera: the map flies there as it does to a named view. */
    cameraRequested(s, { payload }: PayloadAction<MapView>) {
      s.view = { name: s.view.name, camera: payload, request: s.view.request + 1 };
    },
    /** A scene's layers: those it names are set, the others left as they are. */
    layersSet(s, { payload }: PayloadAction<Partial<Record<MapLayerId, boolean>>>) {
      for (const id of MAP_LAYERS) {
        const on = payload[id];
        if (on !== undefined) s.layers[id] = on;
      }
    },
  },
  selectors: {
    selectMapLayers: (s) => s.layers,
    selectMapSelection: (s) => s.selected,
    selectRequestedView: (s) => s.view,
  },
});

export const {
  layerToggled,
  faultsOnlyToggled,
  itemSelected,
  selectionCleared,
  viewRequested,
  cameraRequested,
  layersSet,
} = mapSlice.actions;
export const { selectMapLayers, selectMapSelection, selectRequestedView } = mapSlice.selectors;
