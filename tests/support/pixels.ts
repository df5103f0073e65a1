import type { Page } from 'playwright-core';

/** Decoded pixels, row-major RGBA, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface PixelStats {
  pixels: number;
  /** distinct colours once each channel keeps its top 5 bits: anti-aliasing noise does not count */
  distinctColours: number;
  /** the most common (quantised) colour, taken as the background */
  background: [number, number, number];
  /** share of pixels farther than `tolerance` from the background on some channel */
  nonBackgroundShare: number;
  /** share of pixels with a luma of `brightLuma` or more: labels, lamps, markers on a dark map */
  brightShare: number;
  /** share of bright, warm pixels (red well above blue): lit streetlights and amber markers */
  warmShare: number;
  meanLuma: number;
}

export interface PixelStatsOptions {
  tolerance?: number;
  brightLuma?: number;
}

/** Rec. 709 luma of an sRGB pixel, 0-255. */
export function luma(r: number, g: number, b: number): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const quantise = (r: number, g: number, b: number) => ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);

/**
 * What a screenshot of a map holds, in a few numbers that tell a drawn map from a blank or
 * half-drawn one. Alpha is ignored: screenshots are opaque.
 */
export function pixelStats(img: RgbaImage, opts: PixelStatsOptions = {}): PixelStats {
  const tolerance = opts.tolerance ?? 24;
  const brightLuma = opts.brightLuma ?? 150;
  const { data } = img;
  const pixels = img.width * img.height;
  if (data.length < pixels * 4) throw new Error(`expected ${pixels * 4} bytes of RGBA, got ${data.length}`);

  const counts = new Map<number, number>();
  let bright = 0;
  let warm = 0;
  let lumaSum = 0;
  for (let i = 0; i < pixels * 4; i += 4) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const q = quantise(r, g, b);
    counts.set(q, (counts.get(q) ?? 0) + 1);
    const y = luma(r, g, b);
    lumaSum += y;
    if (y >= brightLuma) bright++;
    // Lamps are warm white to amber (253,230,138 / 245,158,11) over a blue-black map.
    if (r >= 140 && r - b >= 50 && g >= 0.4 * r) warm++;
  }

  let modeKey = 0;
  let modeCount = -1;
  for (const [key, n] of counts) {
    if (n > modeCount) {
      modeKey = key;
      modeCount = n;
    }
  }
  // The bucket's centre stands for the background colour.
  const background: [number, number, number] = [
    ((modeKey >> 10) << 3) + 4,
    (((modeKey >> 5) & 31) << 3) + 4,
    ((modeKey & 31) << 3) + 4,
  ];

  let away = 0;
  for (let i = 0; i < pixels * 4; i += 4) {
    if (
      Math.abs(data[i]! - background[0]) > tolerance ||
      Math.abs(data[i + 1]! - background[1]) > tolerance ||
      Math.abs(data[i + 2]! - background[2]) > tolerance
    ) {
      away++;
    }
  }

  return {
    pixels,
    distinctColours: counts.size,
    background,
    nonBackgroundShare: pixels ? away / pixels : 0,
    brightShare: pixels ? bright / pixels : 0,
    warmShare: pixels ? warm / pixels : 0,
    meanLuma: pixels ? lumaSum / pixels : 0,
  };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of `img` inside `rect` (CSS pixels at a device scale of 1), clamped to the image: the
 * map's own pixels out of a screenshot of the whole page.
 */
export function cropImage(img: RgbaImage, rect: Rect): RgbaImage {
  const x0 = Math.max(0, Math.round(rect.x));
  const y0 = Math.max(0, Math.round(rect.y));
  const x1 = Math.min(img.width, Math.round(rect.x + rect.width));
  const y1 = Math.min(img.height, Math.round(rect.y + rect.height));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y0 + row) * img.width + x0) * 4;
    data.set(img.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { width, height, data };
}

/**
 * Share of pixels that differ by more than `tolerance` on some channel between two images of the
 * same size: how much a toggle changed a region.
 */
export function pixelDifference(a: RgbaImage, b: RgbaImage, tolerance = 32): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`images differ in size: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
  const pixels = a.width * a.height;
  let changed = 0;
  for (let i = 0; i < pixels * 4; i += 4) {
    if (
      Math.abs(a.data[i]! - b.data[i]!) > tolerance ||
      Math.abs(a.data[i + 1]! - b.data[i + 1]!) > tolerance ||
      Math.abs(a.data[i + 2]! - b.data[i + 2]!) > tolerance
    ) {
      changed++;
    }
  }
  return pixels ? changed / pixels : 0;
}

// Plain JavaScript run in the page (see page.ts for why not a function): the browser's own PNG
// decoder turns the screenshot into RGBA, which comes back as base64.
const DECODE_PNG_SCRIPT = `async (pngBase64) => {
  const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  let binary = '';
  for (let i = 0; i < rgba.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, rgba.subarray(i, i + 0x8000));
  }
  return { width: bitmap.width, height: bitmap.height, rgba: btoa(binary) };
}`;

/**
 * Decodes a PNG with the page's own image decoder (no PNG library in Node needed). The decoder is
 * installed once per page as a plain script; the PNG travels as an argument.
 */
export async function decodePngInPage(page: Page, png: Buffer): Promise<RgbaImage> {
  await page.evaluate(`window.__iocDecodePng ??= ${DECODE_PNG_SCRIPT}`);
  const decoded = await page.evaluate(
    (b64) =>
      (
        window as unknown as {
          __iocDecodePng: (b64: string) => Promise<{ width: number; height: number; rgba: string }>;
        }
      ).__iocDecodePng(b64),
    png.toString('base64'),
  );
  return {
    width: decoded.width,
    height: decoded.height,
    data: new Uint8Array(Buffer.from(decoded.rgba, 'base64')),
  };
}
