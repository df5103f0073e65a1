import type { PickingInfo } from '@deck.gl/core';
import type maplibregl from 'maplibre-gl';
import { TextLayer } from '@deck.gl/layers';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { HUE_WARDS } from '../../shared/city/wards';
import { mapDiagnostics } from '../../shared/diagnostics';
import { BLINK_MS } from '../../shared/map/animation';
import type { MapCapability, MapFrame, MapPick } from '../../shared/map/capability';
import { drawIconAtlas, iconMapping } from '../../shared/map/icons';
import { OVERVIEW_BELOW_ZOOM } from '../../shared/map/kit';
import { RedrawBudget } from '../../shared/map/redrawBudget';
import { landmarkLabelProps, wardLabelProps } from './labels';
import { Freshness } from '../freshness';
import { MapControls } from './MapControls';
import {
  itemSelected,
  selectionCleared,
  selectMapLayers,
  selectMapSelection,
  selectRequestedView,
} from './mapSlice';
import { MapTooltip, type Hover } from './MapTooltip';
import { useMapKeyboard, type CameraMove } from './useMapKeyboard';
import { useMapLibre } from './useMapLibre';
import { useUiScale } from '../../shared/ui/useUiScale';
import { gatewaysView, LANDMARKS, NAMED_VIEWS, scaled } from './views';
import './map.css';

const FONT = 'Be Vietnam Pro';
const WARD_LABELS = HUE_WARDS.map((w) => ({ name: w.name, point: w.point }));

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

/** Labels and pictograms are drawn from the font: it must be loaded, Vietnamese subset included. */
function useFontReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const sample = HUE_WARDS.map((w) => w.name).join(' ');
    void Promise.all([
      document.fonts.load(`600 32px "${FONT}"`, sample),
      document.fonts.load(`700 48px "${FONT}"`, 'P!'),
    ])
      .catch(() => undefined)
      .finally(() => setReady(true));
  }, []);
  return ready;
}

/** Reads one capability's data with its own hook, and hands each new value to the map. */
const DataOf = memo(function DataOf({
  capability,
  report,
}: {
  capability: MapCapability;
  report: (id: string, data: unknown) => void;
}) {
  const data = capability.useData();
  useEffect(() => report(capability.id, data), [capability.id, data, report]);
  return null;
});

const asPick = (info: PickingInfo): MapPick => ({
  x: info.x,
  y: info.y,
  index: info.index,
  object: info.object,
  layer: info.layer ? { id: info.layer.id, props: info.layer.props as { data?: unknown } } : null,
});

/**
 * The city map: MapLibre draws the offline basemap, deck.gl the capabilities' layers over it. The map
 * owns the basemap, the camera, the named views, the controls and its own labels; what is drawn on it
 * comes from the `capabilities` the app hands in (src/shared/map/capability.ts), bottom first.
 */
