import type {
  CityEvent,
  CityState,
  CommandAck,
  IncidentCommand,
  Snapshot,
  StreamEvent,
} from '../src/shared/protocol/events';
import { transition } from '../src/shared/protocol/incident';
import { wardAt } from '../mocks/sim/wards';
import { EventLog } from './log';
import { applyEvents, hubState, wireState, type HubState } from './state';
import { validateBatch, validateEvent, type Issue, type ValidationContext } from './validate';
import { foldLampEvents } from './lampBatch';

/** How long the hub remembers which seq an incident id was reported at, for idempotent re-sends. */
const MAX_REMEMBERED_IDS = 200_000;

export type IngestResult = { ok: true; seqs: number[] } | { ok: false; issues: Issue[]; issueCount: number };

/** What a (re)connecting client needs to catch up to the live stream. */
export type CatchUp = { mode: 'replay'; events: StreamEvent[] } | { mode: 'snapshot'; snapshot: Snapshot };

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
  private readonly log: EventLog;
  private pending: StreamEvent[] = [];
  /** incident id → seq of the event that reported it (0: it was in the initial state) */
  private readonly reportedAt = new Map<string, number>();
  private readonly cameraIds: Set<string>;
  /** incidents an operator has commanded: from then on they are the operator's, not the simulator's */
  private readonly commanded = new Set<string>();
  private dropped = 0;
  private readonly ctx: ValidationContext;

  constructor(
    initial: CityState | HubState,
    logSize: number,
    private readonly clock: StreamClock,
  ) {
    // A copy of the lamp columns: the simulator goes on changing its own.
    this.current = hubState(initial);
    this.log = new EventLog(logSize);
    for (const inc of initial.incidents) this.reportedAt.set(inc.id, 0);
    this.cameraIds = new Set(initial.cameras.map((c) => c.id));
    const cabinetIds = new Set(initial.lamps.cabinets.map((c) => c.id));
    this.ctx = {
      lampCount: initial.lamps.count,
      isKnownIncident: (id) => this.reportedAt.has(id),
      isKnownCamera: (id) => this.cameraIds.has(id),
      isKnownCabinet: (id) => cabinetIds.has(id),
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
    const folded = foldLampEvents(checked.events, this.current.lamps.count);
    const seqs = this.commit(folded.events);
    return { ok: true, seqs: folded.slots.map((k) => seqs[k]!) };
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
    return this.commit(foldLampEvents(valid, this.current.lamps.count).events);
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

/**
 * A report without a ward gets the one its location falls in, as the IOC's intake does: rankings and
 * choropleths count by ward, and a producer rarely knows the 2025 ward codes.
 */
function withWard(event: CityEvent): CityEvent {
  if (event.type !== 'incident.reported' || event.data.ward !== undefined) return event;
  const ward = wardAt(event.data.location.lon, event.data.location.lat);
  return ward ? { ...event, data: { ...event.data, ward: ward.code } } : event;
}
