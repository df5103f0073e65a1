import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startHub, type Hub } from '../../server/hub';
import type { DropReason } from '../../server/metrics';
import type { CommandAck, Snapshot, StreamEvent } from '../../src/shared/protocol/events';
import { scrape } from '../support/metrics';
import { incident, reported, TOKENS, Viewer } from './harness';

// Bad input, kind by kind, against one running hub: each gets a clear answer or is dropped and
// counted under ioc_dropped_total{reason}, the hub keeps running, and a valid report sent right
// after still reaches a socket client. Ingest first (HTTP), then the socket.

/** The ingest body timeout of this suite's hubs: a slow sender is cut off after it. */
const BODY_TIMEOUT_MS = 500;

interface Answer {
  status: number;
  /** the parsed JSON answer, or the raw text when it is not JSON */
  body: Record<string, unknown> & { error?: string; seqs?: number[]; issues?: { path: string }[] };
}

interface Suite {
  hub: Hub;
  viewer: Viewer;
}

async function startSuite(): Promise<Suite> {
  const hub = await startHub({
    port: 0,
    sim: false,
    staticDir: false,
    tokens: TOKENS,
    tickMs: 10,
    limits: { bodyTimeoutMs: BODY_TIMEOUT_MS },
  });
  const socket = io(hub.url, {
    auth: { token: 'dev-operator' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const viewer = new Viewer(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { hub, viewer };
}

async function stopSuite(suite: Suite | undefined): Promise<void> {
  suite?.viewer.socket.disconnect();
  await suite?.hub.close();
}

async function post(
  url: string,
  body: string | Blob,
  headers: Record<string, string> = {},
  path = '/api/ingest',
): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-producer', 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as Answer['body'] };
  } catch {
    return { status: res.status, body: { text } };
  }
}

const postEvents = (url: string, events: unknown[], headers?: Record<string, string>) =>
  post(url, JSON.stringify({ events }), headers);

/**
 * Writes `request` as it is on a fresh TCP connection and reads until the hub closes it (or
 * `waitMs` passes): for what fetch will not send (bad framing, slow bodies).
 */
function raw(port: number, request: string | Buffer, opts: { drip?: boolean; waitMs?: number } = {}) {
  return new Promise<{ status: number; text: string }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', () => {});
    let drip: NodeJS.Timeout | undefined;
    const done = () => {
      clearInterval(drip);
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const timer = setTimeout(done, opts.waitMs ?? 5000);
    socket.on('close', done);
    socket.write(request);
    // A byte every 50 ms, for ever: the body of a slowloris.
    if (opts.drip) drip = setInterval(() => socket.writable && socket.write(' '), 50);
  });
}

const HEAD = 'POST /api/ingest HTTP/1.1\r\nhost: hub\r\nauthorization: Bearer dev-producer\r\n';

/** Every ioc_dropped_total series, by reason. */
async function drops(hub: Hub): Promise<Record<string, number>> {
  const m = await scrape(hub);
  const out: Record<string, number> = {};
  for (const s of m.samples) if (s.name === 'ioc_dropped_total') out[s.labels.reason!] = s.value;
  return out;
}

/**
 * Waits until the drop counters moved by exactly `expected` since `before` (some are counted a
 * moment after the answer, when a socket closes), then checks nothing else moved.
 */
async function expectDrops(
  hub: Hub,
  before: Record<string, number>,
  expected: Partial<Record<DropReason, number>>,
): Promise<void> {
  const delta = (now: Record<string, number>) => {
    const d: Record<string, number> = {};
    for (const [reason, n] of Object.entries(now))
      if (n !== before[reason]) d[reason] = n - (before[reason] ?? 0);
    return d;
  };
  const end = Date.now() + 3000;
  let last = delta(await drops(hub));
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    last = delta(await drops(hub));
  }
  expect(last).toEqual(expected);
}

