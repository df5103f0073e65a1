import type { UnknownAction } from '@reduxjs/toolkit';
import type { LampColumns } from '../features/lights/lampColumns';
import {
  powerHistorySchema,
  snapshotSchema,
  type LightStates,
  type StreamEvent,
} from '../shared/protocol/events';
import { Sequencer } from './sequencer';
import { eventsReceived, resyncRequested, snapshotReceived } from './streamActions';
import { parseEnvelope, validateEvent, type DropReason } from './validate';

export interface PipelineDeps {
  dispatch: (action: UnknownAction) => unknown;
  /** where lamp telemetry goes: the typed-array columns outside Redux (src/features/lights) */
  lamps: Pick<LampColumns, 'count' | 'load' | 'apply'>;
  /** runs `flush` before the next paint: requestAnimationFrame in the browser */
  scheduleFrame: (flush: () => void) => void;
  /** asks the hub to replay everything after `lastSeq` (or send a snapshot) */
  requestResync: (lastSeq: number) => void;
  now: () => number;
}

/**
 * The transport-free heart of src/realtime: validates what the socket delivers, keeps it exactly-once
 * and in order, and hands the store one batched action per frame. Socket wiring is in connect.ts.
 */
export class StreamPipeline {
  private readonly seq = new Sequencer();
  private pending: StreamEvent[] = [];
  private dropped: Partial<Record<DropReason, number>> = {};
  private frameScheduled = false;
  /** Events applied since start, lamp updates included (diagnostics and the benchmark read it). */
  applied = 0;
  /**
   * Updates applied since start: every event counts one, except that each lamp a lamp event carries
   * counts one. The benchmark compares load in updates, whatever the events that carry them.
   */
  updates = 0;

  constructor(private readonly deps: PipelineDeps) {}

  get lastSeq(): number {
    return this.seq.lastSeq;
  }

  /** `snapshot` `{ seq, state }`: replaces everything up to seq. */
  onSnapshot(raw: unknown): boolean {
    const parsed = snapshotSchema.safeParse(raw);
    if (!parsed.success) {
      this.drop('malformed', 1);
      this.schedule();
      return false;
    }
    const { seq, state } = parsed.data;
    const power = parsed.data.power === undefined ? null : powerHistorySchema.safeParse(parsed.data.power);
    if (power?.success === false) {
      // The city state is good; only the energy panel's past is lost, and the header counts it.
      this.drop('invalid-data', 1);
      this.schedule();
    }
    const { lamps, ...rest } = state;
    const lights = this.deps.lamps.load(lamps);
    this.seq.reset(seq);
    this.pending = this.pending.filter((e) => e.seq > seq);
    this.deps.dispatch(
      snapshotReceived({
        seq,
        state: rest,
        lights,
        cabinets: lamps.cabinets,
        power: power?.success ? power.data : null,
        ...(parsed.data.systems
          ? { systems: { at: new Date(state.clock.now).toISOString(), systems: parsed.data.systems } }
          : {}),
        receivedAt: this.deps.now(),
      }),
    );
    return true;
  }

  /** `events` `{ events: [...] }`: a batch of live or replayed events. */
  onEvents(raw: unknown): void {
    const list = (raw as { events?: unknown } | null)?.events;
    if (!Array.isArray(list)) {
      this.drop('malformed', 1);
      this.schedule();
      return;
    }
    const envelopes = [];
    for (const item of list) {
      const env = parseEnvelope(item);
      if (env) envelopes.push(env);
      else this.drop('malformed', 1);
    }
    const { accepted, duplicates, beyondGap, gap } = this.seq.accept(envelopes);
    this.drop('duplicate', duplicates);
    this.drop('beyond-gap', beyondGap);
    const lampCount = this.deps.lamps.count;
    for (const env of accepted) {
      const v = validateEvent(env, lampCount);
      if (v.ok) this.pending.push(v.event);
      else this.drop(v.reason, 1);
    }
    if (gap) {
      this.deps.dispatch(resyncRequested({ fromSeq: this.seq.lastSeq }));
      this.deps.requestResync(this.seq.lastSeq);
    }
    this.schedule();
  }

  /** A resync that got no answer may be asked again. */
  resyncTimedOut(): void {
    if (!this.seq.awaitingResync) return;
    this.seq.clearGap();
    this.deps.requestResync(this.seq.lastSeq);
  }

  get awaitingResync(): boolean {
    return this.seq.awaitingResync;
  }

  /** Applies everything pending as one action. Called once per animation frame. */
  flush(): void {
    this.frameScheduled = false;
    const batch = this.pending;
    const dropped = this.dropped;
    if (batch.length === 0 && Object.keys(dropped).length === 0) return;
    this.pending = [];
    this.dropped = {};
    const others: StreamEvent[] = [];
    const lampBatches: LightStates[] = [];
    let lampUpdates = 0;
    for (const ev of batch) {
      if (ev.type === 'light.states') {
        lampBatches.push(ev.data);
        lampUpdates += ev.data.i.length;
      } else if (ev.type !== 'stream.elided') others.push(ev);
    }
    const lights = lampBatches.length ? this.deps.lamps.apply(lampBatches) : null;
    const last = batch[batch.length - 1];
    this.applied += batch.length;
    this.updates += others.length + lampUpdates;
    this.deps.dispatch(
      eventsReceived({
        events: others,
        lights,
        lastSeq: last ? last.seq : this.seq.lastSeq,
        lastTs: last ? last.ts : null,
        count: batch.length,
        dropped,
        receivedAt: this.deps.now(),
      }),
    );
  }

  private drop(reason: DropReason, n: number): void {
    if (n > 0) this.dropped[reason] = (this.dropped[reason] ?? 0) + n;
  }

  private schedule(): void {
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    this.deps.scheduleFrame(() => this.flush());
  }
}
