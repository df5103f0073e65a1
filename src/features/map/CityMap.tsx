import { ColumnLayer, GeoJsonLayer, IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectAlerts, selectAllCameras } from '../cameras/camerasSlice';
import { selectOpenIncidents, selectOverdueIds } from '../incidents/incidentsSlice';
import { wardMeasures } from '../wards';
import { selectCabinets, selectLightsVersion, useLampFaults } from '../lights/lightsSlice';
import type { LightColumns } from '../lights/lightsSlice';
import { faultKindOf } from '../../shared/lighting/faults';
import { useCityNow } from '../../app/useCityNow';
import { HUE_WARDS } from '../../shared/city/wards';
import { mapDiagnostics } from '../../shared/diagnostics';
import type { Camera, Incident } from '../../shared/protocol/events';
import { basemapTheme, chooseBasemap, fetchBasemapConfig, registerMapProtocols } from './basemap';
import { clusterIncidents, type Cluster } from './clusters';
import { drawIconAtlas, iconMapping } from './icons';
import {
  CLUSTER_BELOW_ZOOM,
  cameraLayerProps,
  clusterColumnProps,
  clusterCountProps,
  flashingCameras,
  incidentDiscProps,
  incidentIconProps,
  landmarkLabelProps,
  lampLayerProps,
  faultLayerProps,
  pickedFault,
  pulseLayerProps,
  pulsingIncidents,
  wardExtrusionProps,
  wardLabelProps,
  type LampSource,
  type WardFeature,
} from './layers';
import { CabinetDetail } from './CabinetDetail';
import { IncidentDetail } from './IncidentDetail';
import { MapControls } from './MapControls';
import { itemSelected, selectMapLayers, selectRequestedView } from './mapSlice';
import { MapTooltip, type FaultHover, type Hover } from './MapTooltip';
import { animationStepMs, blinkOn, pulsePhase } from './animation';
import { LampPointLayer } from './LampPointLayer';
import { MAP_DATA_REDRAW_MS, RedrawBudget } from './redrawBudget';
import { serveSizeFromObserver } from './observedSize';
import { useMapKeyboard, type CameraMove } from './useMapKeyboard';
import { gatewaysView, LANDMARKS, NAMED_VIEWS, type MapView } from './views';
import './map.css';

const FONT = 'Be Vietnam Pro';
/** Lamp colours repaint as often as the map's other live data may redraw it: see the README's benchmark notes. */
const LAMP_REPAINT_MS = MAP_DATA_REDRAW_MS;
/** A camera blinks this long (real time) after it raises an alert. */
const CAMERA_FLASH_REAL_MS = 8_000;

/**
 * How much bigger than at 1920×1080 the wall draws: the root font size scales with the screen width
 * (theme.css), and the map's pixel sizes and zoom follow it, so that a 4K wall frames the same city.
 */
