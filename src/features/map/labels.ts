import { FLAT, type RGBA } from '../../shared/map/kit';

// The map's own labels, drawn by deck.gl in Be Vietnam Pro (MapLibre's labels would need glyph files):
// ward names and landmarks, over every capability's layers.

/** Ward names drawn by deck.gl in Be Vietnam Pro: MapLibre's own labels would need glyph files. */
export function wardLabelProps(
  wards: readonly { name: string; point: [number, number] }[],
  fontFamily: string,
  visible: boolean,
  scale = 1,
  theme: 'dark' | 'light' = 'dark',
) {
  // Light text on a dark basemap, dark text on a light one, each with an outline of the ground colour.
  const dark = theme === 'dark';
  return {
    id: 'ward-labels',
    data: wards,
    visible,
    getPosition: (w: { point: [number, number] }) => w.point,
    getText: (w: { name: string }) => w.name,
    getSize: 14 * scale,
    sizeUnits: 'pixels' as const,
    getColor: (dark ? [196, 212, 238, 235] : [30, 41, 59, 255]) as RGBA,
    fontFamily,
    fontWeight: 600,
    characterSet: 'auto' as const,
    outlineWidth: 4,
    outlineColor: (dark ? [5, 8, 15, 255] : [241, 245, 249, 255]) as RGBA,
    updateTriggers: { getColor: theme },
    fontSettings: { sdf: true },
    parameters: FLAT,
  };
}

/** Landmarks (Đại Nội, Đông Ba…), in gold, above everything else. */
export function landmarkLabelProps(
  landmarks: readonly { name: string; point: [number, number] }[],
  fontFamily: string,
  visible: boolean,
  scale = 1,
) {
  return {
    ...wardLabelProps(landmarks, fontFamily, visible, scale),
    id: 'landmark-labels',
    getSize: 16 * scale,
    // Above the point, so that an incident on the landmark itself stays visible.
    getPixelOffset: [0, -20 * scale] as [number, number],
    getColor: [251, 191, 36, 255] as RGBA,
    fontWeight: 700,
  };
}