/** A valid report sent now reaches the suite's connected viewer. */
async function validStillArrives(suite: Suite): Promise<void> {
  const id = `valid-${randomUUID()}`;
  const res = await postEvents(suite.hub.url, [reported({ id })]);
  expect(res.status, 'a valid report after the bad input').toBe(202);
  await suite.viewer.until(
    (v) => v.events.some((e) => e.type === 'incident.reported' && e.data.id === id),
    `report ${id} at the viewer`,
  );
}

function eventsWithId(v: Viewer, id: string): StreamEvent[] {
  return v.events.filter((e) => e.type === 'incident.reported' && e.data.id === id);
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

interface IngestCase {
  name: string;
  send(suite: Suite): Promise<Answer>;
  status: number;
  error?: string;
  /** how ioc_dropped_total moves, by reason; nothing when absent */
  drops?: Partial<Record<DropReason, number>>;
  /** more checks, once the answer is in */
  then?(answer: Answer, suite: Suite): Promise<void> | void;
}

const invalid = { status: 400, error: 'invalid', drops: { invalid: 1 } };
const notJson = { status: 400, error: 'invalid JSON', drops: { malformed: 1 } };
const unauthorized = { status: 401, error: 'unauthorized', drops: { unauthorized: 1 } };

const INGEST_CASES: IngestCase[] = [
  { name: 'broken JSON', send: (s) => post(s.hub.url, '{"events": [{"type": "incident.rep'), ...notJson },
  { name: 'an empty body', send: (s) => post(s.hub.url, ''), ...notJson },
  {
    name: 'JSON followed by garbage',
    send: (s) => post(s.hub.url, `${JSON.stringify({ events: [reported()] })} trailing`),
    ...notJson,
  },
  {
    name: 'bytes that are not UTF-8 (Latin-1 text)',
    send: (s) =>
      post(
        s.hub.url,
        new Blob([
          new Uint8Array(
            Buffer.from('{"events":[{"type":"incident.reported","data":{"title":"Hu\xe9"}}]}', 'latin1'),
          ),
        ]),
      ),
    ...notJson,
    then: (a) => expect(a.body.detail).toBe('the body is not UTF-8'),
  },
  {
    name: 'a form body sent as a form',
    send: (s) =>
      post(s.hub.url, 'events=1&type=incident.reported', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ...notJson,
  },
  {
    name: 'valid JSON under a wrong content type (taken: the content type is not checked)',
    send: (s) => postEvents(s.hub.url, [reported({ id: 'ctype-1' })], { 'content-type': 'text/plain' }),
    status: 202,
    then: (a) => expect(a.body.seqs).toHaveLength(1),
  },
  {
    name: '100,000 levels of nested arrays',
    send: (s) => post(s.hub.url, nested(100_000, '[', ']')),
    ...invalid,
  },
  {
    name: '100,000 levels of nested objects as an event',
    send: (s) =>
      post(s.hub.url, `{"events":[{"type":"incident.reported","data":${nested(100_000, '{"a":', '}')}}]}`),
    ...invalid,
  },
  {
    name: '100,000 levels of nesting in an unknown field (dropped with the field, the report kept)',
    send: (s) => {
      const data = JSON.stringify(incident({ id: 'deep-extra' }));
      return post(
        s.hub.url,
        `{"events":[{"type":"incident.reported","data":${data.slice(0, -1)},"extra":${nested(100_000, '{"a":', '}')}}}]}`,
      );
    },
    status: 202,
    then: async (_a, s) => {
      await s.viewer.until((v) => eventsWithId(v, 'deep-extra').length === 1, 'the report');
      expect(Object.keys(eventsWithId(s.viewer, 'deep-extra')[0]!.data)).not.toContain('extra');
    },
  },
  {
    name: 'an enormous body (2 MiB of valid JSON)',
    send: (s) =>
      postEvents(
        s.hub.url,
        Array.from({ length: 600 }, () => reported({ description: 'x'.repeat(3500) })),
      ),
    status: 413,
    error: 'body too large: the limit is 1048576 bytes',
    drops: { 'too-large': 1 },
  },
  {
    name: 'a batch of 10,001 events',
    send: (s) =>
      postEvents(
        s.hub.url,
        Array.from({ length: 10_001 }, () => ({
          type: 'kpi.updated',
          data: { id: 'k', value: 1, unit: 'x', at: new Date().toISOString() },
        })),
      ),
    ...invalid,
    then: (a) => expect(JSON.stringify(a.body.issues)).toContain('expected 1 to 10000 events, got 10001'),
  },
  {
    name: '10,000 invalid events (the answer names 100 of them)',
    send: (s) =>
      postEvents(
        s.hub.url,
        Array.from({ length: 10_000 }, () => ({ type: 'incident.reported', data: {} })),
      ),
    ...invalid,
    then: (a) => {
      expect(a.body.issues).toHaveLength(100);
      expect(a.body.issueCount).toBeGreaterThan(10_000);
    },
  },
  {
    name: '__proto__ in event data (dropped, nothing polluted)',
    send: (s) =>
      post(
        s.hub.url,
        `{"events":[{"type":"incident.reported","data":${JSON.stringify(incident({ id: 'proto-1' })).slice(0, -1)},"__proto__":{"polluted":true,"severity":"critical"}}}]}`,
      ),
    status: 202,
    then: async (_a, s) => {
      await s.viewer.until((v) => eventsWithId(v, 'proto-1').length === 1, 'the report');
      const data = eventsWithId(s.viewer, 'proto-1')[0]!.data as unknown as Record<string, unknown>;
      expect(data.severity).toBe('medium');
      expect(Object.keys(data)).not.toContain('__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  },
  {
    name: 'constructor.prototype in event data (dropped, nothing polluted)',
    send: (s) =>
      post(
        s.hub.url,
        `{"events":[{"type":"incident.reported","data":${JSON.stringify(incident({ id: 'ctor-1' })).slice(0, -1)},"constructor":{"prototype":{"polluted":true}}}}]}`,
      ),
    status: 202,
    then: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
  },
  {
    name: '__proto__ at the root, carrying the events',
    send: (s) => post(s.hub.url, `{"__proto__":{"events":[${JSON.stringify(reported())}]}}`),
    ...invalid,
  },
  {
    name: 'control characters in a title',
    send: (s) => postEvents(s.hub.url, [reported({ title: 'Ổ gà\u0000\u001b[2J' })]),
    ...invalid,
    then: (a) => expect(a.body.issues?.[0]?.path).toBe('events.0.data.title'),
  },
  {
    name: 'an unpaired surrogate in a description',
    send: (s) =>
      post(
        s.hub.url,
        JSON.stringify({ events: [reported({ description: 'PLACEHOLDER' })] }).replace(
          'PLACEHOLDER',
          '\\ud800x',
        ),
      ),
    ...invalid,
  },
  {
    name: 'script in text (kept as text, verbatim)',
    send: (s) =>
      postEvents(s.hub.url, [
        reported({
          id: 'xss-1',
          title: '<script>alert(1)</script>',
          description: '<img src=x onerror=alert(1)> "\'&amp;',
          reporter: { name: '<svg onload=alert(1)>' },
        }),
      ]),
    status: 202,
    then: async (_a, s) => {
      await s.viewer.until((v) => eventsWithId(v, 'xss-1').length === 1, 'the report');
      expect(eventsWithId(s.viewer, 'xss-1')[0]!.data).toMatchObject({
        title: '<script>alert(1)</script>',
        description: '<img src=x onerror=alert(1)> "\'&amp;',
      });
    },
  },
  {
    name: 'coordinates outside the city and the globe',
    send: (s) => postEvents(s.hub.url, [reported({ location: { lon: 200, lat: -91 } })]),
    ...invalid,
    then: (a) =>
      expect(a.body.issues?.map((i) => i.path)).toEqual([
        'events.0.data.location.lon',
        'events.0.data.location.lat',
      ]),
  },
  {
    name: 'coordinates as strings and null',
    send: (s) =>
      postEvents(s.hub.url, [
        { type: 'incident.reported', data: { ...incident(), location: { lon: '107.5', lat: null } } },
      ]),
    ...invalid,
  },
  {
    name: 'a latitude of 1e999 (Infinity once parsed)',
    send: (s) =>
      post(
        s.hub.url,
        JSON.stringify({ events: [reported({ location: { lon: 107.58, lat: 16.46 } })] }).replace(
          '16.46',
          '1e999',
        ),
      ),
    ...invalid,
  },
  {
    name: 'duplicate ids within a batch (one incident, the second answered with the first seq)',
    send: (s) =>
      postEvents(s.hub.url, [reported({ id: 'dup-1' }), reported({ id: 'dup-1', title: 'again' })]),
    status: 202,
    then: async (a, s) => {
      expect(a.body.seqs?.[0]).toBe(a.body.seqs?.[1]);
      const snap = await fetch(`${s.hub.url}/api/snapshot`, {
        headers: { authorization: 'Bearer dev-operator' },
      });
      const state = ((await snap.json()) as Snapshot).state;
      expect(state.incidents.filter((i) => i.id === 'dup-1')).toHaveLength(1);
    },
  },
  {
    name: 'an unknown event type',
    send: (s) => postEvents(s.hub.url, [{ type: 'weather.changed', data: {} }]),
    ...invalid,
  },
  {
    name: 'events that is a string',
    send: (s) => post(s.hub.url, '{"events":"incident.reported"}'),
    ...invalid,
  },
  { name: 'events holding null and a number', send: (s) => postEvents(s.hub.url, [null, 42]), ...invalid },
  {
    name: 'a 900,000-character title',
    send: (s) => postEvents(s.hub.url, [reported({ title: 't'.repeat(900_000) })]),
    ...invalid,
  },
  {
    name: 'seq and ts set by the producer (the hub’s own are kept)',
    send: (s) => postEvents(s.hub.url, [{ ...reported({ id: 'seq-1' }), seq: 1, ts: 0 }]),
    status: 202,
    then: async (a, s) => {
      await s.viewer.until((v) => eventsWithId(v, 'seq-1').length === 1, 'the report');
      const e = eventsWithId(s.viewer, 'seq-1')[0]!;
      expect(e.seq).toBe(a.body.seqs?.[0]);
      expect(e.seq).toBeGreaterThan(1);
      expect(e.ts).toBeGreaterThan(0);
    },
  },
  {
    name: 'a token that is a number',
    send: (s) => postEvents(s.hub.url, [reported()], { authorization: 'Bearer 12345' }),
    ...unauthorized,
  },
  {
    name: 'a token that is an array or an object',
    send: async (s) => {
      const a = await postEvents(s.hub.url, [reported()], { authorization: 'Bearer ["dev-producer"]' });
      expect(a.status).toBe(401);
      return postEvents(s.hub.url, [reported()], { authorization: 'Bearer {"token":"dev-producer"}' });
    },
    ...unauthorized,
    drops: { unauthorized: 2 },
  },
  {
    name: 'a token without its scheme, or under Basic',
    send: async (s) => {
      const a = await postEvents(s.hub.url, [reported()], { authorization: 'dev-producer' });
      expect(a.status).toBe(401);
      return postEvents(s.hub.url, [reported()], {
        authorization: `Basic ${Buffer.from('dev-producer:').toString('base64')}`,
      });
    },
    ...unauthorized,
    drops: { unauthorized: 2 },
  },
  {
    name: 'a viewer’s token on ingest',
    send: (s) => postEvents(s.hub.url, [reported()], { authorization: 'Bearer dev-operator' }),
    status: 403,
    error: 'forbidden: ingest takes a producer token',
    drops: { unauthorized: 1 },
  },
  {
    name: 'a producer token in the query string instead of the header',
    send: async (s) => {
      const res = await fetch(`${s.hub.url}/api/ingest?token=dev-producer`, {
        method: 'POST',
        body: JSON.stringify({ events: [reported()] }),
      });
      return { status: res.status, body: (await res.json()) as Answer['body'] };
    },
    ...unauthorized,
  },
  {
    name: `a slow body, a byte every 50 ms (cut off after ${BODY_TIMEOUT_MS} ms)`,
    send: async (s) => {
      const r = await raw(s.hub.port, `${HEAD}content-length: 100000\r\n\r\n{"events":[`, { drip: true });
      return {
        status: r.status,
        body: { error: JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4)).error },
      };
    },
    status: 408,
    error: `body too slow: it must arrive within ${BODY_TIMEOUT_MS} ms`,
    drops: { timeout: 1 },
  },
  {
    name: 'a content-length that is not a number',
    send: async (s) => {
      const r = await raw(s.hub.port, `${HEAD}content-length: lots\r\n\r\n{}`);
      return { status: r.status, body: {} };
    },
    status: 400,
    drops: { malformed: 1 },
  },
  {
    name: 'both content-length and chunked transfer-encoding (request smuggling)',
    send: async (s) => {
      const r = await raw(
        s.hub.port,
        `${HEAD}content-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nGET /api/health HTTP/1.1\r\n\r\n`,
      );
      return { status: r.status, body: {} };
    },
    status: 400,
    drops: { malformed: 1 },
  },
  {
    name: 'broken chunked framing',
    send: async (s) => {
      const r = await raw(s.hub.port, `${HEAD}transfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`);
      return { status: r.status, body: {} };
    },
    status: 400,
    drops: { malformed: 1 },
  },
  {
    name: 'headers of 100 KB',
    send: async (s) => {
      const r = await raw(s.hub.port, `${HEAD}x-junk: ${'j'.repeat(100_000)}\r\ncontent-length: 2\r\n\r\n{}`);
      return { status: r.status, body: {} };
    },
    status: 431,
    drops: { malformed: 1 },
  },
];

describe('malformed input on ingest', () => {
  let suite: Suite | undefined;
  beforeAll(async () => {
    suite = await startSuite();
  });
  afterAll(() => stopSuite(suite));

  it(`has at least 25 kinds (${INGEST_CASES.length})`, () => {
    expect(INGEST_CASES.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of INGEST_CASES) {
    it(c.name, async () => {
      const s = suite!;
      const before = await drops(s.hub);
      const answer = await c.send(s);
      expect(answer.status).toBe(c.status);
      if (c.error !== undefined) expect(answer.body.error).toBe(c.error);
      await c.then?.(answer, s);
      await expectDrops(s.hub, before, c.drops ?? {});
      await validStillArrives(s);
    });
  }

  it('is still healthy afterwards', async () => {
    const res = await fetch(`${suite!.hub.url}/api/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });
});

// ------------------------------------------------------------------------------------------------

/** Connects with `auth` and resolves once accepted (with what it received first) or refused. */
function openSocket(
  hub: Hub,
  auth: unknown,
): Promise<{ socket: Socket; refused?: string; first: Promise<string> }> {
  const socket = io(hub.url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const first = new Promise<string>((resolve) => {
    socket.once('snapshot', () => resolve('snapshot'));
    socket.once('events', () => resolve('events'));
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, first }));
    socket.once('connect_error', (err) => resolve({ socket, refused: err.message, first }));
  });
}

function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    if (!socket.connected) resolve('already');
    socket.once('disconnect', (reason) => resolve(reason));
  });
}

/** What the raw socket.io protocol carries: an engine.io message with a socket.io packet in it. */
function writeRaw(socket: Socket, packet: string): void {
  (socket.io.engine as unknown as { write(data: string): void }).write(packet);
}

interface SocketCase {
  name: string;
  run(hub: Hub): Promise<void>;
  drop?: Partial<Record<DropReason, number>>;
}

function refusedHandshake(auth: unknown): SocketCase['run'] {
  return async (hub) => {
    const { socket, refused } = await openSocket(hub, auth);
    socket.disconnect();
    expect(refused).toBe('unauthorized');
  };
}

function snapshotFor(lastSeq: unknown): SocketCase['run'] {
  return async (hub) => {
    const { socket, refused, first } = await openSocket(hub, { token: 'dev-leader', lastSeq });
    try {
      expect(refused).toBeUndefined();
      // Anything but a non-negative integer counts as no position: a snapshot, not a replay.
      expect(await first).toBe('snapshot');
    } finally {
      socket.disconnect();
    }
  };
}

async function operatorSocket(hub: Hub): Promise<Socket> {
  const { socket, refused } = await openSocket(hub, { token: 'dev-operator' });
  expect(refused).toBeUndefined();
  return socket;
}

const SOCKET_CASES: SocketCase[] = [
  { name: 'a token that is a number', run: refusedHandshake({ token: 42 }), drop: { unauthorized: 1 } },
  {
    name: 'a token that is an array',
    run: refusedHandshake({ token: ['dev-operator'] }),
    drop: { unauthorized: 1 },
  },
  {
    name: 'a token that is an object',
    run: refusedHandshake({ token: { toString: 'dev-operator' } }),
    drop: { unauthorized: 1 },
  },
  {
    name: 'a producer token on the socket',
    run: refusedHandshake({ token: 'dev-producer' }),
    drop: { unauthorized: 1 },
  },
  {
    name: 'a token of 20,000 characters',
    run: refusedHandshake({ token: 'd'.repeat(20_000) }),
    drop: { unauthorized: 1 },
  },
  { name: 'lastSeq negative', run: snapshotFor(-5) },
  { name: 'lastSeq huge', run: snapshotFor(1e300) },
  { name: 'lastSeq beyond the safe integers', run: snapshotFor(2 ** 60) },
  { name: 'lastSeq a string', run: snapshotFor('5') },
  { name: 'lastSeq NaN', run: snapshotFor(NaN) },
  { name: 'lastSeq an object', run: snapshotFor({ valueOf: 3 }) },
  {
    name: 'resync with garbage payloads',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      try {
        for (const payload of [null, 'x', { lastSeq: -1 }, [1], { lastSeq: '3' }, 7]) {
          const answer = (await socket.timeout(3000).emitWithAck('resync', payload)) as { mode: string };
          expect(answer.mode, JSON.stringify(payload)).toBe('snapshot');
        }
        socket.emit('resync', { lastSeq: 'no ack wanted' });
      } finally {
        socket.disconnect();
      }
    },
  },
  {
    name: 'a command without an acknowledgement callback',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      socket.emit('command', { id: randomUUID(), type: 'incident.acknowledge', data: { incidentId: 'x' } });
      // Answered in order: once this one is, the one before was handled.
      await socket.timeout(3000).emitWithAck('resync', {});
      socket.disconnect();
    },
    drop: { 'no-ack': 1 },
  },
  {
    name: 'a flood of 100 commands at once',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      try {
        const answers = (await Promise.all(
          Array.from({ length: 100 }, () =>
            socket.timeout(5000).emitWithAck('command', {
              id: randomUUID(),
              type: 'incident.start',
              data: { incidentId: 'nope' },
            }),
          ),
        )) as CommandAck[];
        const limited = answers.filter((a) => !a.ok && a.error.startsWith('rate limited'));
        expect(limited).toHaveLength(80);
        expect(answers.filter((a) => !a.ok && a.error === 'unknown incident: nope')).toHaveLength(20);
      } finally {
        socket.disconnect();
      }
    },
    drop: { 'rate-limited': 80 },
  },
  {
    name: 'unknown message names, prototype names among them',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      for (const name of ['hack', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])
        socket.emit(name, { a: 1 });
      writeRaw(socket, '2[42,"a number for a name"]');
      await socket.timeout(3000).emitWithAck('resync', {});
      expect(socket.connected).toBe(true);
      socket.disconnect();
      expect(({} as Record<string, unknown>).a).toBeUndefined();
    },
    drop: { 'unknown-message': 6 },
  },
  {
    name: 'a reserved event name sent raw',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      const gone = closed(socket);
      writeRaw(socket, '2["disconnect","bye"]');
      await gone;
    },
    drop: { malformed: 1 },
  },
  {
    name: 'a packet that is not socket.io at all',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      const gone = closed(socket);
      writeRaw(socket, '\u0000garbage{{{');
      await gone;
    },
    drop: { malformed: 1 },
  },
  {
    name: 'an oversized payload (100 KB, over the 64 KiB frame limit)',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      const gone = closed(socket);
      socket.emit(
        'command',
        { id: randomUUID(), type: 'incident.resolve', data: { incidentId: 'x', note: 'n'.repeat(100_000) } },
        () => {},
      );
      await gone;
    },
    drop: { 'socket-error': 1 },
  },
  {
    name: 'a command of the wrong types',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      const answer = (await socket
        .timeout(3000)
        .emitWithAck('command', { id: 5, type: [], data: 'x' })) as CommandAck;
      socket.disconnect();
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error).toMatch(/^invalid: /);
    },
    drop: { invalid: 1 },
  },
  {
    name: 'a command of 10,000 nested levels',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      // Sent raw, with an acknowledgement id of its own: socket.io-client's emit walks a payload
      // recursively looking for binaries and overflows the test's own stack on this one.
      const engine = socket.io.engine as unknown as { on(e: 'message', f: (d: unknown) => void): void };
      const answer = new Promise<CommandAck>((resolve) => {
        engine.on('message', (data) => {
          if (typeof data === 'string' && data.startsWith('39999'))
            resolve((JSON.parse(data.slice(5)) as [CommandAck])[0]);
        });
      });
      writeRaw(
        socket,
        `29999["command",{"id":"${randomUUID()}","type":"incident.acknowledge","data":${nested(10_000, '{"a":', '}')}}]`,
      );
      const got = await answer;
      socket.disconnect();
      expect(got.ok).toBe(false);
      expect(!got.ok && got.error).toMatch(/^invalid: data\.incidentId/);
    },
    drop: { invalid: 1 },
  },
  {
    name: 'a binary command',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      const answer = (await socket
        .timeout(3000)
        .emitWithAck('command', Buffer.from([0xde, 0xad]))) as CommandAck;
      socket.disconnect();
      expect(answer.ok).toBe(false);
    },
    drop: { invalid: 1 },
  },
  {
    name: '__proto__ in a command’s data',
    run: async (hub) => {
      const socket = await operatorSocket(hub);
      const msg = JSON.parse(
        `{"id":"${randomUUID()}","type":"incident.acknowledge","data":{"incidentId":"nope","__proto__":{"polluted":true}}}`,
      ) as unknown;
      const answer = (await socket.timeout(3000).emitWithAck('command', msg)) as CommandAck;
      socket.disconnect();
      expect(answer).toEqual({ ok: false, error: 'unknown incident: nope' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  },
];

describe('malformed input on the socket', () => {
  let suite: Suite | undefined;
  beforeAll(async () => {
    suite = await startSuite();
  });
  afterAll(() => stopSuite(suite));

  it(`has at least 10 kinds (${SOCKET_CASES.length})`, () => {
    expect(SOCKET_CASES.length).toBeGreaterThanOrEqual(10);
  });

  for (const c of SOCKET_CASES) {
    it(c.name, async () => {
      const s = suite!;
      const before = await drops(s.hub);
      await c.run(s.hub);
      await expectDrops(s.hub, before, c.drop ?? {});
      await validStillArrives(s);
      expect(s.viewer.socket.connected, 'the well-behaved viewer is still connected').toBe(true);
    });
  }
});
