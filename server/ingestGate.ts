import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerEarly, BodyTimeout, BodyTooLarge, readBody, sendJson } from './http';
import type { Limits } from './limits';
import type { HubMetrics } from './metrics';
import { RateLimiter } from './rateLimit';
import { identityOfBearer, type Identity, type TokenMap } from './tokens';

// Everything POST /api/ingest checks before the events themselves: who sends, how often, how much,
// how fast, and whether it is JSON at all. Validation and commit stay with the stream.

/** Strict UTF-8; a byte order mark, which some Windows tools write, is skipped (ignoreBOM false). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export interface IngestGateDeps {
  tokens: TokenMap;
  limits: Limits;
  maxBodyBytes: number;
  metrics: HubMetrics;
  /** for tests; default performance.now */
  now?: () => number;
}

export class IngestGate {
  private readonly requests: RateLimiter<Identity>;
  private readonly events: RateLimiter<Identity>;

  constructor(private readonly deps: IngestGateDeps) {
    this.requests = new RateLimiter(deps.limits.ingestRequests, deps.now);
    this.events = new RateLimiter(deps.limits.ingestEvents, deps.now);
  }

  /**
   * The parsed body of an ingest request that passed every check, or undefined after answering:
   * 401/403 (token), 429 (rate), 413 (size), 408 (too slow), 400 (not JSON).
   */
  async admit(
    req: IncomingMessage,
    res: ServerResponse,
    opts: { maxBytes?: number; chargeEvents?: boolean } = {},
  ): Promise<{ body: unknown } | undefined> {
    const { limits, metrics } = this.deps;
    // PUT /api/inventory takes a larger body, once per producer, and carries no events.
    const maxBodyBytes = opts.maxBytes ?? this.deps.maxBodyBytes;
    const linger = { maxBytes: limits.lingerBytes, maxMs: limits.lingerMs };
    const who = identityOfBearer(req.headers.authorization, this.deps.tokens);
    if (who?.role !== 'producer') {
      metrics.drop('unauthorized');
      if (who) answerEarly(req, res, 403, { error: 'forbidden: ingest takes a producer token' }, linger);
      else answerEarly(req, res, 401, { error: 'unauthorized' }, linger, { 'www-authenticate': 'Bearer' });
      return undefined;
    }
    // Requests first, before a byte of the body is read: a flood costs the hub almost nothing.
    const wait = this.requests.take(who);
    if (wait > 0) {
      this.refuseRate(req, res, wait, `at most ${limits.ingestRequests.perSec} requests a second`);
      return undefined;
    }

    let bytes: Buffer;
    try {
      bytes = await readBody(req, maxBodyBytes, limits.bodyTimeoutMs);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        metrics.drop('too-large');
        answerEarly(req, res, 413, { error: `body too large: the limit is ${maxBodyBytes} bytes` }, linger);
      } else if (err instanceof BodyTimeout) {
        // A slow sender is cut off: the connection closes with the answer, nothing more is read.
        metrics.drop('timeout');
        sendJson(
          res,
          408,
          { error: `body too slow: it must arrive within ${err.timeoutMs} ms` },
          { connection: 'close' },
        );
      } else {
        // The client hung up mid-body: there is nobody to answer.
        res.destroy();
      }
      return undefined;
    }

    let text: string;
    try {
      // Invalid UTF-8 is refused rather than read with U+FFFD in place of what was meant: a
      // producer sending Latin-1 would otherwise see its reports accepted with their accents lost.
      text = UTF8.decode(bytes);
    } catch {
      metrics.drop('malformed');
      sendJson(res, 400, { error: 'invalid JSON', detail: 'the body is not UTF-8' });
      return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      metrics.drop('malformed');
      sendJson(res, 400, { error: 'invalid JSON' });
      return undefined;
    }
    // Events are charged whatever their fate in validation: a stream of invalid batches costs the
    // hub as much as a stream of valid ones.
    const cost = eventCount(body);
    const eventWait = opts.chargeEvents === false ? 0 : this.events.take(who, cost);
    if (eventWait > 0) {
      this.refuseRate(req, res, eventWait, `at most ${limits.ingestEvents.perSec} events a second`);
      return undefined;
    }
    return { body };
  }

  private refuseRate(req: IncomingMessage, res: ServerResponse, waitMs: number, what: string): void {
    const { limits, metrics } = this.deps;
    metrics.drop('rate-limited');
    const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
    answerEarly(
      req,
      res,
      429,
      { error: `rate limited: ${what} per producer token`, retryAfterS },
      { maxBytes: limits.lingerBytes, maxMs: limits.lingerMs },
      { 'retry-after': String(retryAfterS) },
    );
  }
}

/** The events a body claims to carry, at least 1: what the event bucket is charged. */
function eventCount(body: unknown): number {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const events = (body as { events?: unknown }).events;
    if (Array.isArray(events)) return Math.max(1, events.length);
  }
  return 1;
}