export function CityMap({
  capabilities,
  controls = true,
  onMap,
}: {
  capabilities: readonly MapCapability[];
  /** the layer switches and view buttons; a tour's map shows none (it is driven, not handled) */
  controls?: boolean;
  /** the MapLibre map once made, and null when it goes (a tiled wall keeps its screens' cameras in step) */
  onMap?: (map: maplibregl.Map | null) => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const container = useRef<HTMLDivElement>(null);
  const { map, overlay, loaded, theme, basemap, failure, zoom } = useMapLibre(
    container,
    t('map.attribution'),
  );
  const fontReady = useFontReady();
  const uiScale = useUiScale();
  // The view the map last arrived at, by request: a newer request clears it until the map arrives.
  const [arrival, setArrival] = useState<{ request: number; name: string } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const report = useCallback(
    (id: string, d: unknown) => setData((prev) => (prev[id] === d ? prev : { ...prev, [id]: d })),
    [],
  );
  const on = useAppSelector(selectMapLayers);
  const selection = useAppSelector(selectMapSelection);
  const requestedView = useAppSelector(selectRequestedView);
  const icons = useMemo(
    () => (fontReady ? { atlas: drawIconAtlas(), mapping: iconMapping() } : null),
    [fontReady],
  );

  const moveCamera = useCallback(
    (move: CameraMove) => {
      if (!map) return;
      if ('rotate' in move) map.easeTo({ bearing: map.getBearing() + move.rotate, duration: 600 });
      else map.easeTo({ pitch: map.getPitch() > 10 ? 0 : 55, duration: 600 });
    },
    [map],
  );
  useMapKeyboard(moveCamera);
  useEffect(() => {
    if (!map || !onMap) return;
    onMap(map);
    return () => onMap(null);
  }, [map, onMap]);

  // ---- named views: a new request flies; new data alone does not move the map ----
  const dataRef = useRef(data);
  useEffect(() => {
    dataRef.current = data;
  }, [data]);
  useEffect(() => {
    if (!map || requestedView.request === 0) return;
    const { name: named, camera } = requestedView;
    const points = capabilities.flatMap((c) => c.frames?.(named, dataRef.current[c.id]) ?? []);
    const to = camera ?? (named === 'gateways' ? gatewaysView(points) : NAMED_VIEWS[named]);
    // A scene's camera is its own, not a named view: the diagnostics say "scene" when it is reached.
    const name = camera ? 'scene' : named;
    map.flyTo({ ...scaled(to, uiScale), duration: camera ? 3000 : 2500, essential: true });
    map.once('moveend', () => setArrival({ request: requestedView.request, name }));
    // Only a new request flies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestedView, map]);
  const arrivedAt = arrival?.request === requestedView.request ? arrival.name : null;
  useEffect(() => {
    mapDiagnostics.view = arrivedAt;
  }, [arrivedAt]);

  // ---- the frame every capability draws in ----
  // Zoom as it would be on a 1920-wide wall: clustering and the 3D switch look the same on every screen.
  const baseZoom = zoom - Math.log2(uiScale);
  const overview = baseZoom < OVERVIEW_BELOW_ZOOM;
  const still: Omit<MapFrame, 'tick' | 'stepMs'> | null = useMemo(
    () => icons && { zoom, baseZoom, overview, uiScale, theme, font: FONT, icons, on },
    [zoom, baseZoom, overview, uiScale, theme, icons, on],
  );
  // The animation runs at the shortest step any capability asks for, only while one does.
  const steps = still
    ? capabilities.flatMap((c) =>
        c.id in data ? [c.animationMs?.(data[c.id], { ...still, tick: 0, stepMs: BLINK_MS }) ?? null] : [],
      )
    : [];
  const asked = steps.filter((s): s is number => s !== null);
  const stepMs = asked.length > 0 ? Math.min(...asked) : BLINK_MS;
  const tick = useTicker(loaded && asked.length > 0, stepMs);

  // Live data redraws the map at most MAP_DATA_REDRAW_MS apart; what a person did applies at once.
  const [budget] = useState(() => new RedrawBudget());
  useEffect(() => () => budget.cancel(), [budget]);
  const applied = useRef<{ still: unknown; tick: number; loaded: boolean } | null>(null);

  useEffect(() => {
    if (!overlay || !still) return;
    const frame: MapFrame = { ...still, tick, stepMs };
    const prev = applied.current;
    // A toggle, a zoom bucket, the scale or the style: the operator's doing, to be seen now. So is an
    // animation's next step while something animates.
    const urgent =
      !prev || prev.still !== still || prev.loaded !== loaded || (tick !== prev.tick && asked.length > 0);
    applied.current = { still, tick, loaded };
    const live = capabilities.filter((c) => c.id in data);
    budget.offer(
      () =>
        overlay.setProps({
          // Hidden layers are left out rather than made invisible: deck.gl would keep their attributes up
          // to date with every change of their data, for nothing.
          layers: [
            ...live.flatMap((c) => c.layers(data[c.id], frame)),
            on.labels && new TextLayer(wardLabelProps(WARD_LABELS, FONT, true, uiScale, theme)),
            on.labels && new TextLayer(landmarkLabelProps(LANDMARKS, FONT, true, uiScale)),
          ].filter(Boolean) as never,
          getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
          onHover: (info: PickingInfo) => {
            const pick = asPick(info);
            let lines: string[] | null = null;
            for (const c of live) lines ??= c.tooltip?.(pick, data[c.id], t) ?? null;
            setHover(lines ? { x: info.x, y: info.y, lines } : null);
          },
          onClick: (info: PickingInfo) => {
            const pick = asPick(info);
            const repick = (layerId: string) => {
              const again = overlay.pickObject({ x: info.x, y: info.y, layerIds: [layerId] });
              return again ? asPick(again) : null;
            };
            for (const c of live) {
              const click = c.click?.(pick, data[c.id], repick);
              if (!click) continue;
              // The map is about to change under the pointer: a tooltip would stay behind.
              setHover(null);
              if (click.select) dispatch(itemSelected(click.select));
              const to = click.flyTo;
              if (to && map) {
                const zoomTo = to.zoom ?? Math.max(map.getZoom(), to.minZoom ?? map.getZoom());
                map.flyTo({ center: to.center, zoom: zoomTo, duration: 1500 });
              }
              return;
            }
          },
        }),
      urgent,
    );
  }, [
    budget,
    overlay,
    map,
    still,
    tick,
    stepMs,
    asked.length,
    capabilities,
    data,
    on,
    uiScale,
    theme,
    loaded,
    dispatch,
    t,
  ]);

  const close = useCallback(() => dispatch(selectionCleared()), [dispatch]);
  return (
    <div className="city-map-wrap">
      {capabilities.map((c) => (
        <DataOf key={c.id} capability={c} report={report} />
      ))}
      <div
        ref={container}
        className="city-map"
        data-testid="map"
        data-loaded={loaded && fontReady}
        data-basemap={basemap}
        data-view={arrivedAt ?? ''}
        data-zoomed-out={overview}
      />
      {failure && (
        <div className="map-failure" role="alert">
          {t('map.failed')}: {failure}
        </div>
      )}
      <Freshness of="map" />
      {controls && <MapControls />}
      {hover && <MapTooltip hover={hover} />}
      {capabilities.map((c) => c.Detail && <c.Detail key={c.id} selection={selection} onClose={close} />)}
    </div>
  );
}
