import { useEffect, useState } from 'react';

const read = () => parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;

/**
 * How much bigger than at 1920×1080 the wall draws: the root font size scales with the screen width
 * (theme.css), and the map's pixel sizes and zoom follow it, so that a 4K wall frames the same city.
 */
export function useUiScale(): number {
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const onResize = () => setScale(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/** The UI scale now, for code that runs once (the map's first view). */
export const uiScaleNow = read;
