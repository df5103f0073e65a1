/**
 * When the page gives up on its hub and moves to the next one in its list (`?hub=URL1,URL2`). Pure:
 * connect.ts feeds it what the socket does and the time, and keeps the timers.
 */
export interface FailoverPolicy {
  /** failed connection attempts in a row on one hub before the page moves on */
  maxFailures: number;
  /** how long one hub may take to connect, or to come back after a drop, before the page moves on */
  maxDownMs: number;
  /** each round through the whole list without a connection doubles maxDownMs, up to this */
  maxDownCapMs: number;
  /** after a round without a connection, the next round waits this long, doubling, up to maxRoundDelayMs */
  roundDelayMs: number;
  maxRoundDelayMs: number;
}

/**
 * Two failed attempts: a hub that is down refuses at once, so the page moves in about a second (the
 * socket.io client retries after 0.25-0.75 s, then 0.5-1.5 s). Three seconds: a hub that does not answer
 * at all (a host gone from the network) would otherwise hold the page for the client's 20 s timeout.
 * A slow link that needs longer gets it on the next rounds (6 s, 12 s, 20 s); the rounds also back off,
 * so a wall cut off from every hub tries them in turn no more often than every 15 s at last.
 */
export const DEFAULT_FAILOVER: FailoverPolicy = {
  maxFailures: 2,
  maxDownMs: 3_000,
  maxDownCapMs: 20_000,
  roundDelayMs: 1_000,
  maxRoundDelayMs: 15_000,
};

/** The next hub in the list, round-robin. */
export function nextHubIndex(index: number, count: number): number {
  return count > 0 ? (index + 1) % count : 0;
}

export class FailoverTracker {
  private current = 0;
  private failures = 0;
  /** when the page started waiting for this hub: opened the socket, or lost the connection */
  private downSince: number | null = null;
  /** hubs moved to since the last connection */
  private moves = 0;

  constructor(
    readonly hubCount: number,
    private readonly policy: FailoverPolicy = DEFAULT_FAILOVER,
  ) {}

  get index(): number {
    return this.current;
  }

  /** Whole rounds through the list since the last connection. */
  get rounds(): number {
    return Math.floor(this.moves / Math.max(1, this.hubCount));
  }

  /** The time bound for the hub being tried now: it grows with every round that found no hub. */
  get maxDownMs(): number {
    return Math.min(this.policy.maxDownMs * 2 ** this.rounds, this.policy.maxDownCapMs);
  }

  /** The socket is connected: this hub is good, and everything starts over. */
  connected(): void {
    this.failures = 0;
    this.downSince = null;
    this.moves = 0;
  }

  /** The page is waiting for this hub from `now` on (the socket opened, or dropped); no-op if it already was. */
  down(now: number): void {
    this.downSince ??= now;
  }

  /** A connection attempt failed at `now`. True: move on to the next hub. */
  failed(now: number): boolean {
    this.down(now);
    this.failures++;
    return this.shouldMove(now);
  }

  /** True when the hub has failed often enough, or long enough, and there is another to try. */
  shouldMove(now: number): boolean {
    if (this.hubCount < 2 || this.downSince === null) return false;
    return this.failures >= this.policy.maxFailures || now - this.downSince >= this.maxDownMs;
  }

  /** When the time bound runs out (for a timer); null while connected, or with one hub only. */
  deadline(): number | null {
    if (this.hubCount < 2 || this.downSince === null) return null;
    return this.downSince + this.maxDownMs;
  }

  /**
   * Moves to the next hub. `delayMs`: how long to wait before opening it, 0 within the first round
   * (a hub that died is replaced at once), then 1 s, 2 s, 4 s … after each round that found none.
   */
  move(): { index: number; delayMs: number } {
    this.current = nextHubIndex(this.current, this.hubCount);
    this.failures = 0;
    this.downSince = null;
    this.moves++;
    const roundDone = this.moves % Math.max(1, this.hubCount) === 0;
    const delayMs = roundDone
      ? Math.min(this.policy.roundDelayMs * 2 ** (this.rounds - 1), this.policy.maxRoundDelayMs)
      : 0;
    return { index: this.current, delayMs };
  }
}

/** host:port of a hub URL for the header; the page's own host for '' (same origin). */
export function hubHost(url: string, pageHost = globalThis.location?.host ?? ''): string {
  if (url === '') return pageHost;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
