import type {
  CityEvent,
  CityState,
  CommandAck,
  IncidentCommand,
  Snapshot,
  StreamEvent,
  SystemHeartbeat,
} from '../src/shared/protocol/events';
import { transition } from '../src/shared/protocol/incident';
import { wardAt } from '../mocks/sim/wards';
import { EventLog } from './log';
import type { Inventory } from './inventory';
import { applyEvents, hubState, wireState, type HubState } from './state';
import { validateBatch, validateEvent, type Issue, type ValidationContext } from './validate';
import { foldLampEvents } from './lampBatch';

/** How long the hub remembers which seq an incident id was reported at, for idempotent re-sends. */
const MAX_REMEMBERED_IDS = 200_000;

/** `seqs`: each event's seq, null for a heartbeat (it is not an event of the log). */
export type IngestResult =
  { ok: true; seqs: (number | null)[] } | { ok: false; issues: Issue[]; issueCount: number };

/** What a (re)connecting client needs to catch up to the live stream. */
export type CatchUp = { mode: 'replay'; events: StreamEvent[] } | { mode: 'snapshot'; snapshot: Snapshot };

/** Where a stream's history stands: its epoch, and the seq it goes on after. */
export interface StreamOrigin {
  /** an id of the log's history: a new empty database is a new epoch */
  epoch: string;
  /** the last seq this history may have sent; the stream's next event is above it */
  after: number;
  /** the report seq of each incident the history holds (a stored city's); 0 where unknown */
  reportSeqs?: ReadonlyMap<string, number>;
}

/** What undoes the changes since it was taken, when they could not be stored. */
export interface StreamCheckpoint {
  state: HubState;
  seq: number;
}

export interface StreamClock {
  /** city time, epoch ms: the simulator's clock when one runs */
  now(): number;
  scale: number;
  simulated: boolean;
}

/**
 * The single path every event takes: validate → assign seq → apply to the state → append to the
 * log → queue for broadcast. No I/O: the hub wires it to sockets and HTTP, tests drive it directly.
 * Everything here runs synchronously, so seq, state, log and queue always agree with each other.
 */
export class CityStream {
  private current: HubState;
  private seqNow = 0;
  private log: EventLog;
  private pending: StreamEvent[] = [];
  /** incident id → seq of the event that reported it (0: it was in the initial state) */
  private readonly reportedAt = new Map<string, number>();
  private cameraIds: Set<string>;
  private cabinetIds: Set<string>;
  /** an inventory adopted since the last group commit, for the store */
  private adopted: Inventory | null = null;
  /** incidents an operator has commanded: from then on they are the operator's, not the simulator's */
  private readonly commanded = new Set<string>();
  private dropped = 0;
  private readonly ctx: ValidationContext;
  /** incidents commanded since the last checkpoint, to forget on a rollback */
  private commandedSince: string[] = [];
  readonly epoch: string;
  /** Hears each `system.heartbeat` a producer sends, with the city time it came (server/systems.ts). */
  onHeartbeat: ((beat: SystemHeartbeat, cityNow: number) => void) | null = null;

  constructor(
    initial: CityState | HubState,
    logSize: number,
    private readonly clock: StreamClock,
    origin: StreamOrigin = { epoch: 'memory', after: 0 },
  ) {
    // A copy of the lamp columns: the simulator goes on changing its own.
    this.current = hubState(initial);
    this.epoch = origin.epoch;
    this.seqNow = origin.after;
    this.log = new EventLog(logSize, origin.after);
    for (const inc of initial.incidents) this.reportedAt.set(inc.id, origin.reportSeqs?.get(inc.id) ?? 0);
    this.cameraIds = new Set(initial.cameras.map((c) => c.id));
    this.cabinetIds = new Set(initial.lamps.cabinets.map((c) => c.id));
    const lampCount = () => this.current.lamps.count;
    this.ctx = {
      // Read live: a producer's inventory may give a hub its lamps after it started.
      get lampCount() {
        return lampCount();
      },
      isKnownIncident: (id) => this.reportedAt.has(id),
      isKnownCamera: (id) => this.cameraIds.has(id),
      isKnownCabinet: (id) => this.cabinetIds.has(id),
    };
  }

