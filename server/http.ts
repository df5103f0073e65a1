import type { IncomingMessage, ServerResponse } from 'node:http';
import { identityOfBearer, type Identity, type Role, type TokenMap } from './tokens';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, extra: object = {}): void {
  sendJson(res, status, { error, ...extra });
}

/**
 * Who the request's bearer token stands for, when its role is one of `roles`; otherwise null, after
 * answering 401 (no token the hub knows) or 403 with `forbidden`. For requests without a body.
 */
export function bearerIn(
  req: IncomingMessage,
  res: ServerResponse,
  tokens: TokenMap,
  roles: ReadonlySet<Role>,
  forbidden: string,
): Identity | null {
  const who = identityOfBearer(req.headers.authorization, tokens);
  if (!who) {
    sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    return null;
  }
  if (!roles.has(who.role)) {
    sendError(res, 403, forbidden);
    return null;
  }
  return who;
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

export class BodyTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`body not received within ${timeoutMs} ms`);
  }
}

/**
 * Reads a request body up to `limit` bytes within `timeoutMs` of the call. Past the limit it
 * rejects at once with BodyTooLarge and stops keeping chunks (the caller answers with
 * answerEarly, which drains the rest); past the time it rejects with BodyTimeout, so a client
 * that trickles a byte a second (slowloris) cannot hold a request open for as long as it likes.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs = Infinity): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (err) {
        chunks.length = 0;
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyTooLarge(limit));
      else chunks.push(chunk);
    };
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => finish(new BodyTimeout(timeoutMs)), timeoutMs)
      : undefined;
    timer?.unref();
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', (err) => finish(err));
    // A client that hangs up mid-body must not leave the request pending forever.
    req.once('close', () => finish(new Error('request aborted')));
  });
}

/** How much of an unwanted body the hub reads and throws away after answering early. */
export interface Linger {
  maxBytes: number;
  maxMs: number;
}

/**
 * Answers a request whose body the hub will not read (413, 401, 403, 405, 429) so that the client
 * can read the answer. Node's fetch (undici) writes the whole body before it reads anything; if
 * the hub closes the connection while the body still arrives, the kernel answers the unread bytes
 * with a reset, which can destroy the answer before the client reads it (`fetch failed`, EPIPE).
 * So the answer goes out without `Connection: close` (with it, Node destroys the socket as soon as
 * the answer is written) and the hub drains the rest: see discardRest.
 */
export function answerEarly(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  linger: Linger,
  headers: Record<string, string> = {},
): void {
  discardRest(req, linger.maxBytes, linger.maxMs);
  sendJson(res, status, body, headers);
}

/**
 * Reads and throws away what the client still sends, so that it reads the answer instead of a
 * reset, but only so much and for so long: a sender that never stops is cut off past `maxBytes`
 * or `maxMs`. A client that sent its whole body keeps a usable keep-alive connection; undici
 * closes its own as soon as it has the answer.
 */
export function discardRest(req: IncomingMessage, maxBytes: number, maxMs = 5000): void {
  if (req.complete) return;
  let seen = 0;
  const cutOff = () => req.socket.destroy();
  const timer = setTimeout(cutOff, maxMs);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) cutOff();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
