import { io, type Socket } from 'socket.io-client';
import { MSG, sessionSchema } from '../shared/protocol/events';
import { createCommandSender, type SendCommand } from './commands';
import { StreamPipeline, type PipelineDeps } from './pipeline';
import { connectionChanged, sessionReceived } from './streamActions';

export interface ConnectOptions {
  /** hub origin; same origin as the page when empty */
  url?: string;
  token: string;
  dispatch: PipelineDeps['dispatch'];
  lamps: PipelineDeps['lamps'];
}

export interface RealtimeConnection {
  pipeline: StreamPipeline;
  /** the socket itself, for diagnostics and for tests that cut the network under it */
  readonly socket: Socket;
  /** an operator command, answered by the hub: `{ ok: true }` or `{ ok: false, error }` (see docs/protocol.md) */
  sendCommand: SendCommand;
  close(): void;
}

const RESYNC_TIMEOUT_MS = 5_000;

/**
 * Opens the page's one socket to the hub. On every (re)connect the handshake carries the last seq we
 * applied, so the hub can replay what we missed instead of sending the whole city again.
 */
export function connectRealtime(opts: ConnectOptions): RealtimeConnection {
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  /** The hub's history our lastSeq belongs to (the last snapshot's): a hub with another one sends a snapshot. */
  let epoch: string | undefined;

  const pipeline: StreamPipeline = new StreamPipeline({
    dispatch: opts.dispatch,
    lamps: opts.lamps,
    scheduleFrame: frameScheduler(),
    requestResync: (lastSeq) => {
      socket.emit('resync', epoch === undefined ? { lastSeq } : { lastSeq, epoch });
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(() => pipeline.resyncTimedOut(), RESYNC_TIMEOUT_MS);
    },
    now: () => Date.now(),
  });

  const socket: Socket = io(opts.url ?? '', {
    // A function, so that each reconnect sends the seq we have reached by then.
    auth: (cb) =>
      cb(
        pipeline.lastSeq > 0
          ? { token: opts.token, lastSeq: pipeline.lastSeq, ...(epoch === undefined ? {} : { epoch }) }
          : { token: opts.token },
      ),
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });

  socket.on('connect', () => opts.dispatch(connectionChanged({ status: 'live' })));
  socket.on('disconnect', (reason) => {
    // The hub or the network dropped us: socket.io reconnects by itself with backoff.
    const willReconnect = reason !== 'io client disconnect';
    opts.dispatch(connectionChanged({ status: willReconnect ? 'reconnecting' : 'offline' }));
  });
  socket.on('connect_error', (err) => {
    // A refusal by the hub's auth middleware is final; transport errors are retried.
    const refused = err.message === 'unauthorized';
    opts.dispatch(
      connectionChanged({ status: refused ? 'offline' : 'reconnecting', error: err.message.slice(0, 200) }),
    );
  });
  socket.on(MSG.session, (msg: unknown) => {
    const session = sessionSchema.safeParse(msg);
    // Without a valid session the page stays read-only: commands are offered to known operators only.
    if (session.success) opts.dispatch(sessionReceived(session.data));
  });
  socket.on(MSG.snapshot, (msg: unknown) => {
    clearTimeout(resyncTimer);
    if (pipeline.onSnapshot(msg)) {
      const e = (msg as { epoch?: unknown }).epoch;
      epoch = typeof e === 'string' ? e : undefined;
    }
  });
  socket.on(MSG.events, (msg: unknown) => {
    pipeline.onEvents(msg);
    if (!pipeline.awaitingResync) clearTimeout(resyncTimer);
  });

  const sendCommand = createCommandSender((command, ack) => socket.emit(MSG.command, command, ack), {
    onDisconnect: (listener) => {
      // Closing the page's connection is not a drop: nothing would carry a retry.
      const onDrop = (reason: string) => {
        if (reason !== 'io client disconnect') listener();
      };
      socket.on('disconnect', onDrop);
      return () => socket.off('disconnect', onDrop);
    },
  });

  return {
    pipeline,
    socket,
    sendCommand,
    close: () => {
      clearTimeout(resyncTimer);
      socket.disconnect();
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