  get seq(): number {
    return this.seqNow;
  }

  /** The state as the hub holds it (typed lamp columns); snapshot() gives it as the protocol's. */
  get state(): HubState {
    return this.current;
  }

  get firstSeq(): number {
    return this.log.firstSeq;
  }

  /** Events from the simulator (or any trusted producer) that failed validation and were dropped. */
  get droppedCount(): number {
    return this.dropped;
  }

  /**
   * An ingest body: all or nothing. Its lamp events become one light.states, and each of them is
   * answered with that event's seq.
   */
  ingest(body: unknown): IngestResult {
    const checked = validateBatch(body, this.ctx);
    if (!checked.ok) return checked;
    const city = this.withoutHeartbeats(checked.events);
    const folded = foldLampEvents(city, this.current.lamps.count);
    const seqs = this.commit(folded.events);
    let next = 0;
    return {
      ok: true,
      seqs: checked.events.map((e) => (e.type === 'system.heartbeat' ? null : seqs[folded.slots[next++]!]!)),
    };
  }

  /** The events less their heartbeats, which go to onHeartbeat: a producer's liveness is no city event. */
  private withoutHeartbeats(events: readonly CityEvent[]): CityEvent[] {
    const out: CityEvent[] = [];
    for (const e of events) {
      if (e.type === 'system.heartbeat') this.onHeartbeat?.(e.data, this.clock.now());
      else out.push(e);
    }
    return out;
  }

  /**
   * Events from the simulator: each is checked on its own, and a bad one is dropped and counted. The
   * simulator plays the operators too; once a person has commanded an incident, its scripted updates
   * for that incident are left out, or they would undo the person's work. Lamp events become one
   * light.states, as on ingest; the answer holds the seq of each event committed.
   */
  publish(events: readonly CityEvent[]): number[] {
    const valid: CityEvent[] = [];
    const reportedHere = new Set<string>();
    const issues: Issue[] = [];
    let skipped = 0;
    for (let i = 0; i < events.length; i++) {
      if (this.isCommandedUpdate(events[i])) {
        skipped++;
        continue;
      }
      const ok = validateEvent(events[i], i, this.ctx, reportedHere, issues);
      if (ok) valid.push(ok);
    }
    this.dropped += events.length - valid.length - skipped;
    return this.commit(foldLampEvents(this.withoutHeartbeats(valid), this.current.lamps.count).events);
  }

  /**
   * An operator's command, checked against the state as it is now and committed in the same
   * synchronous step: of two commands racing for one incident, the second sees the first's result.
   */
  command(cmd: IncidentCommand, by: string): CommandAck {
    const id = cmd.data.incidentId;
    const incident = this.current.incidents.find((inc) => inc.id === id);
    if (!incident) return { ok: false, error: `unknown incident: ${id}` };
    const result = transition(incident, cmd, by, new Date(this.clock.now()).toISOString());
    if (!result.ok) return result;
    this.commit([{ type: 'incident.updated', data: result.update }]);
    if (!this.commanded.has(id)) this.commandedSince.push(id);
    this.commanded.add(id);
    if (this.commanded.size > MAX_REMEMBERED_IDS) {
      const oldest = this.commanded.values().next();
      if (!oldest.done) this.commanded.delete(oldest.value);
    }
    return { ok: true };
  }

  /** Read defensively: publish() validates because a simulator bug must not crash the hub. */
  private isCommandedUpdate(e: unknown): boolean {
    if (typeof e !== 'object' || e === null) return false;
    const { type, data } = e as { type?: unknown; data?: unknown };
    if (type !== 'incident.updated' || typeof data !== 'object' || data === null) return false;
    const id = (data as { id?: unknown }).id;
    return typeof id === 'string' && this.commanded.has(id);
  }

