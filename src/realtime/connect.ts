import { io, type Socket } from 'socket.io-client';
import { MSG, sessionSchema, systemsReportSchema, type Command } from '../shared/protocol/events';
import { COMMAND_TIMEOUT_MS, createCommandSender, type EmitCommand, type SendCommand } from './commands';
import { DEFAULT_FAILOVER, FailoverTracker, hubHost, type FailoverPolicy } from './failover';
import { StreamPipeline, type PipelineDeps } from './pipeline';
import { connectionChanged, hubSelected, sessionReceived, systemsReceived } from './streamActions';

export interface ConnectOptions {
  /** a narrower audience than the token's role (guest, leader); the hub decides */
  audience?: 'guest' | 'leader';
  /** `briefing`: the indicators, clock and systems only; the rest of the stream comes elided (docs/protocol.md) */
  view?: 'briefing';
  /** hub origin; same origin as the page when empty */
  url?: string;
  /**
   * Hub origins to use in turn: when the one the page is on is unreachable, it moves to the next
   * (see failover.ts). Wins over `url` when not empty.
   */
  urls?: readonly string[];
  token: string;
  dispatch: PipelineDeps['dispatch'];
  lamps: PipelineDeps['lamps'];
  /** when to give up on a hub (tests shorten it) */
  failover?: Partial<FailoverPolicy>;
}

export interface RealtimeConnection {
  pipeline: StreamPipeline;
  /**
   * The socket open now, for diagnostics and for tests that cut the network under it. After a
   * failover it is another socket: listeners put on the previous one hear nothing more.
   */
  readonly socket: Socket;
  /** the hub the socket is open to ('' for the page's own origin) */
  readonly hubUrl: string;
  /** an operator command, answered by the hub: `{ ok: true }` or `{ ok: false, error }` (see docs/protocol.md) */
  sendCommand: SendCommand;
  /**
   * performance.now() of the last thing heard from the hub, socket.io's pings included: a quiet hub
   * still pings every 25 s, so a page that hears nothing for longer has a stalled stream (src/app/watchdog.ts).
   */
  readonly lastMessageAt: number;
  /** closes the socket and opens it again, resuming from lastSeq (the watchdog's first remedy) */
  reconnect(): void;
  close(): void;
}

const RESYNC_TIMEOUT_MS = 5_000;
/** A hub that dropped us on purpose ('io server disconnect') is not retried by socket.io itself. */
const SERVER_DISCONNECT_RETRY_MS = 1_000;

/**
 * Opens the page's one socket to the hub. On every (re)connect the handshake carries the last seq we
 * applied, so the hub can replay what we missed instead of sending the whole city again.
 *
 * With several hubs, one socket at a time: when the current hub is unreachable (FailoverTracker says
 * when), that socket is closed and one to the next hub is opened, with the same handshake. The
 * pipeline, lastSeq, the epoch and the store stay: a hub sharing the log replays from lastSeq, any
 * other sends a snapshot. A refusal (`unauthorized`) is final, on any hub.
 */
