import { afterEach } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startHub, type Hub, type HubOptions, type Role } from '../../server/hub';
import type { IncidentReported, Snapshot, StreamEvent } from '../../src/shared/protocol/events';

// Scenario helpers for the hub's integration tests: a real hub on a free port, real socket.io
// clients and fetch. Every hub and socket made through a harness is closed after each test.

export const TOKENS: Record<string, Role> = {
  'dev-operator': 'operator',
  'dev-leader': 'leader',
  'dev-guest': 'guest',
  'dev-producer': 'producer',
};

export type Received = { kind: 'snapshot'; snapshot: Snapshot } | { kind: 'events'; events: StreamEvent[] };

/** A socket.io client that records every snapshot and batch in arrival order. */
export class Viewer {
  readonly received: Received[] = [];
  constructor(readonly socket: Socket) {
    socket.on('snapshot', (snapshot: Snapshot) => this.received.push({ kind: 'snapshot', snapshot }));
    socket.on('events', (msg: { events: StreamEvent[] }) =>
      this.received.push({ kind: 'events', events: msg.events }),
    );
  }

  get events(): StreamEvent[] {
    return this.received.flatMap((r) => (r.kind === 'events' ? r.events : []));
  }

  get snapshots(): Snapshot[] {
    return this.received.flatMap((r) => (r.kind === 'snapshot' ? [r.snapshot] : []));
  }

  /** seq of the newest thing applied: the last event, or the snapshot if none came after it. */
  get lastSeq(): number {
    let last = 0;
    for (const r of this.received) {
      if (r.kind === 'snapshot') last = r.snapshot.seq;
      else if (r.events.length > 0) last = r.events[r.events.length - 1]!.seq;
    }
    return last;
  }

  async until(pred: (v: Viewer) => boolean, what: string, timeoutMs = 5000): Promise<void> {
    await waitFor(() => pred(this), what, timeoutMs);
  }

  untilSeq(seq: number, timeoutMs?: number): Promise<void> {
    return this.until((v) => v.lastSeq >= seq, `seq ${seq} (have ${this.lastSeq})`, timeoutMs);
  }
}

export async function waitFor(pred: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Harness {
  start(opts?: HubOptions): Promise<Hub>;
  /** Connects and resolves once the handshake is accepted. */
  connect(hub: Hub, auth: Record<string, unknown>): Promise<Viewer>;
  /** Connects expecting refusal; resolves with the connect_error message. */
  refused(hub: Hub, auth?: Record<string, unknown>): Promise<string>;
  ingest(hub: Hub, events: unknown[], token?: string): Promise<{ status: number; body: IngestAnswer }>;
  get<T = Record<string, unknown>>(
    hub: Hub,
    path: string,
    token?: string,
  ): Promise<{ status: number; body: T }>;
}

export interface IngestAnswer {
  seqs?: number[];
  error?: string;
  issues?: { index?: number; path: string; message: string }[];
}

export function useHarness(): Harness {
  const hubs: Hub[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await Promise.all(hubs.splice(0).map((h) => h.close()));
  });

  const open = (hub: Hub, auth: Record<string, unknown> | undefined) => {
    const socket = io(hub.url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5000,
    });
    sockets.push(socket);
    return socket;
  };

  return {
    async start(opts = {}) {
      const hub = await startHub({
        port: 0,
        sim: false,
        staticDir: false,
        tokens: TOKENS,
        tickMs: 10,
        ...opts,
      });
      hubs.push(hub);
      return hub;
    },
    connect(hub, auth) {
      const socket = open(hub, auth);
      // The recorder is attached before the handshake ends, so the first message cannot be missed.
      const viewer = new Viewer(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(viewer));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    refused(hub, auth) {
      const socket = open(hub, auth);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => reject(new Error('connection was accepted')));
        socket.once('connect_error', (err) => resolve(err.message));
      });
    },
    async ingest(hub, events, token = 'dev-producer') {
      const res = await fetch(`${hub.url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ events }),
      });
      return { status: res.status, body: (await res.json()) as IngestAnswer };
    },
    async get<T>(hub: Hub, path: string, token?: string) {
      const res = await fetch(`${hub.url}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

let counter = 0;
/** A valid incident.reported payload; ids are unique unless given. */
export function incident(overrides: Partial<IncidentReported> = {}): IncidentReported {
  counter++;
  return {
    id: `test-${counter}`,
    category: 'road-damage',
    title: `Ổ gà trên đường Lê Lợi #${counter}`,
    description: 'Ổ gà sâu gần cầu Trường Tiền',
    location: { lon: 107.585, lat: 16.465 },
    ward: '19768',
    severity: 'medium',
    source: 'hue-s',
    reporter: { name: 'Nguyễn Văn A', phone: '0905123456' },
    ...overrides,
  };
}

export function reported(overrides: Partial<IncidentReported> = {}): {
  type: 'incident.reported';
  data: IncidentReported;
} {
  return { type: 'incident.reported', data: incident(overrides) };
}

/** Asserts seqs rise by exactly one from `from`. */
export function contiguousFrom(seqs: number[], from: number): boolean {
  return seqs.every((s, i) => s === from + i);
}
