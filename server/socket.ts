import type { Server, Socket } from 'socket.io';
import {
  MSG,
  type CommandAck,
  type EventsMessage,
  type Session,
  type Snapshot,
  type StreamEvent,
  type SystemsReport,
} from '../src/shared/protocol/events';
import type { BacklogGuard } from './backlog';
import type { CommandDesk } from './commands';
import { StorageUnavailable, type Committer } from './commit';
import type { HubMetrics } from './metrics';
import { redactEvents } from './redact';
import type { SocketGuard } from './socketGuard';
import type { CityStream } from './stream';
import { identityOf, narrowed, VIEWER_ROLES, type Identity, type Role, type TokenMap } from './tokens';
import { BRIEFING_ROOM, briefingSnapshot, forBriefing, viewOf, type StreamView } from './views';

// The hub's sockets: who may connect, how a (re)connecting client is brought up to the live
// stream (replay or snapshot), the commands it sends, and the broadcast of each committed batch.

/** Per emit: keeps a catch-up of 100,000 events from becoming one giant frame. */
export const EVENTS_PER_MESSAGE = 5000;
const FULL_VIEW_ROOMS = ['operator', 'leader'];
const GUEST_ROOM = 'guest';

interface ClientToServer {
  resync: (msg: unknown, ack?: (answer: { mode: 'replay' | 'snapshot'; seq: number }) => void) => void;
  command: (msg: unknown, ack?: (answer: CommandAck) => void) => void;
}
interface ServerToClient {
  events: (msg: EventsMessage) => void;
  snapshot: (snapshot: Snapshot) => void;
  session: (session: Session) => void;
  systems: (report: SystemsReport) => void;
}
interface SocketData {
  role: Role;
  identity: Identity;
  /** what it asked to be sent (server/views.ts) */
  view: StreamView;
}
export type HubIo = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type HubSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export interface SocketDeps {
  tokens: TokenMap;
  stream: CityStream;
  loop: Committer;
  commands: CommandDesk;
  metrics: HubMetrics;
  socketGuard: SocketGuard;
  backlog: BacklogGuard;
  /** the snapshot a viewer of this role is sent (with the power history, redacted for guests) */
  snapshotFor(snap: Snapshot, role: Role): Snapshot;
}

/** Sends one committed batch: one message per room (chunked), redacted once for guests. */
export function broadcaster(io: HubIo, backlog: BacklogGuard): (batch: StreamEvent[]) => void {
  return (batch) => {
    for (const chunk of chunked(batch)) io.local.to(FULL_VIEW_ROOMS).emit('events', { events: chunk });
    const rooms = io.of('/').adapter.rooms;
    if ((rooms.get(GUEST_ROOM)?.size ?? 0) > 0) {
      for (const chunk of chunked(redactEvents(batch)))
        io.local.to(GUEST_ROOM).emit('events', { events: chunk });
    }
    if ((rooms.get(BRIEFING_ROOM)?.size ?? 0) > 0) {
      for (const chunk of chunked(forBriefing(batch)))
        io.local.to(BRIEFING_ROOM).emit('events', { events: chunk });
    }
    backlog.check(io.of('/').sockets.values());
  };
}

/**
 * Sends the systems' statuses to every viewer of this node: no personal data, so guests get the same.
 * Not an event of the log: a client that missed one has the next, or its next snapshot's.
 */
export function systemsSender(io: HubIo): (report: SystemsReport) => void {
  return (report) => io.local.to([...FULL_VIEW_ROOMS, GUEST_ROOM, BRIEFING_ROOM]).emit(MSG.systems, report);
}

