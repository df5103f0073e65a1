import { describe, expect, it } from 'vitest';
import { frameBox, frameFor, isLeadingTile, parseScreen } from './tiling';

describe('tiled walls', () => {
  it('reads a screen of a row, and a screen of a grid', () => {
    expect(parseScreen('2of3')).toEqual({ row: 1, col: 2, rows: 1, cols: 3 });
    expect(parseScreen(' 2 , 3 of 3 x 4 ')).toEqual({ row: 2, col: 3, rows: 3, cols: 4 });
    expect(parseScreen('1OF1')).toEqual({ row: 1, col: 1, rows: 1, cols: 1 });
  });

  it('refuses a screen outside its wall, and anything else', () => {
    for (const bad of ['4of3', '0of3', '2of0', '1,4of3x3', '3', 'of3', '2/3', '1of99', '2of3;drop', ''])
      expect(parseScreen(bad), bad).toBeNull();
  });

  it('lays out the whole wall in every window, moved to the window’s part', () => {
    expect(frameFor(1920, 1080, null)).toEqual({ width: 1920, height: 1080, offsetX: 0, offsetY: 0 });
    expect(frameFor(1920, 1080, parseScreen('3of3'))).toEqual({
      width: 5760,
      height: 1080,
      offsetX: 3840,
      offsetY: 0,
    });
    expect(frameFor(1920, 1080, parseScreen('2,3of3x3'))).toEqual({
      width: 5760,
      height: 3240,
      offsetX: 3840,
      offsetY: 1080,
    });
  });

  it('is led by the top-left screen', () => {
    expect(isLeadingTile(parseScreen('1of3'))).toBe(true);
    expect(isLeadingTile(parseScreen('2of3'))).toBe(false);
    expect(isLeadingTile(parseScreen('2,1of2x2'))).toBe(false);
    expect(isLeadingTile(null)).toBe(true);
  });
});

describe('frameBox', () => {
  it('moves the whole wall by this window’s part, and leaves a single screen unmoved', () => {
    expect(frameBox(frameFor(1280, 720, { row: 1, col: 3, rows: 1, cols: 3 }))).toEqual({
      width: 3840,
      height: 720,
      transform: 'translate(-2560px, 0px)',
    });
    expect(frameBox(frameFor(1920, 1080, null))).toEqual({ width: 1920, height: 1080 });
  });
});
