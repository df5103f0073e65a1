import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Server, type Socket } from 'socket.io';
import {
  MSG,
  type CityState,
  type CommandAck,
  type EventsMessage,
  type Session,
  type Snapshot,
  type StreamEvent,
} from '../src/shared/protocol/events';
import { DAY_SPAN_MS } from '../src/shared/lighting/daily';
import { CommandDesk, MAX_AUDIT_ENTRIES } from './commands';
import { cabinetSummaries } from './lights';
import { handleConfig } from './config';
import { BodyTooLarge, discardRest, readBody, sendError, sendJson } from './http';
import { redactEvents, redactState } from './redact';
import { PowerMeter } from './power';
import { emptyCityState, type HubState } from './state';
import { serveStatic } from './static';
import { CityStream, type StreamClock } from './stream';
import { PROTOCOL_VERSION } from '../src/shared/protocol/events';
import {
  identityOf,
  identityOfBearer,
  loadTokenMap,
  roleOfBearer,
  VIEWER_ROLES,
  type Identity,
  type Role,
  type TokenMap,
} from './tokens';

export type { Role } from './tokens';

export interface HubOptions {
  /** 0 = a free port chosen by the OS; default 8080 */
  port?: number;
  /** default 127.0.0.1; 0.0.0.0 exposes the hub to the network */
  host?: string;
  /** token → role or { role, name }; default loadTokenMap() (config/tokens.json, HUB_TOKENS_FILE or HUB_TOKENS) */
  tokens?: TokenMap;
  /** events kept for replay; default 100,000 */
  logSize?: number;
  /** batch/broadcast tick in ms; default 50 */
  tickMs?: number;
  /** the Huế simulator as a producer; default on with seed 1 */
  sim?: false | { seed?: number; lamps?: number; timeScale?: number };
  /** directory of the built SPA; default `dist` when it exists */
  staticDir?: string | false;
  /** ingest body limit in bytes; default 1 MiB */
  maxBodyBytes?: number;
}

export interface Hub {
  url: string;
  port: number;
  /** seq of the newest event */
  readonly seq: number;
  /** the city's clock, epoch ms: the simulator's when one runs */
  readonly cityNow: number;
  /** sockets connected and authorised */
  clientCount(): number;
  close(): Promise<void>;
}

