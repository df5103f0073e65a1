import { useEffect, useState } from 'react';
import { loadedWardShapes, loadWardShapes, type WardFeature } from '../city/wardShapes';

const NONE: readonly WardFeature[] = [];

/** The ward boundaries for a view: none until they have loaded, then the page's one copy. */
export function useWardShapes(): readonly WardFeature[] {
  const [shapes, setShapes] = useState(() => loadedWardShapes() ?? NONE);
  useEffect(() => {
    let live = true;
    void loadWardShapes().then((s) => live && setShapes(s));
    return () => {
      live = false;
    };
  }, []);
  return shapes;
}
