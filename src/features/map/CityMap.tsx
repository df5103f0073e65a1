import { MapboxOverlay } from '@deck.gl/mapbox';
import maplibregl, { type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectOpenIncidents } from '../incidents/incidentsSlice';
import { selectLightsVersion } from '../lights/lightsSlice';
import { HUE_WARDS } from '../../shared/city/wards';
import { incidentLayer, lampData, lampLayer, wardLabelLayer, type LampSource } from './layers';

const FONT = 'Be Vietnam Pro';
const LAMP_REPAINT_MS = 250;

/** The latest value, passed on at most once per `ms` (the last one always arrives). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    const t = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}

function basemapStyle(): StyleSpecification {
  const url = (p: string) => new URL(p, window.location.href).href;
  return {
    version: 8,
    sources: {
      wards: { type: 'geojson', data: url('/data/hue/wards-2025.geojson') },
      core: { type: 'geojson', data: url('/data/hue/wards-2021.geojson') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#05080f' } },
      {
        id: 'wards-fill',
        type: 'fill',
        source: 'wards',
        paint: { 'fill-color': '#0d1a2e', 'fill-opacity': 0.95 },
      },
      {
        id: 'core-lines',
        type: 'line',
        source: 'core',
        filter: ['==', ['get', 'in_2021_city'], true],
        paint: { 'line-color': '#1b3153', 'line-width': 0.7 },
      },
      {
        id: 'wards-lines',
        type: 'line',
        source: 'wards',
        paint: { 'line-color': '#34598f', 'line-width': 1.3 },
      },
    ],
  };
}

/** The city map: MapLibre draws the offline basemap, deck.gl draws the live layers into its canvas. */
export function CityMap({ lamps }: { lamps: LampSource }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [fontReady, setFontReady] = useState(false);
  const incidents = useAppSelector(selectOpenIncidents);
  // Lamp colours repaint a few times a second at most: thousands of updates a second would otherwise
  // redraw the whole map every frame and hold back everything else on the page.
  const lightsVersion = useThrottled(useAppSelector(selectLightsVersion), LAMP_REPAINT_MS);
  const lampCount = useAppSelector((s) => s.lights.count);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const map = new maplibregl.Map({
      container: el,
      style: basemapStyle(),
      center: [107.585, 16.462],
      zoom: 12.6,
      pitch: 40,
      bearing: -12,
      attributionControl: { compact: false, customAttribution: t('map.attribution') },
      // No MSAA: on a software renderer it multiplies the cost of every frame, and the wall's
      // points and lines read well without it.
      canvasContextAttributes: { antialias: false },
    });
    const deck = new MapboxOverlay({ interleaved: true, layers: [] });
    map.addControl(deck);
    overlay.current = deck;
    map.on('load', () => setLoaded(true));
    return () => {
      overlay.current = null;
      map.remove();
    };
    // The map is made once; language changes only touch the attribution text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // The label atlas is drawn once from the font: it must be loaded, Vietnamese subset included.
    const sample = HUE_WARDS.map((w) => w.name).join(' ');
    document.fonts
      .load(`600 32px "${FONT}"`, sample)
      .catch(() => undefined)
      .finally(() => setFontReady(true));
  }, []);

  // The lamp data object changes only when a new lamp inventory arrives (a snapshot: new position
  // array), not per frame; colours follow the version through updateTriggers.
  const positions = lamps.positions;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lampDataObj = useMemo(() => lampData(lamps), [positions, lampCount]);

  useEffect(() => {
    overlay.current?.setProps({
      layers: [
        lampLayer(lamps, lampDataObj, lightsVersion),
        incidentLayer(incidents),
        fontReady ? wardLabelLayer(HUE_WARDS, FONT) : null,
      ],
    });
  }, [lamps, lampDataObj, lightsVersion, incidents, fontReady, loaded]);

  return <div ref={container} className="city-map" data-testid="map" data-loaded={loaded} />;
}