  private commit(events: readonly CityEvent[]): number[] {
    const seqs: number[] = [];
    const fresh: StreamEvent[] = [];
    const ts = this.clock.now();
    for (const event of events) {
      if (event.type === 'incident.reported') {
        const known = this.reportedAt.get(event.data.id);
        // A re-sent report is answered with its first seq and changes nothing: retries are safe.
        if (known !== undefined) {
          seqs.push(known);
          continue;
        }
        this.remember(event.data.id, this.seqNow + 1);
      }
      const stamped = { ...withWard(event), seq: ++this.seqNow, ts } as StreamEvent;
      this.log.push(stamped);
      this.pending.push(stamped);
      fresh.push(stamped);
      seqs.push(stamped.seq);
    }
    this.current = applyEvents(this.current, fresh);
    return seqs;
  }

  private remember(id: string, seq: number): void {
    this.reportedAt.set(id, seq);
    if (this.reportedAt.size > MAX_REMEMBERED_IDS) {
      const oldest = this.reportedAt.keys().next();
      if (!oldest.done) this.reportedAt.delete(oldest.value);
    }
  }

  /**
   * A producer's description of the city's cameras and lamps. A hub without one (no simulator, a new
   * database) takes the first it is given; the same one again is fine; another one is refused, since
   * the stored events and keyframes are about the first.
   */
  adoptInventory(inv: Inventory): { ok: true; adopted: boolean } | { ok: false; error: string } {
    const cur = this.current;
    const empty = cur.lamps.count === 0 && cur.lamps.cabinets.length === 0 && cur.cameras.length === 0;
    if (!empty) {
      return sameInventory(cur, inv)
        ? { ok: true, adopted: false }
        : { ok: false, error: 'this hub already holds another inventory of cameras and lamps' };
    }
    const { lamps } = inv;
    this.current = {
      ...cur,
      city: inv.city,
      cameras: inv.cameras,
      lamps: {
        ...lamps,
        state: new Uint8Array(lamps.count),
        level: new Float64Array(lamps.count),
      },
    };
    this.cameraIds = new Set(inv.cameras.map((c) => c.id));
    this.cabinetIds = new Set(lamps.cabinets.map((c) => c.id));
    this.adopted = inv;
    return { ok: true, adopted: true };
  }

  /** The inventory adopted since the last call, once. */
  takeAdopted(): Inventory | null {
    const out = this.adopted;
    this.adopted = null;
    return out;
  }

  /** Marks where a group commit begins (server/commit.ts). */
  checkpoint(): StreamCheckpoint {
    if (this.pending.length > 0)
      throw new Error('checkpoint with events pending: every change goes through the commit loop');
    this.commandedSince = [];
    return { state: this.current, seq: this.seqNow };
  }

  /**
   * Undoes everything since `cp`: the batch could not be stored, so it never happened. Nothing of it
   * was sent or acknowledged (the commit loop sends and answers only after the store has it).
   */
  rollback(cp: StreamCheckpoint, events: readonly StreamEvent[]): void {
    for (const event of events) {
      if (event.type === 'incident.reported' && this.reportedAt.get(event.data.id) === event.seq) {
        this.reportedAt.delete(event.data.id);
      }
    }
    for (const id of this.commandedSince) this.commanded.delete(id);
    this.commandedSince = [];
    this.pending = [];
    this.log.truncate(cp.seq);
    this.seqNow = cp.seq;
    if (this.adopted) {
      this.adopted = null;
      this.cameraIds = new Set(cp.state.cameras.map((c) => c.id));
      this.cabinetIds = new Set(cp.state.lamps.cabinets.map((c) => c.id));
    }
    this.current = cp.state;
  }

