import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HubMetrics } from './metrics';

// Response headers that tell the browser what the wall may do: where its scripts, styles, images,
// workers and connections may come from, that it may not be framed, and not to guess types.

export interface PagePolicyOptions {
  /**
   * Origins the page may connect to besides its own (CONNECT_ORIGINS): hubs on other origins
   * (`?hub=`), a basemap style or tile server. An http(s) origin also allows its ws(s) twin,
   * which socket.io's WebSocket transport uses.
   */
  connectOrigins?: readonly string[];
}

/**
 * The origin of an absolute http(s) or ws(s) URL, or null. Paths (`/styles/x.json`) and other
 * schemes give null: they are the page's own or nothing a connection can reach.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol) ? parsed.origin : null;
}

/** An origin and its WebSocket (or HTTP) twin: socket.io starts on one and moves to the other. */
function withTwin(origin: string): string[] {
  const twins: Record<string, string> = {
    'http:': 'ws:',
    'https:': 'wss:',
    'ws:': 'http:',
    'wss:': 'https:',
  };
  const url = new URL(origin);
  const twin = twins[url.protocol];
  return twin ? [origin, `${twin}//${url.host}`] : [origin];
}

/**
 * The wall's Content-Security-Policy. What the built app needs, checked in Chromium with zero
 * violations (tests/e2e/csp.e2e.ts): its own scripts and styles only (no inline script, no eval:
 * the page runs zod jitless, see src/shared/zod.ts); data: and blob: images (icons inlined by
 * Vite and MapLibre's CSS, map images); its own fonts; blob: workers (MapLibre starts its workers
 * from a blob URL); connections to its own origin (socket.io, REST, PMTiles ranges), to data:
 * URLs, and to the configured origins.
 */
export function pagePolicy(opts: PagePolicyOptions = {}): string {
  const connect = new Set<string>(["'self'"]);
  for (const raw of opts.connectOrigins ?? []) {
    const origin = originOf(raw);
    if (origin) for (const o of withTwin(origin)) connect.add(o);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // data: because deck.gl fetches its icon atlas, a canvas the page draws, as a data: URL.
    `connect-src ${[...connect].join(' ')} data:`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers are data, never a document: nothing may load from them, nothing may frame them. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Sets the headers every answer carries. Set before the answer is written, so a handler's own
 * writeHead adds to them; `pagePolicyText` is pagePolicy(...), made once at start.
 */
export function applySecurityHeaders(res: ServerResponse, path: string, pagePolicyText: string): void {
  const api = path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
  res.setHeader('content-security-policy', api ? API_POLICY : pagePolicyText);
  res.setHeader('x-content-type-options', 'nosniff');
  // Nothing the wall links to needs to know where it came from, and a page URL may carry a token.
  res.setHeader('referrer-policy', 'no-referrer');
  // frame-ancestors above, for browsers that predate it.
  res.setHeader('x-frame-options', 'DENY');
}

/** The time a client has to send its request headers (slowloris on the headers). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** The time a client has to send a whole request; ingest bodies have their own, shorter limit. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** What Node answers a request it could not parse, as it does without a clientError listener. */
const CLIENT_ERROR_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * Node's own limits on slow clients, tighter than its defaults (60 s for headers, 5 minutes for a
 * request; Node checks them every 30 s, so a slow client is cut off 0-30 s after its time is up),
 * and a count of the requests Node's parser refuses before the hub sees them (bad framing, a
 * Content-Length that is not a number, both Content-Length and Transfer-Encoding, headers too large).
 */
export function hardenServer(server: Server, metrics: Pick<HubMetrics, 'drop'>): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  const refused = new WeakSet<Socket>();
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A client that went away is no bad input; there is nobody to answer either. A connection
    // already refused may raise more errors as the rest of its bytes arrive: counted once.
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || refused.has(socket)) {
      socket.destroy();
      return;
    }
    refused.add(socket);
    metrics.drop(err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'timeout' : 'malformed');
    // An answer already under way on this connection cannot be followed by another status line.
    if (!socket.writable || socket.bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const status = CLIENT_ERROR_ANSWERS[err.code ?? ''] ?? '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
}
