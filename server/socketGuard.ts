import type { Socket } from 'socket.io';
import type { CommandAck } from '../src/shared/protocol/events';
import type { Limits } from './limits';
import type { HubMetrics } from './metrics';
import { RateLimiter } from './rateLimit';

// What the hub counts and limits on each socket: the messages it sends (metrics), messages it has
// no handler for, sockets cut off for broken frames, and the rate of commands.

/** The messages a client may send; anything else is dropped and counted. */
const CLIENT_MESSAGES: ReadonlySet<string> = new Set(['resync', 'command']);

// socket.io's typed sockets differ only in their event maps; the guard reads none of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySocket = Socket<any, any, any, any>;

export class SocketGuard {
  private readonly commands: RateLimiter<string>;

  constructor(
    private readonly metrics: HubMetrics,
    private readonly limits: Limits,
    now?: () => number,
  ) {
    this.commands = new RateLimiter(limits.commands, now);
  }

  /** Counts what goes out to the socket and what comes in unasked; call once, on connection. */
  watch(socket: AnySocket): void {
    // Called for direct emits and for room broadcasts alike (the adapter notifies each socket).
    socket.onAnyOutgoing((message: string, payload: unknown) => {
      const events = (payload as { events?: unknown } | undefined)?.events;
      this.metrics.messageSent(message, message === 'events' && Array.isArray(events) ? events.length : 0);
    });
    socket.onAny((message: unknown) => {
      if (typeof message !== 'string' || !CLIENT_MESSAGES.has(message)) this.metrics.drop('unknown-message');
    });
    // A packet socket.io cannot decode (garbage, a reserved event name) arrives here, and socket.io
    // then closes the connection; without a listener it would print the error to the console.
    socket.on('error', () => this.metrics.drop('malformed'));
    socket.once('disconnect', (reason: string) => {
      this.commands.forget(socket.id);
      // A frame over maxHttpBufferSize, or a broken one, ends the WebSocket with a transport error.
      if (reason === 'transport error') this.metrics.drop('socket-error');
    });
  }

  /**
   * Whether a command may run. Refused: one without an acknowledgement (nobody could learn its
   * outcome, and a client that cannot read answers cannot retry safely either), dropped and
   * counted; one past the socket's rate, answered `rate limited` and counted.
   */
  admitCommand(socket: AnySocket, ack: unknown): boolean {
    if (typeof ack !== 'function') {
      this.metrics.drop('no-ack');
      return false;
    }
    const wait = this.commands.take(socket.id);
    if (wait > 0) {
      this.metrics.drop('rate-limited');
      const { perSec, burst } = this.limits.commands;
      const answer: CommandAck = {
        ok: false,
        error: `rate limited: at most ${perSec} commands a second (${burst} at once); retry in ${wait} ms`,
      };
      (ack as (a: CommandAck) => void)(answer);
      return false;
    }
    return true;
  }

  /** Counts a command's outcome: the events it committed, or a drop when it was malformed. */
  commandDone(answer: CommandAck, committed: number): void {
    this.metrics.eventsCommitted('command', committed);
    if (!answer.ok && answer.error.startsWith('invalid')) this.metrics.drop('invalid');
  }
}
