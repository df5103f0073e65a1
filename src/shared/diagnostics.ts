/**
 * Read-only figures the page publishes for operators' tooling, the end-to-end tests and the benchmark
 * (as `window.__iocWall`). Features write their part; nothing in the app reads it back.
 */
export interface MapDiagnostics {
  /** deck.gl's own metrics, refreshed about once a second */
  metrics: {
    cpuTimePerFrame: number;
    updateAttributesTime: number;
    fps: number;
    framesRedrawn: number;
  } | null;
  /** screen position (CSS pixels, page coordinates) of a lon/lat, or null before the map exists */
  project: ((lon: number, lat: number) => [number, number]) | null;
  /** the named view the map last arrived at */
  view: string | null;
  /** the style URL the map loaded */
  basemap: string | null;
  /** the lamps the map marks as faulty (ascending lamp indexes) and each one's fault code */
  faults: { lamps: Uint32Array; codes: Uint8Array } | null;
}

export const mapDiagnostics: MapDiagnostics = {
  metrics: null,
  project: null,
  view: null,
  basemap: null,
  faults: null,
};
