/**
 * A tiled wall: one browser window per screen, all screens the same size. Each window lays out the
 * whole virtual wall and shows its own part of it, so that the header, the columns and the map run
 * on across the screens as one picture.
 */
export interface ScreenTile {
  /** 1-based, from the top */
  row: number;
  /** 1-based, from the left */
  col: number;
  rows: number;
  cols: number;
}

/** A wall of more screens than this is a typo, not a wall. */
export const MAX_TILES_PER_SIDE = 8;

/**
 * `?screen=`: `2of3` is the second of a row of three screens, from the left; `2,3of3x4` is row 2,
 * column 3 of a wall 3 screens high and 4 wide. Spaces are allowed around the parts. Null when the
 * text says neither, or names a screen outside its wall.
 */
export function parseScreen(text: string): ScreenTile | null {
  const s = text.replace(/\s+/g, '').toLowerCase();
  const row = /^(\d{1,2})of(\d{1,2})$/.exec(s);
  const grid = /^(\d{1,2}),(\d{1,2})of(\d{1,2})x(\d{1,2})$/.exec(s);
  const tile = row
    ? { row: 1, col: Number(row[1]), rows: 1, cols: Number(row[2]) }
    : grid
      ? { row: Number(grid[1]), col: Number(grid[2]), rows: Number(grid[3]), cols: Number(grid[4]) }
      : null;
  if (!tile) return null;
  const inside = (i: number, n: number) => n >= 1 && n <= MAX_TILES_PER_SIDE && i >= 1 && i <= n;
  return inside(tile.row, tile.rows) && inside(tile.col, tile.cols) ? tile : null;
}

/** The screen that leads a tiled wall: the top-left one. */
export const isLeadingTile = (t: ScreenTile | null): boolean => t === null || (t.row === 1 && t.col === 1);

/** What this window draws: the whole wall's size, and where this window's part of it begins. */
export interface WallFrame {
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
}

export function frameFor(windowWidth: number, windowHeight: number, tile: ScreenTile | null): WallFrame {
  if (!tile) return { width: windowWidth, height: windowHeight, offsetX: 0, offsetY: 0 };
  return {
    width: windowWidth * tile.cols,
    height: windowHeight * tile.rows,
    offsetX: windowWidth * (tile.col - 1),
    offsetY: windowHeight * (tile.row - 1),
  };
}

/** The CSS box of the whole wall in this window: its size, moved so that the window shows its part. */
export function frameBox(frame: WallFrame): { width: number; height: number; transform?: string } {
  const { width, height, offsetX, offsetY } = frame;
  return offsetX || offsetY
    ? { width, height, transform: `translate(${-offsetX}px, ${-offsetY}px)` }
    : { width, height };
}
