import { describe, expect, it } from 'vitest';
import {
  held,
  isHeld,
  programStarted,
  released,
  stageSlice,
  stepEndsAt,
  stepShown,
  type StageState,
} from './stageSlice';
import { tourKey } from './useTourControls';

const T0 = 1_800_000_000_000;
const run = (...actions: Parameters<typeof stageSlice.reducer>[1][]) =>
  actions.reduce<StageState>(
    (s, a) => stageSlice.reducer(s, a),
    stageSlice.reducer(undefined, { type: '@@init' }),
  );

describe('the stage’s rotation', () => {
  it('ends a step its dwell after it was shown', () => {
    const s = run(
      programStarted({ kind: 'playlist', id: 'day', step: 0, at: T0 }),
      stepShown({ step: 1, at: T0 + 60_000 }),
    );
    expect(s.step).toBe(1);
    expect(stepEndsAt(s, 45_000, T0 + 61_000)).toBe(T0 + 105_000);
  });

  it('holds on a touch, then gives the step its full dwell again from the end of the hold', () => {
    const s = run(
      programStarted({ kind: 'playlist', id: 'day', step: 2, at: T0 }),
      held({ until: T0 + 120_000 }),
    );
    expect(isHeld(s, T0 + 119_000)).toBe(true);
    expect(stepEndsAt(s, 45_000, T0 + 119_000)).toBeNull();
    expect(isHeld(s, T0 + 120_000)).toBe(false);
    expect(stepEndsAt(s, 45_000, T0 + 120_000)).toBe(T0 + 165_000);
  });

  it('holds for good on the presenter’s P until released, and restarts the step’s dwell then', () => {
    let s = run(programStarted({ kind: 'tour', id: 'tour', step: 3, at: T0 }), held({ until: null }));
    expect(isHeld(s, T0 + 3_600_000)).toBe(true);
    s = stageSlice.reducer(s, released({ at: T0 + 3_600_000 }));
    expect(stepEndsAt(s, 20_000, T0 + 3_600_000)).toBe(T0 + 3_620_000);
  });

  it('a new program starts unheld and unblanked', () => {
    const s = run(
      programStarted({ kind: 'tour', id: 'tour', step: 0, at: T0 }),
      held({ until: null }),
      stageSlice.actions.blankToggled(),
      programStarted({ kind: 'playlist', id: 'night', step: 0, at: T0 + 1 }),
    );
    expect(s).toMatchObject({ program: { kind: 'playlist', id: 'night' }, hold: null, blank: false });
  });
});

describe('the presenter’s keys', () => {
  it('maps a keyboard’s and a clicker’s keys, and leaves other keys alone', () => {
    expect(['ArrowRight', ' ', 'PageDown'].map(tourKey)).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map(tourKey)).toEqual(['previous', 'previous']);
    expect(['b', 'B', 'p', 'P', 'Home'].map(tourKey)).toEqual([
      'blank',
      'blank',
      'pause',
      'pause',
      'restart',
    ]);
    expect(['Enter', 'a', 'Escape'].map(tourKey)).toEqual([null, null, null]);
  });
});
