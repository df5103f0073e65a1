import { describe, expect, it } from 'vitest';
import { cropImage, luma, pixelDifference, pixelStats, type RgbaImage } from './pixels';

type Rgb = [number, number, number];

/** A `width` x `height` image filled with `fill`, then with `dots` painted over it. */
function image(width: number, height: number, fill: Rgb, dots: [number, number, Rgb][] = []): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...fill, 255], i * 4);
  for (const [x, y, rgb] of dots) data.set([...rgb, 255], (y * width + x) * 4);
  return { width, height, data };
}

const MAP_BLUE: Rgb = [13, 26, 46];
const LAMP: Rgb = [253, 230, 138];
const LABEL: Rgb = [196, 212, 238];

describe('pixelStats', () => {
  it('sees a blank canvas as one colour, nothing off the background, nothing bright', () => {
    const s = pixelStats(image(40, 30, MAP_BLUE));
    expect(s.pixels).toBe(1200);
    expect(s.distinctColours).toBe(1);
    expect(s.nonBackgroundShare).toBe(0);
    expect(s.brightShare).toBe(0);
    expect(s.warmShare).toBe(0);
    // the background is the centre of the colour's 5-bit bucket, within 4 of it
    s.background.forEach((c, i) => expect(Math.abs(c - MAP_BLUE[i]!)).toBeLessThanOrEqual(4));
  });

  it('counts lamps as bright and warm, labels as bright but not warm', () => {
    const dots: [number, number, Rgb][] = [];
    for (let x = 0; x < 10; x++) dots.push([x, 0, LAMP]);
    for (let x = 0; x < 5; x++) dots.push([x, 1, LABEL]);
    const s = pixelStats(image(10, 10, MAP_BLUE, dots));
    expect(s.distinctColours).toBe(3);
    expect(s.nonBackgroundShare).toBeCloseTo(0.15);
    expect(s.brightShare).toBeCloseTo(0.15);
    expect(s.warmShare).toBeCloseTo(0.1);
    expect(s.meanLuma).toBeGreaterThan(luma(...MAP_BLUE));
  });

  it('measures distance from the most common colour, within a tolerance', () => {
    const dots: [number, number, Rgb][] = [];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 10; x++) dots.push([x, y, [20, 34, 58]]);
    const s = pixelStats(image(10, 10, MAP_BLUE, dots));
    expect(s.nonBackgroundShare).toBe(0);
    const t = pixelStats(image(10, 10, MAP_BLUE, dots), { tolerance: 5 });
    expect(t.nonBackgroundShare).toBeCloseTo(0.4);
  });

  it('does not count anti-aliasing shades as new colours', () => {
    const s = pixelStats(image(2, 1, [100, 100, 100], [[1, 0, [102, 101, 103]]]));
    expect(s.distinctColours).toBe(1);
  });

  it('refuses a buffer too short for its size', () => {
    expect(() => pixelStats({ width: 10, height: 10, data: new Uint8Array(16) })).toThrow(/400 bytes/);
  });
});

describe('pixelDifference', () => {
  it('is the share of pixels that changed by more than the tolerance', () => {
    const a = image(10, 10, MAP_BLUE, [
      [0, 0, LABEL],
      [1, 0, LABEL],
      [2, 0, [20, 30, 50]],
    ]);
    const b = image(10, 10, MAP_BLUE);
    expect(pixelDifference(a, b)).toBeCloseTo(0.02);
    expect(pixelDifference(a, a)).toBe(0);
    expect(pixelDifference(a, b, 1)).toBeCloseTo(0.03);
  });

  it('refuses images of different sizes', () => {
    expect(() => pixelDifference(image(2, 2, MAP_BLUE), image(2, 3, MAP_BLUE))).toThrow(/differ in size/);
  });
});

describe('cropImage', () => {
  it('keeps the rows and columns inside the rectangle', () => {
    const img = image(4, 3, MAP_BLUE, [
      [1, 1, LAMP],
      [2, 1, LABEL],
      [2, 2, LAMP],
    ]);
    const c = cropImage(img, { x: 1, y: 1, width: 2, height: 2 });
    expect([c.width, c.height]).toEqual([2, 2]);
    const px = (x: number, y: number) => [...c.data.subarray((y * 2 + x) * 4, (y * 2 + x) * 4 + 3)];
    expect(px(0, 0)).toEqual(LAMP);
    expect(px(1, 0)).toEqual(LABEL);
    expect(px(0, 1)).toEqual(MAP_BLUE);
    expect(px(1, 1)).toEqual(LAMP);
  });

  it('clamps a rectangle that runs off the image', () => {
    const c = cropImage(image(4, 3, MAP_BLUE), { x: 2.4, y: -5, width: 10, height: 6 });
    expect([c.width, c.height]).toEqual([2, 1]);
    expect(c.data).toHaveLength(8);
  });
});
