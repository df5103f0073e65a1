import { resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from './static';

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
