import type { StreamEvent } from '../../src/shared/protocol/events';
import { applyEvents, type HubState } from '../state';
import type { CityStore, Restored } from '../store/cityStore';

/** A node's place in the shared log when it starts: the head, the lamps as of it, the log's tail. */
export interface NodeStart {
  head: number;
  state: HubState;
  tail: StreamEvent[];
}

/**
 * Where a node joining the shared log starts: the stored state is as of the head (the projections are
 * written with each commit), but for the lamps, which are as of their last keyframe until the
 * telemetry after it is applied. The tail lets clients that come over from another node resume by
 * replay.
 */
export async function joinLog(store: CityStore, restored: Restored, tailSize: number): Promise<NodeStart> {
  const head = await store.initHead();
  const lampsSince = await store.telemetryBetween(restored.keyframeSeq, head);
  const state = lampsSince.length > 0 ? applyEvents(restored.state, lampsSince) : restored.state;
  const tail = await store.logTail(head, tailSize);
  return { head, state, tail };
}
