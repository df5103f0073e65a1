import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * What the stage is showing: one scene, a playlist rotating scenes, or the delegation tour, and where
 * it is in it. Times are real (epoch ms of the window that decided): a step's dwell is the
 * audience's time, not the city's, which a simulator may run ×720. Tiled windows relay these actions
 * from the leading screen, so every `at` is the leader's.
 */
export type ProgramKind = 'scene' | 'playlist' | 'tour';

export interface StageState {
  program: { kind: ProgramKind; id: string } | null;
  /** the step on show (0 for a single scene) */
  step: number;
  /** when that step was shown */
  stepAt: number;
  /** held by the presenter (P) or by a person's touch: until then, or for good (Infinity is not JSON: null) */
  hold: { until: number | null } | null;
  blank: boolean;
}

const initialState: StageState = { program: null, step: 0, stepAt: 0, hold: null, blank: false };

export const stageSlice = createSlice({
  name: 'stage',
  initialState,
  reducers: {
    programStarted(
      s,
      { payload }: PayloadAction<{ kind: ProgramKind; id: string; step: number; at: number }>,
    ) {
      s.program = { kind: payload.kind, id: payload.id };
      s.step = payload.step;
      s.stepAt = payload.at;
      s.hold = null;
      s.blank = false;
    },
    stepShown(s, { payload }: PayloadAction<{ step: number; at: number }>) {
      s.step = payload.step;
      s.stepAt = payload.at;
    },
    /** Holds the rotation: until a time (a touch), or until released (null: the presenter's P). */
    held(s, { payload }: PayloadAction<{ until: number | null }>) {
      s.hold = payload;
    },
    /** Lets the rotation go on; the step on show gets its full dwell again from `at`. */
    released(s, { payload }: PayloadAction<{ at: number }>) {
      s.hold = null;
      s.stepAt = payload.at;
    },
    blankToggled(s) {
      s.blank = !s.blank;
    },
  },
  selectors: {
    selectStage: (s) => s,
  },
});

export const { programStarted, stepShown, held, released, blankToggled } = stageSlice.actions;
export const { selectStage } = stageSlice.selectors;

/** Whether the rotation is held at real time `now`. */
export function isHeld(s: StageState, now: number): boolean {
  return s.hold !== null && (s.hold.until === null || now < s.hold.until);
}

/**
 * When the step on show ends (real epoch ms), or null while held. A touch's hold that has run out
 * gives the step its full dwell again from the end of the hold.
 */
export function stepEndsAt(s: StageState, dwellMs: number, now: number): number | null {
  if (isHeld(s, now)) return null;
  const from = s.hold?.until != null ? Math.max(s.stepAt, s.hold.until) : s.stepAt;
  return from + dwellMs;
}
