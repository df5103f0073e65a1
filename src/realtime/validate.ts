import { eventDataSchemas, isLightState, type StreamEvent } from '../shared/protocol/events';

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
 * Checks an event's data. `light.state` takes a hand-written check because it arrives by the thousand
 * per second; everything else goes through its zod schema.
 */
export function validateEvent(env: RawEnvelope, lampCount: number): Validated {
  const { seq, type, ts, data } = env;
  if (type === 'light.state') {
    return isLightState(data, lampCount)
      ? { ok: true, event: { seq, ts, type, data } }
      : { ok: false, reason: 'invalid-data' };
  }
  const schema = knownSchemas[type];
  if (!schema) return { ok: false, reason: 'unknown-type' };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'invalid-data' };
  return { ok: true, event: { seq, ts, type, data: parsed.data } as StreamEvent };
}
