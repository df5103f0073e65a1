import { z } from 'zod';
import { REPLAY_SPAN_MS, type ReplayHistory } from '../src/shared/protocol/replay';
import { redactAlert, redactIncident } from './redact';
import type { Role } from './tokens';

// `GET /api/replay?from=&to=` (docs/protocol.md): the range is checked here, the store reads it
// (store/replay.ts), and a guest's answer is redacted as the live stream is.

/**
 * How far a range may pass the hub's now at either end: a page asks by its own clock, which runs a
 * little ahead or behind the hub's (a simulated clock at ×720 moves 12 city minutes a real second).
 */
export const REPLAY_SLACK_MS = 15 * 60_000;

const isoInstant = z.iso.datetime({ offset: true });

export type ReplayRange = { ok: true; from: number; to: number } | { ok: false; error: string };

/**
 * `from` and `to` as ISO instants with a zone; absent, the last 24 hours of the city's clock. The
 * range must lie within the last 24 hours (give or take REPLAY_SLACK_MS); `to` is cut to the now.
 */
export function replayRange(query: URLSearchParams, now: number): ReplayRange {
  const rawTo = query.get('to');
  const rawFrom = query.get('from');
  const read = (v: string | null, fallback: number) =>
    v === null || v === '' ? fallback : isoInstant.safeParse(v).success ? Date.parse(v) : null;
  const to = read(rawTo, now);
  const from = read(rawFrom, (to ?? now) - REPLAY_SPAN_MS);
  if (from === null || to === null) {
    return {
      ok: false,
      error: 'from and to must be ISO 8601 instants with a zone, e.g. 2026-11-30T07:30:00Z',
    };
  }
  if (from >= to) return { ok: false, error: 'from must be before to' };
  if (to - from > REPLAY_SPAN_MS + REPLAY_SLACK_MS) {
    return { ok: false, error: 'a replay covers at most 24 hours: shorten the range' };
  }
  const oldest = now - REPLAY_SPAN_MS - REPLAY_SLACK_MS;
  if (from < oldest) {
    return {
      ok: false,
      error: `a replay reaches back 24 hours of city time: from must not be before ${new Date(oldest).toISOString()}`,
    };
  }
  if (to > now + REPLAY_SLACK_MS) {
    return { ok: false, error: `to is after the city's now (${new Date(now).toISOString()})` };
  }
  // Whole milliseconds: the store's ts are integers, and a simulated clock has fractions.
  return { ok: true, from: Math.floor(from), to: Math.floor(Math.min(to, now)) };
}

/** The answer as a viewer of `role` gets it: without reporters, face matches or plates for a guest. */
export function replayFor(history: ReplayHistory, role: Role): ReplayHistory {
  if (role !== 'guest') return history;
  return {
    ...history,
    incidents: history.incidents.map(redactIncident),
    alerts: history.alerts.map(redactAlert),
  };
}