  /**
   * Events another node committed to the shared log, in seq order: applied, logged and returned for
   * broadcast, less those already held. Throws on a hole: the caller reads the missing ones first.
   */
  applyCommitted(events: readonly StreamEvent[]): StreamEvent[] {
    if (this.pending.length > 0) throw new Error('applyCommitted with events pending');
    const fresh = events.filter((e) => e.seq > this.seqNow);
    if (fresh.length === 0) return [];
    fresh.forEach((e, i) => {
      if (e.seq !== this.seqNow + 1 + i) throw new LogGap(this.seqNow, e.seq);
    });
    for (const event of fresh) {
      if (event.type === 'incident.reported' && !this.reportedAt.has(event.data.id)) {
        this.remember(event.data.id, event.seq);
      }
      this.log.push(event);
    }
    this.seqNow = fresh[fresh.length - 1]!.seq;
    this.current = applyEvents(this.current, fresh);
    return fresh;
  }

  /**
   * Fills the replay log with the shared log's newest events, ending at the current seq: clients that
   * come over from another node resume here by replay.
   */
  seedLog(events: readonly StreamEvent[]): void {
    const last = events[events.length - 1];
    if (!last) return;
    if (last.seq !== this.seqNow)
      throw new Error(`seedLog: ends at ${last.seq}, the stream is at ${this.seqNow}`);
    const kept = events.slice(-this.log.capacity);
    this.log = new EventLog(this.log.capacity, kept[0]!.seq - 1);
    for (const e of kept) this.log.push(e);
  }

  /** Whether an incident id is known here (reported, or in the first state). */
  knowsIncident(id: string): boolean {
    return this.reportedAt.has(id);
  }

  /** Hands over the events committed since the last call, for one broadcast. */
  takePending(): StreamEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The state as of the current seq, with the clock read now. */
  snapshot(): Snapshot {
    return {
      seq: this.seqNow,
      epoch: this.epoch,
      state: {
        ...wireState(this.current),
        clock: { now: this.clock.now(), scale: this.clock.scale, simulated: this.clock.simulated },
      },
    };
  }

  /**
   * The answer to a client that has applied everything up to `lastSeq`: the missing events when the
   * log still holds all of them, else a snapshot. Call it only with nothing pending, so the answer
   * ends exactly where the next broadcast begins.
   */
  catchUp(lastSeq: number | undefined): CatchUp {
    if (this.pending.length > 0) throw new Error('catchUp with events still pending: broadcast them first');
    if (lastSeq !== undefined && this.log.holdsAfter(lastSeq)) {
      return { mode: 'replay', events: this.log.after(lastSeq) };
    }
    return { mode: 'snapshot', snapshot: this.snapshot() };
  }

  /** For REST paging; null when the log no longer holds every event after `after`. */
  eventsAfter(after: number, limit: number): StreamEvent[] | null {
    return this.log.holdsAfter(after) ? this.log.after(after, limit) : null;
  }
}

/** The shared log skipped seqs that a node must read back before it goes on. */
export class LogGap extends Error {
  constructor(
    readonly have: number,
    readonly got: number,
  ) {
    super(`log gap: have ${have}, got ${got}`);
  }
}

function sameInventory(cur: HubState, inv: Inventory): boolean {
  const a = cur.lamps;
  const b = inv.lamps;
  if (a.count !== b.count || a.cabinets.length !== b.cabinets.length) return false;
  if (cur.cameras.length !== inv.cameras.length) return false;
  if (!a.cabinets.every((c, i) => c.id === b.cabinets[i]?.id)) return false;
  if (!cur.cameras.every((c, i) => c.id === inv.cameras[i]?.id)) return false;
  for (let i = 0; i < a.count; i++) {
    if (a.lon[i] !== b.lon[i] || a.lat[i] !== b.lat[i] || a.cabinet[i] !== b.cabinet[i]) return false;
  }
  return true;
}

/**
 * A report without a ward gets the one its location falls in, as the IOC's intake does: rankings and
 * choropleths count by ward, and a producer rarely knows the 2025 ward codes.
 */
function withWard(event: CityEvent): CityEvent {
  if (event.type !== 'incident.reported' || event.data.ward !== undefined) return event;
  const ward = wardAt(event.data.location.lon, event.data.location.lat);
  return ward ? { ...event, data: { ...event.data, ward: ward.code } } : event;
}
