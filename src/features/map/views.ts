/** A camera position on the map. */
export interface MapView {
  center: [number, number];
  zoom: number;
  pitch: number;
  bearing: number;
}

export const VIEW_NAMES = ['overview', 'imperial-city', 'dong-ba', 'gateways'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * The named views of the wall, which the delegation tour reuses. Positions from the Huế geodata notes
 * (±300 m); the citadel is laid out about 45° off north, so its view turns to square it up.
 */
export const NAMED_VIEWS: Record<ViewName, MapView> = {
  overview: { center: [107.585, 16.462], zoom: 12.5, pitch: 45, bearing: -12 },
  'imperial-city': { center: [107.5775, 16.4685], zoom: 15.2, pitch: 55, bearing: -45 },
  'dong-ba': { center: [107.5885, 16.4725], zoom: 16.3, pitch: 60, bearing: 25 },
  gateways: { center: [107.6, 16.445], zoom: 11.3, pitch: 35, bearing: 0 },
};

/** The view that frames every gateway camera, when the city has some; else the preset. */
export function gatewaysView(points: readonly [number, number][], fallback = NAMED_VIEWS.gateways): MapView {
  if (points.length === 0) return fallback;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  // Zoom so that the wider of the two spans fits in about 60% of a 1,000 px map.
  const span = Math.max(e - w, (n - s) / Math.cos((((s + n) / 2) * Math.PI) / 180), 0.01);
  const zoom = Math.min(14, Math.log2((360 * 600) / (256 * span)));
  return { ...fallback, center: [(w + e) / 2, (s + n) / 2], zoom: Math.round(zoom * 10) / 10 };
}

/** Landmarks drawn on the map, from the Huế geodata notes (approximate, ±300 m). */
export const LANDMARKS: readonly { name: string; point: [number, number] }[] = [
  { name: 'Đại Nội', point: [107.577, 16.469] },
  { name: 'Chợ Đông Ba', point: [107.588, 16.473] },
  { name: 'Ga Huế', point: [107.578, 16.456] },
];

/** A named view for this screen: one zoom level further in for each doubling of the UI scale. */
export function scaled(view: MapView, scale: number): MapView {
  return { ...view, zoom: view.zoom + Math.log2(scale) };
}
