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
    // The systems under a map this narrow wrap to three lines, and to four when some were last heard
    // days ago ("3 ngày trước" is longer than a time). The strip is a layout root (contain: strict),
    // so its height is set here, not by its chips.
    rows: '4.5rem minmax(0, 1fr) 5rem',
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

/**
 * The grid template with the areas a scene leaves empty given to the map: an empty area under the map
 * (the systems' strip) becomes map, and an empty column becomes whatever lies beside it towards the
 * map, so the map and its strip widen rather than a dark gap standing where panels were. Where that
 * would not leave every area a rectangle, the template stays as it is.
 */
export function templateWithout(
  template: readonly string[],
  empty: ReadonlySet<string>,
  mapId = 'map',
): readonly string[] {
  if (empty.size === 0) return template;
  const cells = template.map((row) => row.split(' '));
  const mapCols = new Set(cells.flatMap((row) => row.flatMap((name, c) => (name === mapId ? [c] : []))));
  const mapRow = cells.findIndex((row) => row.includes(mapId));
  if (mapRow < 0) return template;
  // Under or over the map first, so that a column beside an emptied strip then finds the map.
  for (const c of mapCols) {
    const step = (r: number) => (r > mapRow ? -1 : 1);
    for (let r = 0; r < cells.length; r++) {
      if (!empty.has(cells[r]![c]!)) continue;
      let from = r;
      while (from !== mapRow && empty.has(cells[from]![c]!)) from += step(from);
      cells[r]![c] = cells[from]![c]!;
    }
  }
  const firstMapCol = Math.min(...mapCols);
  for (const row of cells) {
    for (let c = 0; c < row.length; c++) {
      if (!empty.has(row[c]!)) continue;
      const step = c < firstMapCol ? 1 : -1;
      let from = c;
      while (from >= 0 && from < row.length && empty.has(row[from]!)) from += step;
      if (from >= 0 && from < row.length) row[c] = row[from]!;
    }
  }
  return everyAreaRectangular(cells) && !cells.some((row) => row.some((n) => empty.has(n)))
    ? cells.map((row) => row.join(' '))
    : template;
}

function everyAreaRectangular(cells: readonly (readonly string[])[]): boolean {
  const boxes = new Map<string, { r0: number; r1: number; c0: number; c1: number; n: number }>();
  cells.forEach((row, r) =>
    row.forEach((name, c) => {
      const b = boxes.get(name);
      if (!b) boxes.set(name, { r0: r, r1: r, c0: c, c1: c, n: 1 });
      else
        Object.assign(b, { r1: Math.max(b.r1, r), c0: Math.min(b.c0, c), c1: Math.max(b.c1, c), n: b.n + 1 });
    }),
  );
  return [...boxes.values()].every((b) => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) === b.n);
}
