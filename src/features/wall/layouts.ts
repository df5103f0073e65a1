/**
 * The wall's layouts, chosen by the shape of the screen (or of the whole tiled wall), never stretched:
 * a 16:9 screen gets the standard three columns, a wall twice as wide or more gets more columns beside
 * the map. The type scale follows the screen's shorter side, so that a wider wall shows more rather
 * than bigger, and everything reads from across the room at every size.
 */

export const LAYOUT_IDS = ['standard', 'wide'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

export const isLayoutId = (s: string): s is LayoutId => (LAYOUT_IDS as readonly string[]).includes(s);

/** An area of the grid: the header, the map, or panels stacked one under another. */
export interface WallArea {
  id: string;
  kind: 'header' | 'map' | 'column' | 'strip';
  /** the panels in it, top first (ids of src/app/panels.tsx) */
  panels: readonly string[];
}

export interface WallLayout {
  id: LayoutId;
  /** the root font size in CSS pixels: every size on the wall is in rem */
  remPx: number;
  /** CSS grid-template-columns, -rows and -areas */
  columns: string;
  rows: string;
  template: readonly string[];
  areas: readonly WallArea[];
}

interface LayoutSpec {
  columns: string;
  rows: string;
  template: readonly string[];
  areas: readonly WallArea[];
  /** the narrowest the layout fits in, in rem: below it the type shrinks rather than the text clipping */
  minWidthRem: number;
  minHeightRem: number;
}

const header: WallArea = { id: 'head', kind: 'header', panels: [] };
const map: WallArea = { id: 'map', kind: 'map', panels: [] };
const strip: WallArea = { id: 'strip', kind: 'strip', panels: ['systems'] };

const SPECS: Record<LayoutId, LayoutSpec> = {
  // Incidents and indicators on the left, cameras and lighting on the right, the map between.
  standard: {
    columns: '26rem minmax(0, 1fr) 26rem',
    // The systems under a map this narrow wrap to three lines.
    rows: '4.5rem minmax(0, 1fr) 4.4rem',
    template: ['head head head', 'left map right', 'left strip right'],
    areas: [
      header,
      { id: 'left', kind: 'column', panels: ['incidents', 'handling', 'incidentFeed', 'kpis'] },
      map,
      strip,
      { id: 'right', kind: 'column', panels: ['cameras', 'lights', 'energy', 'alerts'] },
    ],
    minWidthRem: 110,
    minHeightRem: 62,
  },
  // Two 4K panels side by side, an LED wall: the indicators and the energy get a column of their own,
  // the incidents' column keeps its feed tall, the cameras and the lighting share the right.
  wide: {
    columns: '28rem 28rem minmax(0, 1fr) 28rem',
    rows: '4.5rem minmax(0, 1fr) 3.4rem',
    template: ['head head head head', 'incidents kpis map cameras', 'incidents kpis strip cameras'],
    areas: [
      header,
      { id: 'incidents', kind: 'column', panels: ['incidents', 'handling', 'incidentFeed'] },
      { id: 'kpis', kind: 'column', panels: ['kpis', 'energy'] },
      map,
      strip,
      { id: 'cameras', kind: 'column', panels: ['cameras', 'lights', 'alerts'] },
    ],
    minWidthRem: 170,
    minHeightRem: 50,
  },
};

/** A screen at least this many times as wide as it is tall is a wide wall (21:9 still is standard). */
export const WIDE_FROM_ASPECT = 2.4;

/** 16 px on a 1920×1080 screen: the size the wall is designed at. */
const BASE_REM_PX = 16;
const MIN_REM_PX = 8;
const MAX_REM_PX = 96;

/** The layout a screen of this shape gets on its own. */
export function layoutIdFor(width: number, height: number): LayoutId {
  return width / Math.max(1, height) >= WIDE_FROM_ASPECT ? 'wide' : 'standard';
}

/**
 * The layout for a screen (or a tiled wall) of `width`×`height` CSS pixels, or the one `forced` by the
 * kiosk's `?layout=`. The rem follows the shorter side against 1920×1080 (32 px on 4K and on 7680×2160,
 * 48 px on a 3×3 wall of 1080p screens), and shrinks where a forced layout would not fit otherwise.
 */
export function layoutFor(width: number, height: number, forced?: LayoutId | null): WallLayout {
  const id = forced ?? layoutIdFor(width, height);
  const spec = SPECS[id];
  const byScreen = BASE_REM_PX * Math.min(width / 1920, height / 1080);
  const fit = Math.min(byScreen, width / spec.minWidthRem, height / spec.minHeightRem);
  const remPx = Math.min(MAX_REM_PX, Math.max(MIN_REM_PX, Math.floor(fit * 100) / 100));
  return { id, remPx, columns: spec.columns, rows: spec.rows, template: spec.template, areas: spec.areas };
}