/** Per emit: keeps a catch-up of 100,000 events from becoming one giant frame. */
const EVENTS_PER_MESSAGE = 5000;
/** A stalled event loop must not make the simulator replay minutes of city time in one tick. */
const MAX_SIM_STEP_MS = 1000;
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
}
interface SocketData {
  role: Role;
  identity: Identity;
}
type HubSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const tokens = opts.tokens ?? loadTokenMap();
  const logSize = opts.logSize ?? 100_000;
  const tickMs = Math.max(1, opts.tickMs ?? 50);
  const maxBodyBytes = opts.maxBodyBytes ?? 1024 * 1024;
  const staticDir = resolveStaticDir(opts.staticDir);
  const startedAt = performance.now();

  const simOpts = opts.sim === false ? null : (opts.sim ?? {});
  const sim = simOpts
    ? (await import('../mocks/sim/city')).createCitySim({
        seed: simOpts.seed ?? 1,
        lamps: simOpts.lamps,
        timeScale: simOpts.timeScale,
      })
    : null;
  const clock: StreamClock = {
    now: () => (sim ? sim.now : Date.now()),
    scale: sim ? sim.scale : 1,
    simulated: sim !== null,
  };
  const stream = new CityStream(sim ? sim.state() : emptyCityState(), logSize, clock);
  const power = new PowerMeter(sim ? sim.powerHistory(DAY_SPAN_MS) : []);
  power.sample(stream.state.lamps, clock.now());
  /** A snapshot with the lighting's power history: what a page needs for its energy figures. */
  const withPower = (snap: Snapshot): Snapshot => ({ ...snap, power: power.history(snap.state.clock.now) });
  const commands = new CommandDesk({
    apply: (cmd, by): CommandAck => {
      if (cmd.type !== 'lights.set') return stream.command(cmd, by);
      // Lighting control needs a lighting system; the simulator is this hub's. A hub fed by
      // producers only has no way to switch their lamps.
      if (!sim) return { ok: false, error: 'no lighting control on this hub' };
      const result = sim.controlCabinet(cmd.data, by);
      // The lamps' and the cabinet's events go out with this command, before its ack.
      stream.publish(sim.drain());
      return result.ok ? { ok: true, lights: result.outcome } : result;
    },
    now: clock.now,
  });

  // Guests share one redacted copy of the state, remade only when the state changes.
  let redactedFor: HubState | null = null;
  let redacted: CityState | null = null;
  const guestSnapshot = (snap: Snapshot): Snapshot => {
    if (redactedFor !== stream.state || !redacted) {
      redacted = redactState(snap.state);
      redactedFor = stream.state;
    }
    return { ...snap, state: { ...redacted, clock: snap.state.clock } };
  };

  const server = createServer((req, res) => {
    try {
      handleHttp(req, res);
    } catch (err) {
      console.error('[hub] request failed:', err);
      sendError(res, 500, 'internal error');
    }
  });
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });

  /** Sends what was committed since the last tick: one batch per room, redacted once for guests. */
  const flush = () => {
    if (!stream.hasPending()) return;
    const batch = stream.takePending();
    for (const chunk of chunked(batch)) io.to(FULL_VIEW_ROOMS).emit('events', { events: chunk });
    if ((io.of('/').adapter.rooms.get(GUEST_ROOM)?.size ?? 0) > 0) {
      for (const chunk of chunked(redactEvents(batch))) io.to(GUEST_ROOM).emit('events', { events: chunk });
    }
  };

  /**
   * Brings one socket up to the current seq. Flushing first makes the answer end exactly where the
   * next broadcast starts: nothing in between is lost, nothing is sent twice.
   */
  const catchUp = (socket: HubSocket, lastSeq: number | undefined) => {
    flush();
    const answer = stream.catchUp(lastSeq);
    const guest = socket.data.role === 'guest';
    if (answer.mode === 'snapshot') {
      const snap = withPower(answer.snapshot);
      socket.emit('snapshot', guest ? guestSnapshot(snap) : snap);
    } else {
      const events = guest ? redactEvents(answer.events) : answer.events;
      for (const chunk of chunked(events)) socket.emit('events', { events: chunk });
    }
    return { mode: answer.mode, seq: stream.seq };
  };

  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const identity = identityOf(isRecord(auth) ? auth.token : undefined, tokens);
    if (!identity || !VIEWER_ROLES.has(identity.role)) {
      next(new Error('unauthorized'));
      return;
    }
    socket.data.role = identity.role;
    socket.data.identity = identity;
    next();
  });

  io.on('connection', (socket) => {
    const auth: unknown = socket.handshake.auth;
    // Only viewer roles get this far. Guests are not told a name: theirs is a shared wall token.
    const { role, name } = socket.data.identity;
    if (role !== 'producer') socket.emit(MSG.session, { role, name: role === 'guest' ? '' : name });
    catchUp(socket, parseSeq(isRecord(auth) ? auth.lastSeq : undefined));
    // Joined after the catch-up and before the next flush: the live stream picks up at seq + 1.
    void socket.join(socket.data.role);
    socket.on('resync', (msg, ack) => {
      try {
        const answer = catchUp(socket, parseSeq(isRecord(msg) ? msg.lastSeq : undefined));
        if (typeof ack === 'function') ack(answer);
      } catch (err) {
        // A throw here would be uncaught and end the process: one client's request is not worth that.
        console.error('[hub] resync failed:', err);
        socket.disconnect(true);
      }
    });
    socket.on(MSG.command, (msg, ack) => {
      let answer: CommandAck;
      try {
        answer = commands.handle(msg, socket.data.identity);
      } catch (err) {
        console.error('[hub] command failed:', err);
        answer = { ok: false, error: 'internal error' };
      }
      if (typeof ack === 'function') ack(answer);
    });
  });

  let lastTick = performance.now();
  let simFailures = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (sim) {
      try {
        stream.publish(sim.advance(Math.min(now - lastTick, MAX_SIM_STEP_MS)));
      } catch (err) {
        // A broken simulator step must not take the stream down with it.
        if (simFailures++ % 1000 === 0) console.error('[hub] simulator step failed:', err);
      }
    }
    lastTick = now;
    power.sample(stream.state.lamps, clock.now());
    flush();
  }, tickMs);

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    let path: string;
    let query: URLSearchParams;
    try {
      const url = new URL(req.url ?? '/', 'http://hub.invalid');
      path = url.pathname;
      query = url.searchParams;
    } catch {
      sendError(res, 400, 'bad request');
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      handleApi(req, res, path, query);
    } else if (staticDir) {
      serveStatic(staticDir, req, res, path);
    } else {
      sendError(res, 404, 'not found');
    }
  }

  function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    const method = req.method ?? 'GET';
    const expect = (allowed: string) => {
      if (method === allowed) return true;
      discardRest(req, maxBodyBytes);
      sendJson(res, 405, { error: 'method not allowed' }, { allow: allowed });
      return false;
    };
    switch (path) {
      case '/api/health':
        if (!expect('GET')) return;
        sendJson(res, 200, {
          status: 'ok',
          seq: stream.seq,
          clients: io.of('/').sockets.size,
          uptimeS: Math.round((performance.now() - startedAt) / 1000),
          // A producer checks it before sending what an older hub would refuse (light.states: 2).
          protocol: PROTOCOL_VERSION,
        });
        return;
      case '/api/snapshot': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        const snap = withPower(stream.snapshot());
        sendJson(res, 200, role === 'guest' ? guestSnapshot(snap) : snap);
        return;
      }
      case '/api/events': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        answerEvents(res, role, query);
        return;
      }
      case '/api/config':
        return handleConfig(req, res);
      case '/api/lights/cabinets': {
        if (!expect('GET')) return;
        const role = viewer(req, res);
        if (!role) return;
        const at = clock.now();
        sendJson(res, 200, { at, cabinets: cabinetSummaries(stream.state.lamps, at, role !== 'guest') });
        return;
      }
      case '/api/lights/energy': {
        if (!expect('GET')) return;
        if (!viewer(req, res)) return;
        power.sample(stream.state.lamps, clock.now());
        sendJson(res, 200, power.report(clock.now()));
        return;
      }
      case '/api/audit':
        if (!expect('GET')) return;
        answerAudit(req, res, query);
        return;
      case '/api/ingest':
        if (!expect('POST')) return;
        void ingest(req, res);
        return;
      default:
        sendError(res, 404, 'not found');
    }
  }

  /** The role of a bearer token allowed to read the stream, or null after answering 401/403. */
  function viewer(req: IncomingMessage, res: ServerResponse): Role | null {
    const role = roleOfBearer(req.headers.authorization, tokens);
    if (!role) {
      sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      return null;
    }
    if (!VIEWER_ROLES.has(role)) {
      sendError(res, 403, 'forbidden: producer tokens may only ingest');
      return null;
    }
    return role;
  }

  /** The command audit trail: operators and leaders only, it names the staff who acted. */
  function answerAudit(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const who = identityOfBearer(req.headers.authorization, tokens);
    if (!who) {
      sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      return;
    }
    if (who.role !== 'operator' && who.role !== 'leader') {
      sendError(res, 403, 'forbidden: the audit trail is for operators and leaders');
      return;
    }
    const limit = parseQueryInt(query.get('limit'), 100);
    if (limit === null || limit < 1 || limit > MAX_AUDIT_ENTRIES) {
      sendError(res, 400, `limit must be an integer from 1 to ${MAX_AUDIT_ENTRIES}`);
      return;
    }
    const incidentId = query.get('incidentId') ?? undefined;
    const cabinetId = query.get('cabinetId') ?? undefined;
    sendJson(res, 200, {
      total: commands.auditSize,
      entries: commands.entries(limit, { incidentId, cabinetId }),
    });
  }

  function answerEvents(res: ServerResponse, role: Role, query: URLSearchParams): void {
    const after = parseQueryInt(query.get('after'), 0);
    const limit = parseQueryInt(query.get('limit'), 1000);
    if (after === null || after < 0) {
      sendError(res, 400, 'after must be an integer >= 0');
      return;
    }
    if (limit === null || limit < 1 || limit > EVENTS_PER_MESSAGE * 2) {
      sendError(res, 400, `limit must be an integer from 1 to ${EVENTS_PER_MESSAGE * 2}`);
      return;
    }
    const events = stream.eventsAfter(after, limit);
    if (!events) {
      sendError(res, 410, 'gone: the log no longer holds every event after this seq; fetch /api/snapshot', {
        firstSeq: stream.firstSeq,
        seq: stream.seq,
      });
      return;
    }
    sendJson(res, 200, { seq: stream.seq, events: role === 'guest' ? redactEvents(events) : events });
  }

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const role = roleOfBearer(req.headers.authorization, tokens);
    if (role !== 'producer') {
      discardRest(req, maxBodyBytes);
      if (role) sendError(res, 403, 'forbidden: ingest takes a producer token');
      else sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      return;
    }
    let text: string;
    try {
      text = (await readBody(req, maxBodyBytes)).toString('utf8');
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        discardRest(req, maxBodyBytes * 16);
        sendJson(
          res,
          413,
          { error: `body too large: the limit is ${maxBodyBytes} bytes` },
          { connection: 'close' },
        );
      } else {
        res.destroy();
      }
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      sendError(res, 400, 'invalid JSON');
      return;
    }
    const result = stream.ingest(body);
    if (result.ok) sendJson(res, 202, { seqs: result.seqs });
    else sendJson(res, 400, { error: 'invalid', issues: result.issues, issueCount: result.issueCount });
  }

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8080, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    port,
    get seq() {
      return stream.seq;
    },
    get cityNow() {
      return clock.now();
    },
    clientCount: () => io.of('/').sockets.size,
    close() {
      closing ??= new Promise<void>((done) => {
        clearInterval(ticker);
        // io.close() also closes the HTTP server; idle keep-alive connections would hold it open.
        void io.close(() => done());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function resolveStaticDir(option: string | false | undefined): string | false {
  if (option === false) return false;
  const dir = resolve(option ?? 'dist');
  return option !== undefined || existsSync(dir) ? dir : false;
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

function parseQueryInt(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
