import { io, type Socket } from 'socket.io-client';
import { HUE_WARDS } from '../../src/shared/city/wards';
import type { Snapshot, StreamEvent } from '../../src/shared/protocol/events';
import { sleep } from '../support/app';
import { ingest, type IngestEvent } from '../support/ingest';
import { consoleIncident, wardPicker } from './consoleReport';
import { benchIncident, dueNow, lightBatch, nextTickAt, seededRandom, sendTimeOf, type Sent } from './load';
import { batchSize, type ClientMarks, type RequestRecord } from './serverReport';

// A load generator of the server benchmark, in a process of its own so that it does not share an
// event loop (or a measured process) with the hub: `producer` posts to /api/ingest, `viewers` holds
// socket.io clients. Started by serverProcs.forkWorker: `ready`, then `start`, `stop` -> `result`.

export interface ProducerConfig {
  baseUrl: string;
  seed: number;
  /** closed: `inFlight` requests at all times, as fast as the hub answers; paced: a fixed rate */
  mode: 'closed' | 'paced';
  inFlight: number;
  /** closed: reports per request, from-to */
  batch: [number, number];
  /** report ids are `${idPrefix}-${n}` (varied reports, as the city sends them) */
  idPrefix: string;
  /** paced: city changes per second, lamp updates and reports together */
  updatesPerSec: number;
  /** paced: reports per second among them */
  reportsPerSec: number;
  /** paced: the reports are markers whose id carries their send time (bench-<ms>-<n>) */
  markers: boolean;
  lamps: number;
  tickMs: number;
}

export interface ViewersConfig {
  baseUrl: string;
  tokens: string[];
}

/**
 * The lamp telemetry of one request: the one place that knows its wire format (one columnar
 * `light.states`, protocol 2).
 * `updates` lamp changes, whatever number of events carries them.
 */
export function lampTelemetry(random: () => number, updates: number, lamps: number): IngestEvent[] {
  return updates > 0 && lamps > 0 ? lightBatch(random, updates, lamps) : [];
}

const send = (type: string, body?: unknown) => process.send?.({ type, body });
const commands = { stopped: false };
let onStart = () => {};
/** called on `mark`: the viewers note how many envelopes each client has had so far */
let onMark = () => {};
let onStop = () => {};
const started = new Promise<void>((done) => (onStart = done));
const stopped = new Promise<void>((done) => (onStop = done));
process.on('message', (msg: { type?: string }) => {
  if (msg?.type === 'start') onStart();
  if (msg?.type === 'mark') onMark();
  if (msg?.type === 'stop') {
    commands.stopped = true;
    onStop();
  }
});
// The parent disconnects once it has the result, or when it ends: either way this one is done.
process.on('disconnect', () => process.exit(0));

async function producer(cfg: ProducerConfig): Promise<void> {
  const random = seededRandom(cfg.seed);
  const wardOf = wardPicker(HUE_WARDS);
  const records: RequestRecord[] = [];
  let firstError: string | undefined;
  let n = 0;
  const report = () => consoleIncident(random, wardOf(random), { id: `${cfg.idPrefix}-${++n}` });

  const post = async (
    events: IngestEvent[],
    updates: number,
    reports: number,
    markers: number,
    sentAt: number,
  ) => {
    const rec: RequestRecord = { sentAt, doneAt: 0, status: 0, updates, reports };
    if (markers > 0) rec.markers = markers;
    try {
      const res = await ingest(cfg.baseUrl, events);
      rec.status = res.status;
      if (res.status !== 202) firstError ??= `HTTP ${res.status}: ${res.error?.slice(0, 300)}`;
    } catch (err) {
      firstError ??= String(err);
    }
    rec.doneAt = Date.now();
    records.push(rec);
  };

  send('ready');
  await started;
  if (cfg.mode === 'closed') {
    const lane = async () => {
      while (!commands.stopped) {
        const size = batchSize(random, cfg.batch[0], cfg.batch[1]);
        const events: IngestEvent[] = Array.from({ length: size }, report);
        await post(events, size, size, 0, Date.now());
      }
    };
    await Promise.all(Array.from({ length: cfg.inFlight }, lane));
  } else {
    const plan = { eventsPerSec: cfg.updatesPerSec, incidentsPerSec: cfg.reportsPerSec, lamps: cfg.lamps };
    const sent: Sent = { lights: 0, incidents: 0 };
    const inFlight = new Set<Promise<void>>();
    const start = Date.now();
    while (!commands.stopped) {
      if (inFlight.size < cfg.inFlight) {
        const due = dueNow(plan, Date.now() - start, sent, 10_000);
        if (due.lights + due.incidents > 0) {
          const sentAt = Date.now();
          const events = lampTelemetry(random, due.lights, cfg.lamps);
          // The reports go last: a marker arrives with the last of its batch.
          for (let i = 0; i < due.incidents; i++) {
            events.push(cfg.markers ? benchIncident(sentAt, sent.incidents + i, random) : report());
          }
          sent.lights += due.lights;
          sent.incidents += due.incidents;
          const p = post(
            events,
            due.lights + due.incidents,
            due.incidents,
            cfg.markers ? due.incidents : 0,
            sentAt,
          ).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
      }
      const next = nextTickAt(start, cfg.tickMs, Date.now());
      await Promise.race([sleep(Math.max(0, next - Date.now())), stopped]);
    }
    await Promise.all(inFlight);
  }
  send('result', { records, firstError });
}

interface Client extends ClientMarks {
  socket: Socket;
  lastSeq: number | null;
}

async function viewers(cfg: ViewersConfig): Promise<void> {
  const clients: Client[] = [];
  // One at a time: each is sent a snapshot of the whole city (megabytes with 50,000 lamps).
  for (const token of cfg.tokens) {
    const socket = io(cfg.baseUrl, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    const c: Client = { socket, lastSeq: null, marks: [], events: 0, counts: [], gaps: 0, disconnects: 0 };
    clients.push(c);
    await new Promise<void>((done, fail) => {
      socket.once('connect_error', (err) => fail(new Error(`viewer ${token}: ${err.message}`)));
      socket.on('snapshot', (snap: Snapshot) => {
        c.lastSeq = snap.seq;
        done();
      });
    });
    socket.on('events', (msg: { events: StreamEvent[] }) => {
      const now = Date.now();
      for (const e of msg.events) {
        c.events++;
        if (c.lastSeq !== null && e.seq !== c.lastSeq + 1) c.gaps++;
        c.lastSeq = e.seq;
        if (e.type === 'incident.reported') {
          const sentAt = sendTimeOf(e.data.id);
          if (sentAt !== undefined) c.marks.push(sentAt, now - sentAt);
        }
      }
    });
    socket.on('disconnect', () => c.disconnects++);
  }
  onMark = () => clients.forEach((c) => c.counts.push(c.events));
  send('ready');
  await stopped;
  for (const c of clients) {
    c.socket.off('disconnect');
    c.socket.disconnect();
  }
  send(
    'result',
    clients.map(({ marks, events, counts, gaps, disconnects }) => ({
      marks,
      events,
      counts,
      gaps,
      disconnects,
    })),
  );
}

const [role, raw] = process.argv.slice(2);
const run = role === 'producer' ? producer : role === 'viewers' ? viewers : null;
if (!run || !raw) {
  console.error('usage: serverWorker.ts producer|viewers CONFIG_JSON');
  process.exit(2);
}
run(JSON.parse(raw)).catch((err: unknown) => {
  console.error(`[bench ${role}]`, err);
  process.exit(1);
});
