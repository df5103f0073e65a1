import { useAppDispatch } from '../../app/hooks';
import { selectionCleared } from './mapSlice';

/** The close button of a map detail panel; Esc does the same (useMapKeyboard). */
export function DetailClose() {
  const dispatch = useAppDispatch();
  return (
    <button
      type="button"
      className="detail-close"
      data-testid="detail-close"
      onClick={() => dispatch(selectionCleared())}
    >
      ✕ <kbd>Esc</kbd>
    </button>
  );
}
