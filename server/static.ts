import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendError } from './http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
  '.mvt': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type ByteRange = { start: number; end: number };

/**
 * Reads a Range header against a file of `size` bytes (RFC 9110 §14): the inclusive byte range to
 * send, 'unsatisfiable' (answer 416), or null to ignore the header and send the whole file. Only one
 * range in bytes is served: PMTiles readers and media players ask for exactly that, and a server may
 * answer anything else (several ranges, other units, bad syntax) with the full file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // bytes=-n: the last n bytes
    const n = Number(last);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/**
 * Maps a URL path to a file under `root`, or null when it would leave it (`..`, encoded slashes,
 * NUL bytes, malformed escapes). Pure: no file system access.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const full = resolve(join(base, decoded));
  return full === base || full.startsWith(base + sep) ? full : null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Serves the built SPA: files as they are, and index.html for any other path without a file
 * extension, so that client routes (/wall, /tour/2) survive a reload.
 */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'method not allowed');
    return;
  }
  const file = resolveStaticPath(root, urlPath);
  if (!file) {
    sendError(res, 400, 'bad path');
    return;
  }
  let target = file;
  let stat = statOrNull(target);
  if (!stat?.isFile()) {
    // A missing asset is a 404; only route-like paths fall back to the app.
    if (extname(urlPath) !== '' && !stat?.isDirectory()) {
      sendError(res, 404, 'not found');
      return;
    }
    target = join(resolve(root), 'index.html');
    stat = statOrNull(target);
    if (!stat?.isFile()) {
      sendError(res, 404, 'not found');
      return;
    }
  }
  // Vite fingerprints everything under assets/; the shell must be re-read on each load.
  const immutable = urlPath.startsWith('/assets/') && target === file;
  const headers = {
    'content-type': contentTypeOf(target),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(target === file ? { 'accept-ranges': 'bytes' } : {}),
  };
  // Ranges let a map read tiles out of one big .pmtiles file without downloading all of it. We send
  // no validators, so a conditional range (If-Range) can never be known to match: whole file then.
  const ranged = target === file && req.headers['if-range'] === undefined;
  const range = ranged ? parseRange(req.headers.range, stat.size) : null;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${stat.size}`, 'content-length': 0 });
    res.end();
    return;
  }
  if (range) {
    res.writeHead(206, {
      ...headers,
      'content-range': `bytes ${range.start}-${range.end}/${stat.size}`,
      'content-length': range.end - range.start + 1,
    });
  } else {
    res.writeHead(200, { ...headers, 'content-length': stat.size });
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(target, range ?? {});
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
