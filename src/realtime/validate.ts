import { eventDataSchemas, isLightState, type StreamEvent } from '../shared/protocol/events';
import { isLightStates } from '../shared/protocol/lightStates';

/** Why an incoming event was dropped. Counted per reason in the connection slice. */
export type DropReason = 'malformed' | 'unknown-type' | 'invalid-data' | 'duplicate' | 'beyond-gap';

export interface RawEnvelope {
  seq: number;
  type: string;
  ts: number;
  data: unknown;
}

export type Validated = { ok: true; event: StreamEvent } | { ok: false; reason: DropReason };

const knownSchemas: Record<string, { safeParse(d: unknown): { success: boolean; data?: unknown } }> =
  eventDataSchemas;

/**
 * The envelope, checked by hand: zod on every hot tuple would dominate the frame budget. An event
 * whose envelope is broken has no usable seq, so it can only be dropped.
 */
export function parseEnvelope(raw: unknown): RawEnvelope | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { seq, type, ts, data } = raw as Record<string, unknown>;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return null;
  if (typeof type !== 'string' || typeof ts !== 'number' || !Number.isFinite(ts)) return null;
  return { seq: seq as number, type, ts, data };
}

/**
 * Checks an event's data. Lamp batches take a hand-written check, one pass over their columns: they
 * carry thousands of lamps a second. Everything else goes through its zod schema. A version 1
 * `light.state` (a hub's log may hold some from before version 2) comes out as a batch of one, so
 * the rest of the pipeline knows only batches.
 */
export function validateEvent(env: RawEnvelope, lampCount: number): Validated {
  const { seq, type, ts, data } = env;
  if (type === 'light.states') {
    return isLightStates(data, lampCount)
      ? { ok: true, event: { seq, ts, type, data } }
      : { ok: false, reason: 'invalid-data' };
  }
  if (type === 'light.state') {
    return isLightState(data, lampCount)
      ? {
          ok: true,
          event: { seq, ts, type: 'light.states', data: { i: [data[0]], s: [data[1]], l: [data[2]] } },
        }
      : { ok: false, reason: 'invalid-data' };
  }
  // Own keys only: a type named like an Object.prototype member (`constructor`) is unknown too.
  const schema = Object.hasOwn(knownSchemas, type) ? knownSchemas[type] : undefined;
  if (!schema) return { ok: false, reason: 'unknown-type' };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'invalid-data' };
  return { ok: true, event: { seq, ts, type, data: parsed.data } as StreamEvent };
}