/** Admits viewer tokens only, then serves each socket: its session, its catch-up, resync and commands. */
export function serveSockets(io: HubIo, d: SocketDeps): void {
  const { stream, loop, metrics, socketGuard, backlog } = d;

  /**
   * Brings one socket up to the current seq. Run as a read of the commit loop: nothing is committed
   * and unsent then, so the answer ends exactly where the next broadcast starts. A client of another
   * epoch (another history) gets a snapshot whatever its lastSeq.
   */
  const catchUp = (socket: HubSocket, lastSeq: number | undefined, epoch: unknown) => {
    const sameHistory = epoch === undefined || epoch === stream.epoch;
    const queued = backlog.beforeCatchUp(socket);
    const answer = stream.catchUp(sameHistory ? lastSeq : undefined);
    metrics.catchUp(answer.mode);
    const briefing = socket.data.view === 'briefing';
    if (answer.mode === 'snapshot') {
      const snap = d.snapshotFor(answer.snapshot, socket.data.role);
      socket.emit('snapshot', briefing ? briefingSnapshot(snap) : snap);
    } else {
      const events = briefing
        ? forBriefing(answer.events)
        : socket.data.role === 'guest'
          ? redactEvents(answer.events)
          : answer.events;
      for (const chunk of chunked(events)) socket.emit('events', { events: chunk });
    }
    backlog.afterCatchUp(socket, queued);
    return { mode: answer.mode, seq: stream.seq };
  };

  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = identityOf(isRecord(auth) ? auth.token : undefined, d.tokens);
    const identity = token && narrowed(token, isRecord(auth) ? auth.audience : undefined);
    if (!identity || !VIEWER_ROLES.has(identity.role)) {
      metrics.drop('unauthorized');
      next(new Error('unauthorized'));
      return;
    }
    socket.data.role = identity.role;
    socket.data.identity = identity;
    socket.data.view = viewOf(isRecord(auth) ? auth.view : undefined);
    next();
  });

  io.on('connection', (socket) => {
    socketGuard.watch(socket);
    const auth: unknown = socket.handshake.auth;
    // Only viewer roles get this far. Guests are not told a name: theirs is a shared wall token.
    const { role, name } = socket.data.identity;
    if (role !== 'producer') {
      socket.emit(MSG.session, { role, name: role === 'guest' ? '' : name, epoch: stream.epoch });
    }
    const lastSeq = parseSeq(isRecord(auth) ? auth.lastSeq : undefined);
    const epoch = isRecord(auth) ? auth.epoch : undefined;
    loop
      .read(() => {
        if (socket.disconnected) return;
        catchUp(socket, lastSeq, epoch);
        // Joined after the catch-up and before the next broadcast: the live stream picks up at seq + 1.
        void socket.join(socket.data.view === 'briefing' ? BRIEFING_ROOM : socket.data.role);
      })
      .catch((err: unknown) => {
        console.error('[hub] catch-up failed:', err);
        socket.disconnect(true);
      });
    socket.on('resync', (msg, ack) => {
      const seq = parseSeq(isRecord(msg) ? msg.lastSeq : undefined);
      loop
        .read(() => catchUp(socket, seq, isRecord(msg) ? msg.epoch : undefined))
        .then((answer) => {
          if (typeof ack === 'function') ack(answer);
        })
        .catch((err: unknown) => {
          // One client's request is not worth the process: it is dropped and reconnects.
          console.error('[hub] resync failed:', err);
          socket.disconnect(true);
        });
    });
    socket.on(MSG.command, (msg, ack) => {
      if (!socketGuard.admitCommand(socket, ack)) return;
      loop
        .change(() => {
          const seqBefore = stream.seq;
          const answer = d.commands.handle(msg, socket.data.identity);
          socketGuard.commandDone(answer, stream.seq - seqBefore);
          return answer;
        })
        .catch((err: unknown): CommandAck => {
          if (err instanceof StorageUnavailable)
            return { ok: false, error: 'storage unavailable: try again' };
          console.error('[hub] command failed:', err);
          return { ok: false, error: 'internal error' };
        })
        .then((answer) => {
          if (typeof ack === 'function') ack(answer);
        });
    });
  });
}

/** Sockets connected and authorised, by role (for the metrics). */
export function clientsByRole(io: HubIo): Partial<Record<Role, number>> {
  const out: Partial<Record<Role, number>> = {};
  for (const s of io.of('/').sockets.values()) out[s.data.role] = (out[s.data.role] ?? 0) + 1;
  return out;
}

function* chunked(events: StreamEvent[]): Generator<StreamEvent[]> {
  if (events.length <= EVENTS_PER_MESSAGE) {
    if (events.length > 0) yield events;
    return;
  }
  for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) yield events.slice(i, i + EVENTS_PER_MESSAGE);
}

/** A client's lastSeq: a non-negative integer, anything else means "no usable position". */
function parseSeq(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
