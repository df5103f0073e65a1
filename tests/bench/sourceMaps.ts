import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { ROOT } from '../support/app';
import type { OriginalPosition } from './consoleReport';

/** Maps positions in dist/assets bundles back to sources through their .map files. */
export function sourceLocator(): (url: string, line: number, column: number) => OriginalPosition | null {
  const consumers = new Map<string, SourceMapConsumer | null>();
  return (url, line, column) => {
    const file = basename(url.split('?')[0] ?? '');
    if (!consumers.has(file)) {
      const map = resolve(ROOT, 'dist/assets', `${file}.map`);
      consumers.set(
        file,
        file && existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8'))) : null,
      );
    }
    const consumer = consumers.get(file);
    if (!consumer) return null;
    const o = consumer.originalPositionFor({ line: line + 1, column });
    return o.source ? { source: o.source, line: o.line, name: o.name ?? null } : null;
  };
}
