import type { Rate } from './rateLimit';
import { envNumbers } from './envNumbers';

/**
 * The hub's limits on what its clients may send, with their environment variables (env.ts reads
 * them; docs/protocol.md lists them). The defaults leave room for real producers: the benchmark's
 * load, 10,000 events a second in 20 requests a second from one token, takes two fifths of the
 * request rate and a fifth of the event rate. The simulator runs inside the hub and passes none of
 * these gates.
 */
export interface Limits {
  /** INGEST_RATE, INGEST_BURST: ingest requests per producer token */
  ingestRequests: Rate;
  /** INGEST_EVENTS_RATE, INGEST_EVENTS_BURST: events in ingest requests per producer token */
  ingestEvents: Rate;
  /** COMMAND_RATE, COMMAND_BURST: command messages per socket */
  commands: Rate;
  /** INGEST_BODY_TIMEOUT_MS: the time an ingest body has to arrive whole (slow senders get 408) */
  bodyTimeoutMs: number;
  /** after an early answer (413, 401, 429), the bytes of the unwanted body read and thrown away */
  lingerBytes: number;
  /** ... and for how long, before the connection is cut */
  lingerMs: number;
}

export const DEFAULT_LIMITS: Omit<Limits, 'lingerBytes'> = {
  ingestRequests: { perSec: 50, burst: 100 },
  ingestEvents: { perSec: 50_000, burst: 100_000 },
  commands: { perSec: 10, burst: 20 },
  bodyTimeoutMs: 10_000,
  lingerMs: 10_000,
};

/** Drained after an early answer, in multiples of the body limit (16 MiB at the default 1 MiB). */
const LINGER_BODY_MULTIPLE = 16;

export function resolveLimits(given: Partial<Limits> | undefined, maxBodyBytes: number): Limits {
  return {
    ...DEFAULT_LIMITS,
    lingerBytes: maxBodyBytes * LINGER_BODY_MULTIPLE,
    ...given,
  };
}

/** The hub options the defences read from the environment; only those that are set. */
export interface DefenceOptions {
  limits?: Partial<Limits>;
  metricsToken?: string;
  connectOrigins?: string[];
}

/**
 * INGEST_RATE, INGEST_BURST, INGEST_EVENTS_RATE, INGEST_EVENTS_BURST, COMMAND_RATE, COMMAND_BURST
 * (a rate of 0 turns that limit off; a rate without a burst gets a burst of twice the rate),
 * INGEST_BODY_TIMEOUT_MS, METRICS_TOKEN, CONNECT_ORIGINS (comma-separated http(s) origins).
 * Problems are pushed onto `errors`, in the style of hubOptionsFromEnv.
 */
export function defenceOptionsFromEnv(env: NodeJS.ProcessEnv, errors: string[]): DefenceOptions {
  const { num: number } = envNumbers(env, errors);
  const rate = (rateName: string, burstName: string, fallback: Rate): Rate | undefined => {
    const perSec = number(rateName, 0, 10_000_000);
    const burst = number(burstName, 1, 100_000_000);
    if (perSec === undefined && burst === undefined) return undefined;
    const r = perSec ?? fallback.perSec;
    return { perSec: r, burst: burst ?? (perSec !== undefined ? Math.max(1, 2 * r) : fallback.burst) };
  };

  const limits: Partial<Limits> = {};
  const ingestRequests = rate('INGEST_RATE', 'INGEST_BURST', DEFAULT_LIMITS.ingestRequests);
  if (ingestRequests) limits.ingestRequests = ingestRequests;
  const ingestEvents = rate('INGEST_EVENTS_RATE', 'INGEST_EVENTS_BURST', DEFAULT_LIMITS.ingestEvents);
  if (ingestEvents) limits.ingestEvents = ingestEvents;
  const commands = rate('COMMAND_RATE', 'COMMAND_BURST', DEFAULT_LIMITS.commands);
  if (commands) limits.commands = commands;
  const bodyTimeoutMs = number('INGEST_BODY_TIMEOUT_MS', 100, 600_000);
  if (bodyTimeoutMs !== undefined) limits.bodyTimeoutMs = bodyTimeoutMs;

  const out: DefenceOptions = {};
  if (Object.keys(limits).length > 0) out.limits = limits;
  const metricsToken = env.METRICS_TOKEN?.trim();
  if (metricsToken) {
    if (metricsToken.length < 16) errors.push('METRICS_TOKEN: expected at least 16 characters');
    else out.metricsToken = metricsToken;
  }
  const origins = (env.CONNECT_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = origins.filter((o) => !/^(https?|wss?):\/\/[^/?#\s]+\/?$/i.test(o));
  // The token is a secret; the origins are not, and naming the bad one helps.
  if (bad.length > 0) errors.push(`CONNECT_ORIGINS: not an origin like http://host:port: ${bad.join(', ')}`);
  else if (origins.length > 0) out.connectOrigins = origins;
  return out;
}
