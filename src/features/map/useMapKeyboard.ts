import { useEffect } from 'react';
import { useAppDispatch } from '../../app/hooks';
import {
  faultsOnlyToggled,
  layerToggled,
  selectionCleared,
  viewRequested,
  type MapLayerId,
} from './mapSlice';
import { VIEW_NAMES } from './views';

/** Keys of the wall, for an operator without a mouse (and for the tour): see MapControls' legend. */
export const LAYER_KEYS: Record<string, MapLayerId> = {
  l: 'lamps',
  f: 'faults',
  i: 'incidents',
  c: 'cameras',
  h: 'columns',
  e: 'wards3d',
  n: 'labels',
};

/** Camera moves the keyboard asks of the map: rotate by degrees, or flip between flat and pitched. */
export type CameraMove = { rotate: number } | { togglePitch: true };

export const CAMERA_KEYS: Record<string, CameraMove> = {
  '[': { rotate: -20 },
  ']': { rotate: 20 },
  p: { togglePitch: true },
};

export function useMapKeyboard(onCamera: (move: CameraMove) => void): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const target = ev.target as HTMLElement | null;
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (target && isTextEntry(target)) return;
      const view = VIEW_NAMES[Number(ev.key) - 1];
      if (view) dispatch(viewRequested(view));
      else if (LAYER_KEYS[ev.key.toLowerCase()]) dispatch(layerToggled(LAYER_KEYS[ev.key.toLowerCase()]!));
      else if (ev.key.toLowerCase() === 'x') dispatch(faultsOnlyToggled());
      else if (ev.key === 'Escape') dispatch(selectionCleared());
      else if (CAMERA_KEYS[ev.key.toLowerCase()]) onCamera(CAMERA_KEYS[ev.key.toLowerCase()]!);
      else return;
      ev.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, onCamera]);
}

/** Keys typed into a text field are text, but a focused checkbox or button must not swallow shortcuts. */
function isTextEntry(el: HTMLElement): boolean {
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(
    (el as HTMLInputElement).type,
  );
}
