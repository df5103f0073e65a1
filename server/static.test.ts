import { resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, parseRange, resolveStaticPath } from './static';

describe('resolveStaticPath', () => {
  const root = resolve('/srv/dist');

  it('maps URL paths to files under the root', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(`${root}${sep}assets${sep}app.js`);
    expect(resolveStaticPath(root, '/data/hue/ph%C6%B0%E1%BB%9Dng.json')).toBe(
      `${root}${sep}data${sep}hue${sep}phường.json`,
    );
    expect(resolveStaticPath(root, '/')).toBe(root);
  });

  it('refuses anything that would leave the root', () => {
    for (const p of [
      '/../etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/a/../../b',
      '/%2e%2e/x',
      '/x%00.js',
      '/%E0%A4%A',
      '/..\\x',
    ]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
    expect(resolveStaticPath(root, '/../dist-other/x')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('knows the types the SPA ships', () => {
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('wards.geojson')).toContain('application/geo+json');
    expect(contentTypeOf('x.JSON')).toContain('application/json');
    expect(contentTypeOf('index.html')).toContain('text/html');
    expect(contentTypeOf('main.js')).toContain('javascript');
    expect(contentTypeOf('noext')).toBe('application/octet-stream');
  });
});

describe('parseRange', () => {
  const size = 1000;

  it('reads the three forms of a single byte range', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', size)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', size)).toEqual({ start: 900, end: 999 });
    expect(parseRange('Bytes = 10 - 10', size)).toEqual({ start: 10, end: 10 });
  });

  it('clips ranges that run past the end, as a PMTiles reader asking for 16 KiB expects', () => {
    expect(parseRange('bytes=0-16383', size)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ start: 0, end: 999 });
  });

  it('says unsatisfiable when no byte of the file is asked for', () => {
    expect(parseRange('bytes=1000-', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=1000-2000', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-10', 0)).toBe('unsatisfiable');
  });

  it('ignores what it does not serve: no header, bad syntax, other units, several ranges', () => {
    for (const h of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=5-3',
      'items=0-1',
      'bytes=0-1,5-6',
      'bytes=a-b',
      'bytes=-1-2',
    ]) {
      expect(parseRange(h, size), String(h)).toBeNull();
    }
  });
});

describe('contentTypeOf for tiles', () => {
  it('serves archives as bytes and vector tiles as protobuf', () => {
    expect(contentTypeOf('hue.pmtiles')).toBe('application/octet-stream');
    expect(contentTypeOf('12/3263/1861.mvt')).toBe('application/x-protobuf');
    expect(contentTypeOf('0-255.pbf')).toBe('application/x-protobuf');
  });
});