export function connectRealtime(opts: ConnectOptions): RealtimeConnection {
  const urls = opts.urls && opts.urls.length > 0 ? [...opts.urls] : [opts.url ?? ''];
  const tracker = new FailoverTracker(urls.length, { ...DEFAULT_FAILOVER, ...opts.failover });
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  /** fires when the current hub has had its time to (re)connect */
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** opens the next hub after a round's pause, or reconnects after a server disconnect */
  let laterTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let lastMessageAt = performance.now();
  const heard = () => {
    lastMessageAt = performance.now();
  };
  /** The hub's history our lastSeq belongs to (the last snapshot's): a hub with another one sends a snapshot. */
  let epoch: string | undefined;

  const pipeline: StreamPipeline = new StreamPipeline({
    dispatch: opts.dispatch,
    lamps: opts.lamps,
    scheduleFrame: frameScheduler(),
    requestResync: (lastSeq) => {
      current.socket.emit('resync', epoch === undefined ? { lastSeq } : { lastSeq, epoch });
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(() => pipeline.resyncTimedOut(), RESYNC_TIMEOUT_MS);
    },
    now: () => Date.now(),
  });

  // A function, so that each (re)connect, to whichever hub, sends the seq we have reached by then.
  // `audience` asks the hub to treat the page as a narrower role than its token's (a delegation's
  // screen opened with a staff token): the hub narrows, it never widens.
  const who = {
    token: opts.token,
    ...(opts.audience ? { audience: opts.audience } : {}),
    ...(opts.view ? { view: opts.view } : {}),
  };
  const auth = (cb: (data: object) => void) =>
    cb(
      pipeline.lastSeq > 0
        ? { ...who, lastSeq: pipeline.lastSeq, ...(epoch === undefined ? {} : { epoch }) }
        : who,
    );

  /**
   * Commands wait here while no socket is connected, and go out on the next one that connects, to
   * whichever hub: socket.io's own buffer belongs to one socket and would be lost with it. One that
   * waited longer than a command's timeout is not sent: its caller was already told "timeout".
   */
  const waiting: { command: Command; ack: (answer: unknown) => void; since: number }[] = [];
  /** the command sender's: told when the connection drops (not when the page closes it) */
  const dropListeners = new Set<() => void>();

  const armDeadline = () => {
    clearTimeout(deadlineTimer);
    const at = tracker.deadline();
    if (at === null || closed) return;
    deadlineTimer = setTimeout(
      () => {
        if (tracker.shouldMove(Date.now())) moveOn();
        else armDeadline();
      },
      Math.max(0, at - Date.now()),
    );
  };

  const open = (index: number) => {
    const url = urls[index]!;
    const socket: Socket = io(url, {
      auth,
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      // A socket of its own: never share a manager with a socket this page closed.
      forceNew: true,
    });
    const link = { socket, url, retired: false };
    socket.onAny(() => {
      if (!link.retired) heard();
    });
    socket.io.on('ping', () => {
      if (!link.retired) heard();
    });
    tracker.down(Date.now());
    armDeadline();
    opts.dispatch(hubSelected({ url, host: hubHost(url), index, count: urls.length }));

    /** Events of a socket the page has moved away from are not heard. */
    const on = <A extends unknown[]>(event: string, handler: (...args: A) => void) =>
      socket.on(event, (...args: unknown[]) => {
        if (!link.retired) handler(...(args as A));
      });

    on('connect', () => {
      tracker.connected();
      clearTimeout(deadlineTimer);
      opts.dispatch(connectionChanged({ status: 'live' }));
      const now = Date.now();
      for (const w of waiting.splice(0))
        if (now - w.since < COMMAND_TIMEOUT_MS) socket.emit(MSG.command, w.command, w.ack);
    });
    on('disconnect', (reason: string) => {
      if (reason === 'io client disconnect') {
        opts.dispatch(connectionChanged({ status: 'offline' }));
        return;
      }
      // The hub or the network dropped us: socket.io reconnects by itself with backoff.
      opts.dispatch(connectionChanged({ status: 'reconnecting' }));
      tracker.down(Date.now());
      armDeadline();
      for (const l of [...dropListeners]) l();
      if (reason === 'io server disconnect') {
        // The hub ended this socket on purpose (its catch-up failed); socket.io will not come back.
        if (tracker.failed(Date.now())) moveOn();
        else laterTimer = setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS);
      }
    });
    on('connect_error', (err: Error) => {
      // A refusal by the hub's auth middleware is final; transport errors are retried, then failed over.
      const refused = err.message === 'unauthorized';
      opts.dispatch(
        connectionChanged({ status: refused ? 'offline' : 'reconnecting', error: err.message.slice(0, 200) }),
      );
      if (refused) {
        clearTimeout(deadlineTimer);
        return;
      }
      if (tracker.failed(Date.now())) moveOn();
    });
    on(MSG.session, (msg: unknown) => {
      const session = sessionSchema.safeParse(msg);
      // Without a valid session the page stays read-only: commands are offered to known operators only.
      if (session.success) opts.dispatch(sessionReceived(session.data));
    });
    on(MSG.systems, (msg: unknown) => {
      // Not an event of the log: a malformed one is ignored, and the next one or a snapshot says it again.
      const report = systemsReportSchema.safeParse(msg);
      if (report.success) opts.dispatch(systemsReceived(report.data));
    });
    on(MSG.snapshot, (msg: unknown) => {
      clearTimeout(resyncTimer);
      if (pipeline.onSnapshot(msg)) {
        const e = (msg as { epoch?: unknown }).epoch;
        epoch = typeof e === 'string' ? e : undefined;
      }
    });
    on(MSG.events, (msg: unknown) => {
      pipeline.onEvents(msg);
      if (!pipeline.awaitingResync) clearTimeout(resyncTimer);
    });
    return link;
  };

  /** Closes the socket to this hub and opens one to the next (after a pause once a round found none). */
  const moveOn = () => {
    if (closed) return;
    clearTimeout(deadlineTimer);
    clearTimeout(laterTimer);
    current.retired = true;
    current.socket.disconnect();
    const { index, delayMs } = tracker.move();
    if (delayMs === 0) current = open(index);
    else laterTimer = setTimeout(() => (current = open(index)), delayMs);
  };

  let current = open(0);

  const emitCommand: EmitCommand = (command, ack) => {
    if (current.socket.connected && !current.retired) current.socket.emit(MSG.command, command, ack);
    else waiting.push({ command, ack, since: Date.now() });
  };
  const sendCommand = createCommandSender(emitCommand, {
    onDisconnect: (listener) => {
      dropListeners.add(listener);
      return () => dropListeners.delete(listener);
    },
  });

  return {
    pipeline,
    get socket() {
      return current.socket;
    },
    get hubUrl() {
      return current.url;
    },
    sendCommand,
    get lastMessageAt() {
      return lastMessageAt;
    },
    reconnect: () => {
      if (closed) return;
      current.socket.disconnect();
      current.socket.connect();
    },
    close: () => {
      closed = true;
      clearTimeout(resyncTimer);
      clearTimeout(deadlineTimer);
      clearTimeout(laterTimer);
      waiting.length = 0;
      current.socket.disconnect();
    },
  };
}

/**
 * The stream reaches the store at most every this many ms. Each flush re-renders what changed and
 * makes the browser paint and composite a new frame; on a wall fed ten thousand lamp updates a
 * second, flushing on every animation frame (60 a second) spent the machine on frames nobody across
 * the room can tell apart, and 100 ms keeps the newest report on screen well within its quarter second.
 */
export const MIN_FLUSH_INTERVAL_MS = 100;

/**
 * Flushes on a painted frame, at most every minIntervalMs. Hidden tabs get no animation frames, so a
 * timer stands in for them: otherwise the buffer would grow without bound while the wall is in the
 * background.
 */
export function frameScheduler(
  minIntervalMs = MIN_FLUSH_INTERVAL_MS,
  now: () => number = () => performance.now(),
): (flush: () => void) => void {
  let lastFlushAt = -Infinity;
  return (flush) => {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      lastFlushAt = now();
      flush();
    };
    const wait = Math.max(0, lastFlushAt + minIntervalMs - now());
    if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
    else requestAnimationFrame(run);
    setTimeout(run, wait + 250);
  };
}
