import type { IncomingMessage, ServerResponse } from 'node:http';

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

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it rejects at once with BodyTooLarge and
 * stops keeping chunks; the caller answers 413 and calls discardRest so the client can read it.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        req.off('data', onData);
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (!done) resolve(Buffer.concat(chunks, size));
      done = true;
    });
    const fail = (err: Error) => {
      if (!done) reject(err);
      done = true;
    };
    req.once('error', fail);
    // A client that hangs up mid-body must not leave the request pending forever.
    req.once('close', () => fail(new Error('request aborted')));
  });
}

/**
 * After an early answer (413), drains what the client still sends so it sees the answer instead of
 * a reset, but only for so long: a sender that never stops is cut off.
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
