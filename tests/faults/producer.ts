import { io, type Socket } from 'socket.io-client';
import type { Hub } from '../../server/hub';
import { HUE_KPIS } from '../../src/shared/city/kpiCatalogue';
import type { CommandAck, Snapshot } from '../../src/shared/protocol/events';

// A producer for the fault suite: it pushes a steady mix of city events through POST /api/ingest, as
// an upstream system would, and switches cabinets through operator commands. It owns the load, so a
// test knows how much happened during a fault without waiting on the simulator's clock.

/** The indicators a random share (0-100) is a possible value of. */
const PERCENT_KPIS = HUE_KPIS.filter((k) => k.unit === 'percent').map((k) => k.id);

export interface LoadShape {
  /** new incident reports per batch */
  reports: number;
  /** status changes per batch, on the newest `updatePool` incidents the producer reported */
  updates: number;
  updatePool: number;
  /** characters of the note each status change carries: the weight of a batch in bytes */
  noteChars: number;
  /** incidents reported once at the start, so that updates have something to change */
  seedIncidents: number;
  /** lamp updates per batch */
  lamps: number;
  /** a KPI, a camera alert and a camera status change every this many batches (0: never) */
  extrasEvery: number;
  /** a `lights.set` command every this many batches (0: never) */
  commandEvery: number;
}

export const MIXED_LOAD: LoadShape = {
  reports: 2,
  updates: 4,
  updatePool: 200,
  noteChars: 40,
  seedIncidents: 5,
  lamps: 6,
  extrasEvery: 2,
  commandEvery: 10,
};

const STATUSES = ['received', 'assigned', 'in_progress', 'resolved', 'closed'] as const;
const DEPARTMENTS = ['environment', 'urban-order', 'transport', 'telecom', 'electricity'];
const CABINET_COMMANDS = [
  { mode: 'dim', level: 40 },
  { mode: 'on' },
  { mode: 'off' },
  { mode: 'auto' },
] as const;

export type Ingested = { type: string; data: unknown };

/** What a producer needs of a hub: where it is (an in-process Hub, or a hub in its own process). */
export type ProducerTarget = Pick<Hub, 'url'>;

export interface ProducerOptions {
  intervalMs: number;
  shape: LoadShape;
  tag: string;
  seed?: number;
  /**
   * Sends a batch again, unchanged, after a network failure or a 503 for this long, as an upstream
   * system does across a hub's restart (default 0: the first failure stops the producer).
   */
  retryForMs?: number;
  /** Keeps every accepted batch in `accepted` (default false). */
  record?: boolean;
}

/** A batch the hub answered 202: what was sent, the seqs it gave, and how many sends it took. */
export interface AcceptedBatch {
  events: Ingested[];
  seqs: number[];
  attempts: number;
}

/** Between two sends of one batch. */
const RETRY_MS = 200;

/**
 * Lamp updates as the ingest takes them. One place on purpose: the lamp event's format is changing
 * (one columnar `light.states` per tick instead of `light.state` tuples).
 */
export function lampEvents(updates: readonly [index: number, state: number, level: number][]): Ingested[] {
  return updates.map((data) => ({ type: 'light.state', data }));
}

export class Producer {
  /** events the hub accepted */
  events = 0;
  batches = 0;
  commands = 0;
  /** seq of the newest event the hub gave back */
  lastSeq = 0;
  /** sends of a batch after its first (see ProducerOptions.retryForMs) */
  retries = 0;
  /** every batch answered 202, in order, when ProducerOptions.record is set */
  readonly accepted: AcceptedBatch[] = [];
  private running = false;
  private abandoned = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private failure: Error | null = null;
  private readonly random: () => number;
  private readonly reported: string[] = [];
  private readonly step = new Map<string, number>();
  private operator: Socket | null = null;
  private n = 0;
  /** city time the producer's own times count from: the hub's clock at the start */
  private readonly base: number;

  constructor(
    private readonly hub: ProducerTarget,
    private readonly inventory: Snapshot,
    private readonly opts: ProducerOptions,
  ) {
    this.random = mulberry32(opts.seed ?? 1);
    this.base = inventory.state.clock.now;
    // Commands go straight to the hub, never through a test's proxy: they are load, not a client under test.
    if (opts.shape.commandEvery > 0) {
      this.operator = io(hub.url, {
        auth: { token: 'dev-operator' },
        transports: ['websocket'],
        forceNew: true,
      });
    }
  }

