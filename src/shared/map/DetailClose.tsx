/** The close button of a map detail panel; Esc does the same (the map's keyboard). */
export function DetailClose({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" className="detail-close" data-testid="detail-close" onClick={onClose}>
      ✕ <kbd>Esc</kbd>
    </button>
  );
}