function useUiScale(): number {
  const read = () => parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const onResize = () => setScale(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/** A named view for this screen: one zoom level further in for each doubling of the UI scale. */
function scaled(view: MapView, scale: number): MapView {
  return { ...view, zoom: view.zoom + Math.log2(scale) };
}

/** The latest value, passed on at most once per `ms` (the last one always arrives). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const t = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, last.current + ms - Date.now()),
    );
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}

/** A counter that ticks every `ms` while `active`: drives pulses and blinks, idle otherwise. */
function useTicker(active: boolean, ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return tick;
}

const wardPopulation = new Map(HUE_WARDS.map((w) => [w.code, w.population]));

/**
 * The city map: MapLibre draws the offline basemap, deck.gl draws the live layers on a canvas of its
 * own over it (not interleaved: a change of the live layers then redraws them alone, not the basemap
 * too; the labels are deck.gl's, so nothing of the basemap has to sit above them). Layer props come
 * from the pure builders in layers.ts.
 */
export function CityMap({
  lamps,
}: {
  lamps: LampSource & Pick<LightColumns, 'state' | 'level' | 'cabinet'>;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [fontReady, setFontReady] = useState(false);
  const uiScale = useUiScale();
  const [zoom, setZoom] = useState(NAMED_VIEWS.overview.zoom);
  const [arrivedAt, setArrivedAt] = useState<string | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [wards, setWards] = useState<WardFeature[]>([]);
  const [theme, setTheme] = useState<'dark' | 'light'>('dark');
  const [basemap, setBasemap] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  const layersOn = useAppSelector(selectMapLayers);
  const incidents = useAppSelector(selectOpenIncidents);
  const cameras = useAppSelector(selectAllCameras);
  const alerts = useAppSelector(selectAlerts);
  const clock = useAppSelector((s) => s.connection.clock);
  const requestedView = useAppSelector(selectRequestedView);
  const lightsVersion = useThrottled(useAppSelector(selectLightsVersion), LAMP_REPAINT_MS);
  const lampCount = useAppSelector((s) => s.lights.count);
  const cabinets = useAppSelector(selectCabinets);
  const moveCamera = useCallback((move: CameraMove) => {
    const map = mapRef.current;
    if (!map) return;
    if ('rotate' in move) map.easeTo({ bearing: map.getBearing() + move.rotate, duration: 600 });
    else map.easeTo({ pitch: map.getPitch() > 10 ? 0 : 55, duration: 600 });
  }, []);
  useMapKeyboard(moveCamera);

  const atlas = useMemo(() => (fontReady ? drawIconAtlas() : null), [fontReady]);
  const mapping = useMemo(() => iconMapping(), []);

  // ---- the map, made once the basemap style is known ----
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let map: maplibregl.Map | undefined;
    let unserveSize = () => {};
    let cancelled = false;
    registerMapProtocols(maplibregl);
    void fetchBasemapConfig()
      .then((configured) => chooseBasemap(window.location.search, configured))
      .then(({ url, style }) => {
        if (cancelled) return;
        const v = scaled(
          NAMED_VIEWS.overview,
          parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1,
        );
        const m = new maplibregl.Map({
          container: el,
          style,
          center: v.center,
          zoom: v.zoom,
          pitch: v.pitch,
          bearing: v.bearing,
          maxPitch: 70,
          // The style's sources credit the boundaries; the ward points are ours to credit.
          attributionControl: { compact: false, customAttribution: t('map.attribution') },
          // No MSAA: on a software renderer it multiplies the cost of every frame.
          canvasContextAttributes: { antialias: false },
        });
        map = m;
        mapRef.current = m;
        setTheme(basemapTheme(style));
        mapDiagnostics.basemap = url;
        setBasemap(url);
        const deck = new MapboxOverlay({
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
        m.addControl(deck);
        overlay.current = deck;
        // deck.gl puts its canvas in the control's container as the control is added (its own reference
        // to it comes later, with the GPU device).
        const canvas = m.getContainer().querySelector<HTMLCanvasElement>('canvas#deckgl-overlay');
        if (canvas) unserveSize = serveSizeFromObserver(canvas);
        mapDiagnostics.project = (lon, lat) => {
          const p = m.project([lon, lat]);
          const r = el.getBoundingClientRect();
          return [r.left + p.x, r.top + p.y];
        };
        const readZoom = () => setZoom(Math.round(m.getZoom() * 4) / 4);
        m.on('load', () => {
          readZoom();
          setLoaded(true);
        });
        // Clustering works in zoom buckets of a quarter level, so a slow zoom does not re-cluster per frame.
        m.on('zoomend', readZoom);
      })
      .catch((err: unknown) => setFailure(String(err)));
    return () => {
      cancelled = true;
      overlay.current = null;
      mapRef.current = null;
      mapDiagnostics.project = null;
      unserveSize();
      map?.remove();
    };
    // The map is made once; language changes only touch the attribution text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // Labels and pictograms are drawn from the font: it must be loaded, Vietnamese subset included.
    const sample = HUE_WARDS.map((w) => w.name).join(' ');
    Promise.all([
      document.fonts.load(`600 32px "${FONT}"`, sample),
      document.fonts.load(`700 48px "${FONT}"`, 'P!'),
    ])
      .catch(() => undefined)
      .finally(() => setFontReady(true));
    fetch('/data/hue/wards-2025.geojson')
      .then((r) => r.json())
      .then((g: { features: WardFeature[] }) => setWards(g.features))
      .catch(() => setWards([]));
  }, []);

  // ---- named views ----
  const gatewayPoints = useMemo(
    () => cameras.filter((c) => c.gateway).map((c) => [c.location.lon, c.location.lat] as [number, number]),
    [cameras],
  );
  useEffect(() => {
    const map = mapRef.current;
    if (!map || requestedView.request === 0) return;
    const name = requestedView.name;
    const view = scaled(name === 'gateways' ? gatewaysView(gatewayPoints) : NAMED_VIEWS[name], uiScale);
    setArrivedAt(null);
    map.flyTo({ ...view, duration: 2500, essential: true });
    map.once('moveend', () => setArrivedAt(name));
    // Only a new request flies; new gateway cameras alone do not move the map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestedView]);
  useEffect(() => {
    mapDiagnostics.view = arrivedAt;
  }, [arrivedAt]);

  // ---- data for the layers ----
  // Zoom as it would be on a 1920-wide wall: clustering and the 3D switch look the same on every screen.
  const baseZoom = zoom - Math.log2(uiScale);
  const zoomedOut = baseZoom < CLUSTER_BELOW_ZOOM;
  const clusters = useMemo(
    () => (zoomedOut ? clusterIncidents(incidents, zoom) : []),
    [incidents, zoom, zoomedOut],
  );
  const pulsing = useMemo(() => pulsingIncidents(incidents), [incidents]);
  const now = useCityNow(1000);
  const scale = clock?.scale ?? 1;
  const cityMinute = now === null ? 0 : Math.floor(now / 60_000) * 60_000;
  const overdue = useAppSelector((s) => selectOverdueIds(s, cityMinute));
  const faults = useLampFaults(lamps, lightsVersion, now);
  useEffect(() => {
    mapDiagnostics.faults = faults && { lamps: faults.lamps, codes: faults.codes };
  }, [faults]);
  const faultProps = useMemo(() => faults && faultLayerProps(faults, true, uiScale), [faults, uiScale]);
  const flashing = useMemo(
    () => flashingCameras(alerts, now ?? 0, CAMERA_FLASH_REAL_MS * scale),
    [alerts, now, scale],
  );
  const pulsesShown = layersOn.incidents && !zoomedOut && pulsing.length > 0;
  const animate = loaded && (pulsesShown || flashing.size > 0);
  const stepMs = animationStepMs(pulsesShown);
  const tick = useTicker(animate, stepMs);
  const blink = blinkOn(tick, stepMs);
  const measures = useMemo(
    () => (layersOn.wards3d ? wardMeasures(incidents, wardPopulation) : new Map()),
    [incidents, layersOn.wards3d],
  );
  const faultHover = useCallback(
    (lamp: number, code: number): FaultHover => {
      const cab = cabinets[lamps.cabinet[lamp]!];
      return {
        lamp,
        kind: faultKindOf(code),
        cabinetId: cab?.id ?? '',
        ward: cab?.ward ?? '',
      };
    },
    [cabinets, lamps],
  );
  const labelPoints = useMemo(() => HUE_WARDS.map((w) => ({ name: w.name, point: w.point })), []);
  // A new colour array per repaint: deck.gl re-uploads a binary attribute only when its identity changes.
  const lampColors = useMemo(
    () => lamps.colors.slice(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lightsVersion, lampCount],
  );

  // The lamp layer's props change only with a repaint or a toggle: its binary `data` stays put between.
  const lampProps = useMemo(
    () => lampLayerProps(lamps, lampColors, true, uiScale),
    [lamps, lampColors, uiScale],
  );

  // Live data redraws the map at most MAP_DATA_REDRAW_MS apart; what a person did applies at once.
  const [budget] = useState(() => new RedrawBudget());
  useEffect(() => () => budget.cancel(), [budget]);
  const applied = useRef<{ key: unknown[]; tick: number } | null>(null);

  useEffect(() => {
    const deck = overlay.current;
    if (!deck || !atlas) return;
    const phase = pulsePhase(tick);
    const showColumns = layersOn.incidents && zoomedOut && layersOn.columns;
    const showIncidents = layersOn.incidents && !zoomedOut;
    // A toggle, a zoom bucket, the scale or the style: the operator's doing, to be seen now. So is a
    // pulse's next step while pulses are on screen.
    const key = [layersOn, zoom, uiScale, theme, loaded, wards, mapping];
    const prev = applied.current;
    const urgent =
      !prev ||
      key.some((v, i) => v !== prev.key[i]) ||
      (tick !== prev.tick && showIncidents && pulsing.length > 0);
    applied.current = { key, tick };
    budget.offer(
      () =>
        deck.setProps({
          // Hidden layers are left out rather than made invisible: deck.gl would keep their attributes up to
          // date with every change of the incidents, for nothing.
          layers: [
            layersOn.wards3d && new GeoJsonLayer(wardExtrusionProps(wards, measures, true) as never),
            layersOn.lamps && new LampPointLayer(lampProps as never),
            layersOn.faults && faultProps && new ScatterplotLayer(faultProps as never),
            showColumns && new ColumnLayer<Cluster>(clusterColumnProps(clusters, zoom, true, uiScale)),
            showColumns && new TextLayer<Cluster>(clusterCountProps(clusters, zoom, FONT, true, uiScale)),
            showIncidents && new ScatterplotLayer<Incident>(pulseLayerProps(pulsing, phase, true, uiScale)),
            showIncidents &&
              new ScatterplotLayer<Incident>(incidentDiscProps(incidents, true, uiScale, overdue)),
            showIncidents &&
              new IconLayer<Incident>(incidentIconProps(incidents, atlas, mapping, true, uiScale)),
            layersOn.cameras &&
              new IconLayer<Camera>(
                cameraLayerProps(cameras, flashing, blink, atlas, mapping, true, uiScale),
              ),
            layersOn.labels && new TextLayer(wardLabelProps(labelPoints, FONT, true, uiScale, theme)),
            layersOn.labels && new TextLayer(landmarkLabelProps(LANDMARKS, FONT, true, uiScale)),
          ],
          getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
          onHover: (info: PickingInfo) => {
            const layer = info.layer?.id ?? '';
            // Fault markers are binary attributes: deck.gl gives the index, the object is made here.
            const fault = pickedFault(info);
            const object = fault ? faultHover(fault.lamp, fault.code) : info.object;
            setHover(object ? { x: info.x, y: info.y, object, layer } : null);
          },
          onClick: (info: PickingInfo) => {
            const map = mapRef.current;
            const id = info.layer?.id;
            // A fault marker (binary attributes: an index, no object) opens its lamp's cabinet. deck.gl
            // hands a click the index it picked at the press, but the markers may have been redrawn from
            // a newer fault list since (about once a second), where that index is another lamp: the
            // marker is picked again, against the markers drawn now.
            const fault =
              id === 'lamp-faults'
                ? pickedFault(deck.pickObject({ x: info.x, y: info.y, layerIds: ['lamp-faults'] }))
                : null;
            const cabinet = fault ? cabinets[lamps.cabinet[fault.lamp]!] : undefined;
            if (cabinet) {
              setHover(null);
              dispatch(itemSelected({ kind: 'cabinet', id: cabinet.id }));
              return;
            }
            if (!map || !info.object) return;
            // The map is about to fly: a tooltip would stay behind at a place the pointer no longer is.
            setHover(null);
            if (id === 'incident-discs' || id === 'cameras') {
              // A report or a camera: its detail opens and the map flies to it.
              const item = info.object as Incident | Camera;
              dispatch(itemSelected({ kind: id === 'cameras' ? 'camera' : 'incident', id: item.id }));
              map.flyTo({
                center: [item.location.lon, item.location.lat],
                zoom: Math.max(map.getZoom(), 16),
                duration: 1500,
              });
            } else if (id === 'incident-columns') {
              const c = info.object as Cluster;
              map.flyTo({ center: c.position, zoom: CLUSTER_BELOW_ZOOM + 0.5, duration: 1500 });
            }
          },
        }),
      urgent,
    );
  }, [
    budget,
    atlas,
    mapping,
    lampProps,
    incidents,
    clusters,
    pulsing,
    cameras,
    flashing,
    tick,
    blink,
    zoom,
    zoomedOut,
    layersOn,
    measures,
    wards,
    labelPoints,
    dispatch,
    uiScale,
    theme,
    loaded,
    overdue,
    faultProps,
    faults,
    faultHover,
    cabinets,
    lamps,
  ]);

  return (
    <div className="city-map-wrap">
      <div
        ref={container}
        className="city-map"
        data-testid="map"
        data-loaded={loaded && fontReady}
        data-basemap={basemap}
        data-view={arrivedAt ?? ''}
        data-zoomed-out={zoomedOut}
      />
      {failure && (
        <div className="map-failure" role="alert">
          {t('map.failed')}: {failure}
        </div>
      )}
      <MapControls />
      {hover && <MapTooltip hover={hover} />}
      <IncidentDetail />
      <CabinetDetail lamps={lamps} faults={faults} version={lightsVersion} />
    </div>
  );
}