  /** Starts a producer on the hub's current inventory (cameras, cabinets, lamps). */
  static async start(hub: ProducerTarget, opts: ProducerOptions): Promise<Producer> {
    const res = await fetch(`${hub.url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
    const producer = new Producer(hub, (await res.json()) as Snapshot, opts);
    await producer.seed();
    producer.resume();
    return producer;
  }

  /** (Re)starts the steady load. */
  resume(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in flight; throws the producer's first failure, if any. */
  async pause(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<void> {
    try {
      await this.pause();
    } finally {
      this.operator?.disconnect();
    }
  }

  /**
   * Stops at once, giving up the batch in flight or being retried: for a hub whose history is gone
   * (a new database), where the producer's incidents no longer exist. Throws an earlier failure, if any.
   */
  async abandon(): Promise<void> {
    this.abandoned = true;
    this.abort.abort();
    await this.stop();
  }

  private async seed(): Promise<void> {
    const events = Array.from({ length: this.opts.shape.seedIncidents }, () => this.report());
    if (events.length > 0) await this.ingest(events);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      try {
        await this.ingest(this.batch());
        const every = this.opts.shape.commandEvery;
        if (every > 0 && this.batches % every === 0) await this.command();
      } catch (err) {
        if (!this.abandoned) this.failure = err as Error;
        this.running = false;
        return;
      }
      const wait = this.opts.intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  private batch(): Ingested[] {
    const { shape } = this.opts;
    const events: Ingested[] = [];
    for (let i = 0; i < shape.reports; i++) events.push(this.report());
    for (let i = 0; i < shape.updates && this.reported.length > 0; i++) events.push(this.update());
    const lampCount = this.inventory.state.lamps.count;
    if (lampCount > 0 && shape.lamps > 0) {
      events.push(
        ...lampEvents(
          Array.from({ length: shape.lamps }, () => {
            const state = this.pick([0, 1, 2, 3]);
            const level = state === 1 ? 100 : state === 2 ? 10 + Math.floor(this.random() * 80) : 0;
            return [Math.floor(this.random() * lampCount), state, level] as [number, number, number];
          }),
        ),
      );
    }
    if (shape.extrasEvery > 0 && this.batches % shape.extrasEvery === 0) events.push(...this.extras());
    return events;
  }

  private report(): Ingested {
    const id = `${this.opts.tag}-${++this.n}`;
    this.reported.push(id);
    return {
      type: 'incident.reported',
      data: {
        id,
        category: this.pick(['waste', 'road-damage', 'flooding', 'streetlight', 'trees']),
        title: `Phản ánh ${id} trên đường Lê Lợi`,
        description: 'Người dân phản ánh qua Hue-S',
        location: { lon: 107.55 + this.random() * 0.1, lat: 16.42 + this.random() * 0.08 },
        severity: this.pick(['low', 'medium', 'high', 'critical']),
        source: this.pick(['hue-s', 'hotline', 'patrol']),
        reporter: { name: 'Nguyễn Văn A', phone: '0905123456' },
      },
    };
  }

  private update(): Ingested {
    const { updatePool, noteChars } = this.opts.shape;
    const pool = this.reported.slice(-updatePool);
    const id = this.pick(pool);
    const step = Math.min((this.step.get(id) ?? 0) + 1, STATUSES.length - 1);
    this.step.set(id, step);
    return {
      type: 'incident.updated',
      data: {
        id,
        status: STATUSES[step],
        by: this.pick(DEPARTMENTS),
        at: this.cityTime(),
        department: this.pick(DEPARTMENTS),
        note: `Xử lý ${id} `.padEnd(noteChars, 'đã kiểm tra hiện trường; '),
        acknowledged: this.random() < 0.5,
      },
    };
  }

  private extras(): Ingested[] {
    const { cameras } = this.inventory.state;
    const out: Ingested[] = [
      {
        type: 'kpi.updated',
        data: {
          id: this.pick(PERCENT_KPIS),
          value: Math.round(this.random() * 10_000) / 100,
          unit: 'percent',
          at: this.cityTime(),
        },
      },
    ];
    if (cameras.length > 0) {
      const camera = this.pick(cameras);
      out.push(
        {
          type: 'camera.alert',
          data: {
            id: `${this.opts.tag}-AL-${this.batches}`,
            cameraId: camera.id,
            kind: this.pick(['crowd', 'traffic-violation', 'plate-hit']),
            confidence: 0.5 + this.random() / 2,
            at: this.cityTime(),
            location: camera.location,
            plate: '75A-123.45',
          },
        },
        { type: 'camera.status', data: { id: this.pick(cameras).id, online: this.random() < 0.7 } },
      );
    }
    return out;
  }

  private async command(): Promise<void> {
    const cabinets = this.inventory.state.lamps.cabinets;
    if (cabinets.length === 0 || !this.operator) return;
    const cabinet = this.pick(cabinets);
    const how = CABINET_COMMANDS[this.commands % CABINET_COMMANDS.length]!;
    const answer = (await this.operator.timeout(15_000).emitWithAck('command', {
      id: `${this.opts.tag}-cmd-${this.commands}`,
      type: 'lights.set',
      data: { cabinetId: cabinet.id, ...how },
    })) as CommandAck;
    this.commands++;
    // An offline cabinet takes no command (the simulator takes some off the network): not a failure.
    if (!answer.ok && !answer.error.startsWith('cabinet offline')) {
      throw new Error(`lights.set ${cabinet.id}: ${answer.error}`);
    }
  }

  private async ingest(events: Ingested[]): Promise<void> {
    const text = JSON.stringify({ events });
    const retryUntil = Date.now() + (this.opts.retryForMs ?? 0);
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        this.retries++;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
      let res: Response;
      try {
        res = await fetch(`${this.hub.url}/api/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer dev-producer' },
          body: text,
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(15_000)]),
        });
      } catch (err) {
        // No answer (the hub is down, or died with the batch in flight): it may or may not be stored.
        if (this.abandoned || Date.now() >= retryUntil) throw err;
        continue;
      }
      if (res.status === 503 && !this.abandoned && Date.now() < retryUntil) {
        await res.arrayBuffer();
        continue;
      }
      const body = (await res.json()) as { seqs?: number[]; error?: string; issues?: unknown };
      if (res.status !== 202 || !body.seqs) {
        throw new Error(`ingest: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      }
      this.events += body.seqs.length;
      this.batches++;
      this.lastSeq = Math.max(this.lastSeq, ...body.seqs);
      if (this.opts.record) this.accepted.push({ events, seqs: body.seqs, attempts: attempt });
      return;
    }
  }

  /** Producer times move a second of city time per event, from the hub's clock at the start. */
  private cityTime(): string {
    return new Date(this.base + 1000 * ++this.n).toISOString();
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
}

/** A small seeded PRNG: the same seed gives the same load. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
