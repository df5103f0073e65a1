import { useLayoutEffect, useState } from 'react';
import { layoutFor, type LayoutId, type WallLayout } from './layouts';
import { frameFor, type ScreenTile, type WallFrame } from './tiling';

/**
 * The wall's layout and frame for this window, kept up to date as the window resizes. It sets the
 * page's root font size (every size on the wall is in rem), so it gives nothing until it has: the
 * panels and the map read that size as they mount (useUiScale). Its resize listener is added before
 * theirs, so they read the new size when the window changes.
 */
export function useWallFrame(
  tile: ScreenTile | null,
  forced: LayoutId | null,
): { layout: WallLayout; frame: WallFrame } | null {
  const [fitted, setFitted] = useState<{ layout: WallLayout; frame: WallFrame } | null>(null);
  useLayoutEffect(() => {
    const root = document.documentElement;
    const fit = () => {
      const frame = frameFor(window.innerWidth, window.innerHeight, tile);
      const layout = layoutFor(frame.width, frame.height, forced);
      root.style.fontSize = `${layout.remPx}px`;
      setFitted({ layout, frame });
    };
    fit();
    window.addEventListener('resize', fit);
    return () => {
      window.removeEventListener('resize', fit);
      root.style.fontSize = '';
    };
  }, [tile, forced]);
  return fitted;
}
