/**
 * A wall runs for days with nobody at its keyboard. The watchdog notices a page that stalled (no
 * animation frame while it is on screen, or nothing from the hub, not even socket.io's ping, for too
 * long), reconnects the stream, and reloads the page if that did not bring it back. Times are
 * performance.now() milliseconds: monotonic, so a wall clock set back or forward by NTP is no stall.
 */

export interface WatchdogPolicy {
  /** how often to look */
  checkEveryMs: number;
  /** no animation frame for this long while visible: the page no longer draws */
  frameStallMs: number;
  /** nothing from the hub for this long; socket.io pings every 25 s, so a quiet hub is no stall */
  streamStallMs: number;
  /** after a reconnect, how long the page has to recover before it is reloaded */
  recoverMs: number;
}

export const DEFAULT_WATCHDOG: WatchdogPolicy = {
  checkEveryMs: 2000,
  frameStallMs: 30_000,
  streamStallMs: 60_000,
  recoverMs: 30_000,
};

export interface PageSignals {
  /** the last animation frame */
  lastFrameAt: number;
  /** the last message from the hub, socket.io's pings included */
  lastMessageAt: number;
  /** the page is on screen; a hidden page gets no frames and is not judged by them */
  visible: boolean;
  /** since when it is (frames are not expected of a page just brought back on screen) */
  visibleSince: number;
}

export type WatchdogAction = 'none' | 'reconnect' | 'reload';

/** The watchdog's judgement, with no timers and no I/O: fed the time and the page's signals. */
export class WatchdogJudge {
  /** when the watchdog reconnected for a stall it still waits to see end; null while healthy */
  private reconnectedAt: number | null = null;

  constructor(private readonly policy: WatchdogPolicy = DEFAULT_WATCHDOG) {}

  stalled(now: number, s: PageSignals): boolean {
    const framesStalled =
      s.visible && now - Math.max(s.lastFrameAt, s.visibleSince) > this.policy.frameStallMs;
    return framesStalled || now - s.lastMessageAt > this.policy.streamStallMs;
  }

  check(now: number, s: PageSignals): WatchdogAction {
    if (!this.stalled(now, s)) {
      this.reconnectedAt = null;
      return 'none';
    }
    if (this.reconnectedAt === null) {
      this.reconnectedAt = now;
      return 'reconnect';
    }
    return now - this.reconnectedAt >= this.policy.recoverMs ? 'reload' : 'none';
  }

  /**
   * A reload was not done at `now`: the hub does not answer, and a reloaded page would find nothing
   * to load. The page reconnects again and waits its recovery time before it tries once more.
   */
  reloadPutOff(now: number): void {
    this.reconnectedAt = now;
  }
}

export interface WatchdogDeps {
  /** performance.now() */
  now: () => number;
  signals: () => PageSignals;
  reconnect: () => void;
  /** whether the hub answers: the page reloads only when it would load again */
  hubAnswers: () => Promise<boolean>;
  reload: () => void;
  policy?: WatchdogPolicy;
}

/** Runs the judge every checkEveryMs; returns a stop function. */
export function startWatchdog(deps: WatchdogDeps): () => void {
  const policy = deps.policy ?? DEFAULT_WATCHDOG;
  const judge = new WatchdogJudge(policy);
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    const action = judge.check(deps.now(), deps.signals());
    if (action === 'reconnect') deps.reconnect();
    if (action !== 'reload') return;
    probing = true;
    void deps
      .hubAnswers()
      .catch(() => false)
      .then((answers) => {
        probing = false;
        if (answers) {
          clearInterval(timer);
          deps.reload();
          return;
        }
        judge.reloadPutOff(deps.now());
        deps.reconnect();
      });
  }, policy.checkEveryMs);
  return () => clearInterval(timer);
}

/**
 * The page's frames and visibility as the watchdog reads them: an animation-frame loop that notes each
 * frame (one timestamp, no work). Returns the signals' reader and a stop function.
 */
export function watchPage(
  lastMessageAt: () => number,
  now: () => number = () => performance.now(),
): { signals: () => PageSignals; stop: () => void } {
  let lastFrameAt = now();
  let visibleSince = now();
  let frame = 0;
  const onFrame = () => {
    lastFrameAt = now();
    frame = requestAnimationFrame(onFrame);
  };
  frame = requestAnimationFrame(onFrame);
  const onVisibility = () => {
    if (document.visibilityState === 'visible') visibleSince = now();
  };
  document.addEventListener('visibilitychange', onVisibility);
  return {
    signals: () => ({
      lastFrameAt,
      lastMessageAt: lastMessageAt(),
      visible: document.visibilityState === 'visible',
      visibleSince,
    }),
    stop: () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
