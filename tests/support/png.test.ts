import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, meanLuminance, shareNear, solidImage, type Rgba } from './png';

function gradient(width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([(x * 37 + y * 11) & 255, (x * x + y * 3) & 255, (y * 53) & 255, 255 - ((x + y) & 63)], i);
    }
  }
  return { width, height, data };
}

describe('png', () => {
  it('undoes every row filter', () => {
    const image = gradient(19, 15);
    const png = encodePng(image, [0, 1, 2, 3, 4]);
    // The rows really are filtered as asked: otherwise this would only test filter 0.
    const idat = png.subarray(8 + 25 + 8, png.length - 12 - 4);
    const raw = inflateSync(idat);
    expect([0, 1, 2, 3, 4, 5].map((y) => raw[y * (19 * 4 + 1)])).toEqual([0, 1, 2, 3, 4, 0]);
    expect(decodePng(png)).toEqual(image);
  });

  it('measures brightness and colour share', () => {
    const white = decodePng(encodePng(solidImage(4, 4, [255, 255, 255])));
    const black = solidImage(4, 4, [0, 0, 0]);
    expect(meanLuminance(white)).toBeCloseTo(255, 5);
    expect(meanLuminance(black)).toBe(0);
    const half = solidImage(2, 1, [200, 40, 160]);
    half.data.set([0, 0, 0, 255], 4);
    expect(shareNear(half, [205, 35, 150])).toBe(0.5);
    expect(shareNear(half, [255, 40, 160])).toBe(0);
  });

  it('refuses what it cannot read', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
  });
});
