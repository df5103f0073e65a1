import { z } from '../zod';
import {
  cabinetStatusSchema,
  cameraAlertSchema,
  cameraStatusSchema,
  incidentSchema,
  kpiSchema,
  type CabinetStatus,
  type CameraAlert,
  type CameraStatus,
  type Incident,
  type Kpi,
  type PowerHistory,
} from './events';

// `GET /api/replay` (docs/protocol.md, "Replay of the last 24 hours"): the city's recent past as the
// hub's durable store holds it, for a page to play back. The hub builds it, the page checks it.

/** How far back a replay reaches from the city's now, and the longest range one answer covers. */
export const REPLAY_SPAN_MS = 24 * 3600_000;

/** The events of a replay's range: everything but incidents (their own timelines) and alerts (their `at`). */
export const REPLAY_EVENT_TYPES = ['camera.status', 'kpi.updated', 'cabinet.updated'] as const;

export type ReplayEvent =
  | { ts: number; type: 'camera.status'; data: CameraStatus }
  | { ts: number; type: 'kpi.updated'; data: Kpi }
  | { ts: number; type: 'cabinet.updated'; data: CabinetStatus };

/**
 * Every lamp's state and dim level at one city instant (a keyframe of the store), run-length coded:
 * `runs` is `[state, level, count, state, level, count, …]` over the lamps in index order. A city's
 * lamps switch by cabinet, so 50,000 lamps are a few hundred runs, not 50,000 pairs.
 */
export interface LampFrame {
  at: number;
  runs: number[];
}

/** The answer of `GET /api/replay`; instants are city time in epoch ms. */
export interface ReplayHistory {
  from: number;
  to: number;
  /** the hub's city time when it answered */
  now: number;
  /**
   * Every incident the city held at some instant of the range, as it stands now, with its timeline
   * (`history`): the page rebuilds each as it stood at any instant from the timeline's steps.
   */
  incidents: Incident[];
  /** the newest alerts up to `from` (as many as a state keeps) and every alert of the range, by `at` */
  alerts: CameraAlert[];
  /** the city at `from`: its indicators, its cameras' and its cabinets' statuses */
  base: { kpis: Kpi[]; cameras: CameraStatus[]; cabinets: CabinetStatus[] };
  /** the range's events of REPLAY_EVENT_TYPES, in the order the hub applied them */
  events: ReplayEvent[];
  /** the newest lamp keyframe at or before `from` (when there is one), then each one of the range */
  lamps: LampFrame[];
  /**
   * the city's lighting power from a day before `from` to `to`, as far as the hub's meter holds it
   * (26 hours); absent from a hub before it
   */
  power?: PowerHistory;
}

/** Lamp states and levels (0-100, whole) as runs; `level` is rounded as the page holds it. */
export function encodeLampRuns(state: ArrayLike<number>, level: ArrayLike<number>): number[] {
  const runs: number[] = [];
  const n = state.length;
  let i = 0;
  while (i < n) {
    const s = state[i]!;
    const l = Math.round(level[i] ?? 0);
    let j = i + 1;
    while (j < n && state[j] === s && Math.round(level[j] ?? 0) === l) j++;
    runs.push(s, l, j - i);
    i = j;
  }
  return runs;
}

/**
 * Runs back into columns of `count` lamps. Runs beyond `count` are cut and lamps they do not reach
 * stay 0: a frame of another inventory never writes outside the page's columns.
 */
export function decodeLampRuns(
  runs: readonly number[],
  count: number,
): { state: Uint8Array<ArrayBuffer>; level: Uint8Array<ArrayBuffer> } {
  const state = new Uint8Array(count);
  const level = new Uint8Array(count);
  let at = 0;
  for (let r = 0; r + 2 < runs.length && at < count; r += 3) {
    const end = Math.min(count, at + runs[r + 2]!);
    state.fill(runs[r]!, at, end);
    level.fill(runs[r + 1]!, at, end);
    at = end;
  }
  return { state, level };
}

const instant = z.number().finite();
const lampFrameSchema = z.object({
  at: instant,
  runs: z.array(z.number().int().min(0).max(500_000)).refine((r) => r.length % 3 === 0, {
    message: 'runs come in threes: state, level, count',
  }),
});

/**
 * The answer's frame as the page reads it first. Its items (incidents, alerts, events) are checked
 * one by one after, so that one bad item is dropped and counted rather than failing the replay.
 */
export const replayFrameSchema = z.object({
  from: instant,
  to: instant,
  now: instant,
  incidents: z.array(z.unknown()),
  alerts: z.array(z.unknown()),
  base: z.object({
    kpis: z.array(z.unknown()),
    cameras: z.array(z.unknown()),
    cabinets: z.array(z.unknown()),
  }),
  events: z.array(z.unknown()),
  lamps: z.array(lampFrameSchema),
  /** checked on its own (powerHistorySchema): a bad power history is dropped, not the replay */
  power: z.unknown().optional(),
});

export const replayItemSchemas = {
  incident: incidentSchema,
  alert: cameraAlertSchema,
  kpi: kpiSchema,
  camera: cameraStatusSchema,
  cabinet: cabinetStatusSchema,
  event: z.discriminatedUnion('type', [
    z.object({ ts: instant, type: z.literal('camera.status'), data: cameraStatusSchema }),
    z.object({ ts: instant, type: z.literal('kpi.updated'), data: kpiSchema }),
    z.object({ ts: instant, type: z.literal('cabinet.updated'), data: cabinetStatusSchema }),
  ]),
} as const;
