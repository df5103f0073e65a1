import { io, type Socket } from 'socket.io-client';

// What the stream costs on the wire: a socket.io client in the bench process, beside the page,
// counts the bytes of the `events` frames the hub sends it and the lamp updates they carry. The hub
// sends every viewer of a role the same frames, so these are the page's frames too.

export interface WireCount {
  /** bytes of the WebSocket frames' payloads carrying `events` messages */
  bytes: number;
  /** `events` messages */
  messages: number;
  /** events in them */
  events: number;
  /** lamp updates in them: one per `light.state`, one per lamp of a `light.states` */
  lampUpdates: number;
}

/** Lamp updates an event carries (0 for every other type); read defensively, it is the wire's data. */
export function lampUpdatesOf(event: unknown): number {
  if (typeof event !== 'object' || event === null) return 0;
  const { type, data } = event as { type?: unknown; data?: unknown };
  if (type === 'light.state') return 1;
  if (type === 'light.states' && typeof data === 'object' && data !== null) {
    const i = (data as { i?: unknown }).i;
    return Array.isArray(i) ? i.length : 0;
  }
  return 0;
}

/**
 * A socket.io `events` message as Engine.IO hands it over: the text after the Engine.IO type `4`
 * (message), starting with the socket.io type `2` (event) and the event name.
 */
export function isEventsFrame(engineData: unknown): engineData is string {
  return typeof engineData === 'string' && engineData.startsWith('2["events",');
}

export interface WireWatch {
  /** the counts so far */
  readonly count: WireCount;
  close(): void;
}

/** Connects as a viewer (WebSocket only, like the wall) and counts what arrives until closed. */
export async function watchWire(url: string, token: string): Promise<WireWatch> {
  const count: WireCount = { bytes: 0, messages: 0, events: 0, lampUpdates: 0 };
  const socket: Socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  // The raw packet, before socket.io parses it: its length is the frame's (Engine.IO adds the one
  // byte of its type; no compression, socket.io's default).
  socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
    if (packet.type === 'message' && isEventsFrame(packet.data)) {
      count.bytes += 1 + Buffer.byteLength(packet.data, 'utf8');
      count.messages++;
    }
  });
  socket.on('events', (msg: { events?: unknown }) => {
    if (!Array.isArray(msg.events)) return;
    count.events += msg.events.length;
    for (const e of msg.events) count.lampUpdates += lampUpdatesOf(e);
  });
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  return { count, close: () => void socket.disconnect() };
}
