import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectStage, stepEndsAt, stepShown } from './stageSlice';

/**
 * Moves a playlist or the tour on when its step's dwell is over, in a loop. Only the window that
 * leads runs it: a tiled wall's other screens follow the steps it relays.
 */
export function useProgramClock(dwellMs: readonly number[] | null, lead: boolean): void {
  const dispatch = useAppDispatch();
  const stage = useAppSelector(selectStage);
  useEffect(() => {
    if (!lead || !dwellMs || dwellMs.length === 0 || !stage.program) return;
    const check = () => {
      const now = Date.now();
      const end = stepEndsAt(stage, dwellMs[stage.step] ?? dwellMs[0]!, now);
      if (end !== null && now >= end)
        dispatch(stepShown({ step: (stage.step + 1) % dwellMs.length, at: now }));
    };
    // A quarter second is finer than anyone notices a scene change, and costs nothing.
    const id = setInterval(check, 250);
    check();
    return () => clearInterval(id);
  }, [dispatch, stage, dwellMs, lead]);
}
