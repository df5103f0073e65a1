import { serveSizeFromObserver } from './observedSize';
import { MapboxOverlay } from '@deck.gl/mapbox';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { mapDiagnostics } from '../../shared/diagnostics';
import { basemapTheme, chooseBasemap, fetchBasemapConfig, registerMapProtocols } from './basemap';
import { uiScaleNow } from '../../shared/ui/useUiScale';
import { NAMED_VIEWS, scaled } from './views';

export interface MapLibreState {
  map: maplibregl.Map | null;
  /** deck.gl's overlay: its own canvas over MapLibre's */
  overlay: MapboxOverlay | null;
  loaded: boolean;
  theme: 'dark' | 'light';
  /** the basemap's style URL */
  basemap: string;
  failure: string | null;
  /** the zoom in quarter levels, read when a zoom ends */
  zoom: number;
}

/**
 * The map's lifecycle: MapLibre with the offline basemap chosen for this page, and deck.gl's overlay on
 * a canvas of its own over it (not interleaved: a change of the live layers then redraws them alone,
 * not the basemap too). Made once; removed with the component.
 */
export function useMapLibre(container: RefObject<HTMLDivElement | null>, attribution: string): MapLibreState {
  const [state, setState] = useState<MapLibreState>({
    map: null,
    overlay: null,
    loaded: false,
    theme: 'dark',
    basemap: '',
    failure: null,
    zoom: NAMED_VIEWS.overview.zoom,
  });
  // The attribution is read when the map is made; a language change later does not remake the map.
  const attributionAtStart = useRef(attribution);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let map: maplibregl.Map | undefined;
    let unserveSize = () => {};
    let cancelled = false;
    const patch = (p: Partial<MapLibreState>) => setState((s) => ({ ...s, ...p }));
    registerMapProtocols(maplibregl);
    void fetchBasemapConfig()
      .then((configured) => chooseBasemap(window.location.search, configured))
      .then(({ url, style }) => {
        if (cancelled) return;
        const v = scaled(NAMED_VIEWS.overview, uiScaleNow());
        const m = new maplibregl.Map({
          container: el,
          style,
          center: v.center,
          zoom: v.zoom,
          pitch: v.pitch,
          bearing: v.bearing,
          maxPitch: 70,
          // The style's sources credit the boundaries; the ward points are ours to credit.
          attributionControl: { compact: false, customAttribution: attributionAtStart.current },
          // No MSAA: on a software renderer it multiplies the cost of every frame.
          canvasContextAttributes: { antialias: false },
        });
        map = m;
        mapDiagnostics.basemap = url;
        const overlay = new MapboxOverlay({
          interleaved: false,
          layers: [],
          _onMetrics: (metrics: Record<string, number>) => {
            mapDiagnostics.metrics = {
              cpuTimePerFrame: metrics.cpuTimePerFrame ?? 0,
              updateAttributesTime: metrics.updateAttributesTime ?? 0,
              fps: metrics.fps ?? 0,
              framesRedrawn: metrics.framesRedrawn ?? 0,
            };
          },
        } as ConstructorParameters<typeof MapboxOverlay>[0]);
        m.addControl(overlay);
        // deck.gl puts its canvas in the control's container as the control is added (its own reference
        // to it comes later, with the GPU device).
        const canvas = m.getContainer().querySelector<HTMLCanvasElement>('canvas#deckgl-overlay');
        if (canvas) unserveSize = serveSizeFromObserver(canvas);
        mapDiagnostics.project = (lon, lat) => {
          const p = m.project([lon, lat]);
          const r = el.getBoundingClientRect();
          return [r.left + p.x, r.top + p.y];
        };
        // Capabilities work in zoom buckets of a quarter level, so a slow zoom does not rebuild per frame.
        const readZoom = () => patch({ zoom: Math.round(m.getZoom() * 4) / 4 });
        m.on('load', () => {
          readZoom();
          patch({ loaded: true });
        });
        m.on('zoomend', readZoom);
        patch({ map: m, overlay, theme: basemapTheme(style), basemap: url });
      })
      .catch((err: unknown) => patch({ failure: String(err) }));
    return () => {
      cancelled = true;
      mapDiagnostics.project = null;
      unserveSize();
      map?.remove();
    };
  }, [container]);

  return state;
}
