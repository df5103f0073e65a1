import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { blankToggled, held, isHeld, programStarted, released, selectStage, stepShown } from './stageSlice';

/** Where the tour keeps the step it is on, so that a reload (or a kiosk's restart) resumes there. */
export const TOUR_STORAGE_KEY = 'ioc-wall.tour';

function storedStep(total: number): number {
  try {
    const raw = JSON.parse(localStorage.getItem(TOUR_STORAGE_KEY) ?? 'null') as { step?: unknown } | null;
    const step = raw?.step;
    return typeof step === 'number' && Number.isInteger(step) && step >= 0 && step < total ? step : 0;
  } catch {
    return 0;
  }
}

/** What a presenter's key does to the tour, or null for a key that is not the tour's. */
export function tourKey(key: string): 'next' | 'previous' | 'blank' | 'pause' | 'restart' | null {
  switch (key) {
    case 'ArrowRight':
    case ' ':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'b':
    case 'B':
      return 'blank';
    case 'p':
    case 'P':
      return 'pause';
    case 'Home':
      return 'restart';
    default:
      return null;
  }
}

/**
 * Starts the tour where it was left, keeps the step for the next reload, and gives the presenter the
 * keys: → Space PageDown next, ← PageUp back, B blanks, P pauses, Home restarts. A clicker sends
 * PageDown/PageUp. Only the leading window listens (a tiled wall's others follow).
 */
export function useTourControls(total: number, lead: boolean, interactive: boolean): void {
  const dispatch = useAppDispatch();
  const stage = useAppSelector(selectStage);
  const started = stage.program?.kind === 'tour';

  useEffect(() => {
    if (!lead || total === 0 || started) return;
    dispatch(programStarted({ kind: 'tour', id: 'tour', step: storedStep(total), at: Date.now() }));
  }, [dispatch, lead, total, started]);

  useEffect(() => {
    if (!started) return;
    try {
      localStorage.setItem(TOUR_STORAGE_KEY, JSON.stringify({ step: stage.step }));
    } catch {
      // A kiosk without storage still runs the tour; it starts again from the top after a reload.
    }
  }, [started, stage.step]);

  useEffect(() => {
    if (!lead || !interactive || !started || total === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const action = tourKey(e.key);
      if (!action) return;
      e.preventDefault();
      const now = Date.now();
      if (action === 'next') dispatch(stepShown({ step: (stage.step + 1) % total, at: now }));
      else if (action === 'previous')
        dispatch(stepShown({ step: (stage.step - 1 + total) % total, at: now }));
      else if (action === 'restart') dispatch(stepShown({ step: 0, at: now }));
      else if (action === 'blank') dispatch(blankToggled());
      else if (isHeld(stage, now)) dispatch(released({ at: now }));
      else dispatch(held({ until: null }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, lead, interactive, started, total, stage]);
}

/** A person's touch, click, wheel or key holds a playlist's rotation for `seconds`. */
export function useHoldOnInput(seconds: number, active: boolean): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (!active) return;
    const hold = () => dispatch(held({ until: Date.now() + seconds * 1000 }));
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const ev of events) window.addEventListener(ev, hold, { passive: true });
    return () => {
      for (const ev of events) window.removeEventListener(ev, hold);
    };
  }, [dispatch, seconds, active]);
}
