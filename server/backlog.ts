/**
 * What the hub may hold for one client that has stopped reading, by default: about 10 s of the
 * heaviest stream we run (50,000 lamps at 10,000 `light.state` a second, ~75 bytes each), more than
 * a network hiccup a reading client recovers from. Beyond it the client is dropped; it reconnects
 * with its lastSeq and is caught up by replay or snapshot like any other.
 */
export const MAX_CLIENT_BACKLOG_BYTES = 8 * 1024 * 1024;

/**
 * The parts of a socket the guard reads. socket.io's Socket fits it; engine.io keeps `writeBuffer`
 * out of its typings, so everything below is checked at run time.
 */
export interface BackloggedSocket {
  conn: unknown;
}

interface EngineConn {
  /** engine.io's queue of packets waiting for the transport to be writable again */
  writeBuffer?: unknown;
  transport?: { socket?: unknown };
  close?: (discard?: boolean) => unknown;
}

interface EnginePacket {
  data?: unknown;
  options?: { wsPreEncodedFrame?: unknown };
}

/** The `ws` WebSocket under engine.io's websocket transport. */
interface WsSocket {
  bufferedAmount: number;
  terminate(): void;
}

function isWs(v: unknown): v is WsSocket {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as WsSocket).bufferedAmount === 'number' &&
    typeof (v as WsSocket).terminate === 'function'
  );
}

function byteLength(v: unknown): number {
  if (typeof v === 'string') return v.length; // JSON text, nearly all ASCII: close enough to bytes
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (v instanceof ArrayBuffer) return v.byteLength;
  return 0;
}

function packetBytes(packet: unknown): number {
  if (typeof packet !== 'object' || packet === null) return 0;
  const { data, options } = packet as EnginePacket;
  // A broadcast is framed once for every socket (socket.io's adapter): the frame is what goes out.
  const frame = options?.wsPreEncodedFrame;
  if (Array.isArray(frame)) return frame.reduce((n: number, part) => n + byteLength(part), 0);
  return byteLength(data);
}

/**
 * Bytes queued on the hub for one socket and not yet taken by the kernel: engine.io's write buffer
 * (packets held while the transport is busy) plus, on WebSocket, what `ws` has handed to the TCP
 * socket but the kernel has not accepted (`bufferedAmount`, the socket's writableLength). A client
 * that stops reading makes both grow once the kernel's own buffers (a few MB on loopback) are full.
 */
export function backlogBytes(socket: BackloggedSocket): number {
  const conn = socket.conn as EngineConn | null;
  if (!conn) return 0;
  let bytes = 0;
  if (Array.isArray(conn.writeBuffer)) for (const p of conn.writeBuffer) bytes += packetBytes(p);
  const ws = conn.transport?.socket;
  if (isWs(ws)) bytes += ws.bufferedAmount;
  return bytes;
}

export interface BacklogStats {
  /** the bound: bytes a socket may have queued beyond the catch-up answer it is still being sent */
  maxBytes: number;
  /** sockets dropped for going over it since the hub started */
  dropped: number;
  /** the largest backlog seen on one socket at a check */
  peakBytes: number;
}

/**
 * Drops sockets that stopped reading before what the hub queues for them grows without bound.
 *
 * A catch-up answer (a replay of up to LOG_SIZE events, or a snapshot) may alone be larger than the
 * bound, and a healthy client on a slow link takes a while to read it: those bytes do not count
 * while they drain. What the guard allows for a socket is the bytes its newest catch-up queued, or
 * what is left of an earlier one, whichever is more; it shrinks as the queue does. So a socket is
 * held to at most the bound plus its largest catch-up plus one broadcast, and a client that
 * keeps asking for replays without reading them is dropped all the same.
 */
export class BacklogGuard {
  private readonly allowance = new WeakMap<object, number>();
  private droppedCount = 0;
  private peak = 0;

  constructor(
    readonly maxBytes: number,
    private readonly onDrop: (bytes: number) => void = () => {},
  ) {
    if (!(maxBytes > 0)) throw new Error('the client backlog bound must be a positive number of bytes');
  }

  /** The socket's backlog before a catch-up is queued; pass it to afterCatchUp(). */
  beforeCatchUp(socket: BackloggedSocket): number {
    return backlogBytes(socket);
  }

  /** Allows the bytes a catch-up answer just queued for the socket, until they drain. */
  afterCatchUp(socket: BackloggedSocket, before: number): void {
    const added = Math.max(0, backlogBytes(socket) - before);
    const left = this.allowance.get(socket) ?? 0;
    if (added > 0 || left > 0) this.allowance.set(socket, Math.max(left, added));
  }

  /**
   * After a broadcast: drops each socket whose backlog is over the bound (plus its allowance).
   * Returns how many it dropped.
   */
  check(sockets: Iterable<BackloggedSocket>): number {
    let dropped = 0;
    for (const socket of sockets) {
      const bytes = backlogBytes(socket);
      if (bytes > this.peak) this.peak = bytes;
      let allowed = this.allowance.get(socket);
      if (allowed !== undefined) {
        // What is left of the catch-up cannot be more than what is queued in all.
        allowed = Math.min(allowed, bytes);
        if (allowed === 0) this.allowance.delete(socket);
        else this.allowance.set(socket, allowed);
      }
      if (bytes > this.maxBytes + (allowed ?? 0)) {
        drop(socket);
        this.allowance.delete(socket);
        this.droppedCount++;
        dropped++;
        this.onDrop(bytes);
      }
    }
    return dropped;
  }

  stats(): BacklogStats {
    return { maxBytes: this.maxBytes, dropped: this.droppedCount, peakBytes: this.peak };
  }
}

/**
 * Ends the connection at once. socket.disconnect() would not do: engine.io waits for its write
 * buffer to drain before it closes (it never will), and `ws` sends a close frame behind the backlog
 * and waits 30 s for the answer. Terminating the TCP socket frees the backlog now, and the client,
 * seeing a transport close rather than a server disconnect, reconnects by itself with its lastSeq.
 */
function drop(socket: BackloggedSocket): void {
  const conn = socket.conn as EngineConn | null;
  const ws = conn?.transport?.socket;
  if (isWs(ws)) ws.terminate();
  // Long-polling (or no ws under us): discard the transport; engine.io then drops its buffer.
  else conn?.close?.(true);
}
