import { eventsReceived } from '../../src/realtime/streamActions';
import type { StreamEvent } from '../../src/shared/protocol/events';

let seq = 0;

/**
 * One frame of the stream as the pipeline dispatches it to the slices: `events` stamped with the next
 * seqs and city time `ts`, no lamp batch, nothing dropped. For slice and selector tests that feed the
 * store without a socket.
 */
export function streamFrame(events: Omit<StreamEvent, 'seq' | 'ts'>[], ts: number, receivedAt = 0) {
  const stamped = events.map((e) => ({ ...e, seq: ++seq, ts }) as StreamEvent);
  return eventsReceived({
    events: stamped,
    lights: null,
    lastSeq: seq,
    lastTs: ts,
    count: stamped.length,
    dropped: {},
    receivedAt,
  });
}
