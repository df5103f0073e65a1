import type { Snapshot, StreamEvent } from '../src/shared/protocol/events';

// What a socket asked to be sent. A leaders' briefing shows the indicators, the city's clock and the
// upstream systems; sent the whole city it would parse and hold some 2 MB of lamps, incidents and
// cameras it never shows (docs/benchmarks.md, issue 13). The stream's seqs stay whole for it: an
// event it does not need comes as a `stream.elided` placeholder under the same seq, so its gap
// detection and resync work as everyone's do.

export type StreamView = 'city' | 'briefing';

/** The view a handshake asks for: `auth.view` "briefing", anything else the whole city. */
export function viewOf(asked: unknown): StreamView {
  return asked === 'briefing' ? 'briefing' : 'city';
}

/** The room of the briefing view's sockets, whatever their role: what they are sent holds no personal data. */
export const BRIEFING_ROOM = 'view:briefing';

const BRIEFING_EVENTS: ReadonlySet<string> = new Set(['kpi.updated']);

/** The events as a briefing is sent them: its own whole, every other one elided under its seq. */
export function forBriefing(events: readonly StreamEvent[]): StreamEvent[] {
  return events.map((e) =>
    BRIEFING_EVENTS.has(e.type) ? e : { seq: e.seq, ts: e.ts, type: 'stream.elided', data: { type: e.type } },
  );
}

/** The snapshot without what a briefing never shows: incidents, alerts, cameras, lamps, the power history. */
export function briefingSnapshot(snap: Snapshot): Snapshot {
  const { power: _power, ...rest } = snap;
  return {
    ...rest,
    state: {
      ...snap.state,
      incidents: [],
      alerts: [],
      cameras: [],
      lamps: { count: 0, lon: [], lat: [], cabinet: [], state: [], level: [], watts: [], cabinets: [] },
    },
  };
}
