import type { Layer } from '@deck.gl/core';
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { IconFrame, IconName } from './icons';

/**
 * How a capability (incidents, cameras, lights, wards, and whatever comes next) puts itself on the
 * city map. The map owns the basemap, the camera, the views and the overlay; it knows no capability.
 * The app hands it a list of these, and for each the map reads its data with `useData`, asks for its
 * layers when it redraws, routes pointer events on those layers to it, and shows its detail panel.
 */
export interface MapCapability<D = unknown> {
  /** unique among the map's capabilities; also the key of its data */
  readonly id: string;
  /**
   * A React hook: what the capability draws, read from the store (and anything else it needs). It must
   * return the same value until something drawn changed: the map redraws on every new value. Lamp-rate
   * data is throttled here.
   */
  useData(): D;
  /** Its deck.gl layers, bottom first, from its pure builders. Falsy entries are left out. */
  layers(data: D, frame: MapFrame): readonly (Layer | false | null | undefined)[];
  /** The animation step (real ms) it needs now, or null when none of it moves. */
  animationMs?(data: D, frame: MapFrame): number | null;
  /** Plain-text lines for the tooltip over one of its layers, or null (never HTML). */
  tooltip?(pick: MapPick, data: D, t: TFunction): string[] | null;
  /** A click on one of its layers: what to select and where to fly, or null if it is not its own. */
  click?(pick: MapPick, data: D, repick: (layerId: string) => MapPick | null): MapClick | null;
  /** The points it wants a named view (e.g. the city's gateways) to frame, or null. */
  frames?(view: string, data: D): [number, number][] | null;
  /** Its detail panel, shown over the map while one of its things is selected. */
  Detail?: ComponentType<MapDetailProps>;
}

/** What the map knows when it asks for layers: the same for every capability in one redraw. */
export interface MapFrame {
  /** the map's zoom, in quarter levels */
  zoom: number;
  /** the zoom as on a 1920-wide wall: what thresholds (clustering, 3D) compare with */
  baseZoom: number;
  /** the city seen whole (baseZoom below OVERVIEW_BELOW_ZOOM): draw aggregates */
  overview: boolean;
  /** how much bigger than at 1920×1080 the wall draws (pixel sizes follow it) */
  uiScale: number;
  theme: 'dark' | 'light';
  /** the font deck.gl draws text in (loaded, Vietnamese included) */
  font: string;
  /** the pictogram atlas, drawn from the font */
  icons: { atlas: string; mapping: Record<IconName, IconFrame> };
  /** the map's layer toggles (see the map's controls) */
  on: Readonly<Record<string, boolean>>;
  /** animation steps so far, and the step's length (real ms): see shared/map/animation.ts */
  tick: number;
  stepMs: number;
}

/** A picked object, as deck.gl hands it: the layer's id and data, the index and the object. */
export interface MapPick {
  x: number;
  y: number;
  index: number;
  object: unknown;
  layer: { id: string; props: { data?: unknown } } | null;
}

export interface MapClick {
  /** the thing whose detail opens: `kind` names the capability's own kind (incident, camera, cabinet) */
  select?: { kind: string; id: string };
  /** where the map flies: a centre, and a zoom or "at least this close" */
  flyTo?: { center: [number, number]; zoom?: number; minZoom?: number };
}

export interface MapDetailProps {
  /** what is selected on the map; a panel shows only its own kind, and nothing otherwise */
  selection: { kind: string; id: string } | null;
  onClose(): void;
}

/**
 * Keeps a capability's types checked inside it, while the map holds a list of capabilities of any data:
 * the map only passes each one's data back to its own functions.
 */
export function mapCapability<D>(c: MapCapability<D>): MapCapability<unknown> {
  return c as unknown as MapCapability<unknown>;
}

/**
 * The last result of `fn`, recomputed only when an argument changed (by identity): for what a
 * capability derives in `layers` (clusters, measures), which a redraw of only another layer must not redo.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i]))
      return last.value;
    const value = fn(...args);
    last = { args, value };
    return value;
  };
}
