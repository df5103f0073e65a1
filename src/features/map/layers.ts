import type { Severity } from '../../shared/protocol/codes';
import type { Camera, Incident } from '../../shared/protocol/events';
import type { Cluster } from './clusters';
import { iconFor, type IconFrame, type IconName } from './icons';
import type { WardMeasure } from '../wards';

// Layer builders: pure functions from state to deck.gl layer props. CityMap turns each into a layer
// (`new ScatterplotLayer(props)`); tests check the props. None of them runs per frame: each is
// called when its inputs change, and deck.gl diffs the rest.

type RGBA = [number, number, number, number];

export const SEVERITY_COLORS: Record<Severity, RGBA> = {
  critical: [239, 68, 68, 255],
  high: [249, 115, 22, 255],
  medium: [234, 179, 8, 255],
  low: [34, 197, 94, 255],
};

const DISC_RING: RGBA = [7, 11, 20, 255];
const OVERDUE_RING: RGBA = [255, 45, 85, 255];

/** Below this zoom, incidents show as 3D columns of clusters; above it, one by one. */
export const CLUSTER_BELOW_ZOOM = 13.5;

/** No depth test for overlays on a flat map: points must not hide in the extruded wards. */
const FLAT = { depthCompare: 'always' } as const;

/** What the lamp layer reads: the typed-array columns of src/features/lights, by shape. */
export interface LampSource {
  count: number;
  positions: Float32Array;
  colors: Uint8Array;
}

/** Points as deck.gl binary attributes: a position column (lon, lat) and one RGBA column. */
function binaryPoints<K extends 'getFillColor' | 'getLineColor'>(
  count: number,
  positions: Float32Array,
  colorProp: K,
  colors: Uint8Array,
) {
  const color = { value: colors, size: 4, normalized: true };
  return {
    length: count,
    attributes: { getPosition: { value: positions, size: 2 }, [colorProp]: color } as {
      getPosition: { value: Float32Array; size: number };
    } & Record<K, typeof color>,
  };
}

/**
 * Lamps as binary attributes, for LampPointLayer: deck.gl uploads the position and colour columns as
 * they are, with no object per lamp and no accessor calls. `colors` must be a new array when colours
 * changed (deck.gl compares by identity); positions keep theirs, so they are uploaded once per
 * inventory.
 */
export function lampLayerProps(source: LampSource, colors: Uint8Array, visible: boolean, scale = 1) {
  return {
    id: 'lamps',
    data: binaryPoints(source.count, source.positions, 'getFillColor', colors),
    visible,
    // A lamp is a few metres of light: a dot when zoomed out, a visible disc over a street.
    radiusUnits: 'meters' as const,
    radius: 4,
    radiusMinPixels: 1.2 * scale,
    radiusMaxPixels: 6 * scale,
    // Not pickable: picking 50,000 points on every pointer move slowed the clicks on everything above
    // them (an incident's click was lost in the map e2e). A fault marker opens its cabinet instead.
    pickable: false,
    parameters: FLAT,
  };
}

/** Fault markers: positions and colours, and which lamp each marker is, with its fault code. */
export interface FaultSource extends LampSource {
  lamps: Uint32Array;
  codes: Uint8Array;
}

/**
 * Lamp faults as rings (the faulty lamps' positions and a colour per kind), drawn over the lamps or
 * alone with faults only: a ring a few pixels wide stands out of the amber dots at any zoom. A few
 * hundred in a real city, 5,000 at most, so they can be picked for a tooltip and a click. The markers'
 * lamps and codes travel in the layer's data: see pickedFault.
 */
export function faultLayerProps(source: FaultSource, visible: boolean, scale = 1) {
  return {
    id: 'lamp-faults',
    data: {
      ...binaryPoints(source.count, source.positions, 'getLineColor', source.colors),
      lamps: source.lamps,
      codes: source.codes,
    },
    visible,
    stroked: true,
    filled: true,
    getFillColor: [15, 23, 42, 160] as [number, number, number, number],
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 2 * scale,
    radiusUnits: 'pixels' as const,
    getRadius: 5 * scale,
    pickable: true,
    parameters: FLAT,
  };
}

/** What deck.gl's picking hands an event handler, as far as pickedFault reads it. */
export interface FaultPick {
  index: number;
  layer?: { id: string; props: { data?: unknown } } | null;
}

/**
 * The lamp, and its fault code, under a pick of the fault markers; null for anything else, or for no
 * pick. Read from the data of the layer the pick names, so that the index and the lamps come from one
 * fault list, whatever list the page holds by then (see the map's click handler).
 */
export function pickedFault(info: FaultPick | null): { lamp: number; code: number } | null {
  if (!info || info.layer?.id !== 'lamp-faults') return null;
  const data = info.layer.props.data as
    { length?: number; lamps?: Uint32Array; codes?: Uint8Array } | undefined;
  if (!data?.lamps || !data.codes || info.index < 0 || info.index >= (data.length ?? 0)) return null;
  return { lamp: data.lamps[info.index]!, code: data.codes[info.index]! };
}

/** The severity disc under each incident's pictogram; overdue-or-critical ones get a heavier ring. */
export function incidentDiscProps(
  incidents: readonly Incident[],
  visible: boolean,
  scale = 1,
  overdue: ReadonlySet<string> = new Set(),
) {
  return {
    id: 'incident-discs',
    data: incidents,
    visible,
    getPosition: (d: Incident) => [d.location.lon, d.location.lat] as [number, number],
    getFillColor: (d: Incident) => SEVERITY_COLORS[d.severity],
    // Overdue reports wear a thick red ring: they must stand out on the map as in the console.
    getLineColor: (d: Incident) => (overdue.has(d.id) ? OVERDUE_RING : DISC_RING),
    stroked: true,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: (d: Incident) => scale * (overdue.has(d.id) ? 4 : 2),
    radiusUnits: 'pixels' as const,
    getRadius: (d: Incident) => scale * (d.severity === 'critical' ? 15 : d.severity === 'high' ? 13 : 11),
    updateTriggers: { getRadius: scale, getLineColor: overdue, getLineWidth: [overdue, scale] },
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90] as RGBA,
    parameters: FLAT,
  };
}

/** The category pictogram, white on the severity disc. */
export function incidentIconProps(
  incidents: readonly Incident[],
  atlas: string,
  mapping: Record<IconName, IconFrame>,
  visible: boolean,
  scale = 1,
) {
  return {
    id: 'incident-icons',
    data: incidents,
    visible,
    iconAtlas: atlas,
    iconMapping: mapping,
    getIcon: (d: Incident) => iconFor(d.category),
    getPosition: (d: Incident) => [d.location.lon, d.location.lat] as [number, number],
    getSize: (d: Incident) => scale * (d.severity === 'critical' ? 20 : d.severity === 'high' ? 17 : 15),
    updateTriggers: { getSize: scale },
    sizeUnits: 'pixels' as const,
    getColor: [255, 255, 255, 255] as RGBA,
    pickable: false,
    parameters: FLAT,
  };
}

/** Which incidents pulse: critical ones while open, and any that nobody has taken up yet. */
export function pulsingIncidents(open: readonly Incident[]): Incident[] {
  return open.filter((i) => i.severity === 'critical' || i.status === 'received');
}

/**
 * An expanding, fading ring; `phase` runs from 0 to 1 and repeats. The fade is the layer's opacity and
 * the growth a constant radius, so that an animation step recomputes no attribute.
 */
export function pulseLayerProps(pulsing: readonly Incident[], phase: number, visible: boolean, scale = 1) {
  return {
    id: 'incident-pulse',
    data: pulsing,
    visible: visible && pulsing.length > 0,
    opacity: 1 - phase,
    getPosition: (d: Incident) => [d.location.lon, d.location.lat] as [number, number],
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 3 * scale,
    getLineColor: (d: Incident) => SEVERITY_COLORS[d.severity],
    radiusUnits: 'pixels' as const,
    getRadius: scale * (14 + 22 * phase),
    pickable: false,
    parameters: FLAT,
  };
}

/** Column height in metres: grows with the square root of the count, so one big cluster does not dwarf the rest. */
export function columnHeight(count: number, metresPerPixel: number): number {
  return metresPerPixel * (12 + 14 * Math.sqrt(count));
}

/** Zoomed out: one 3D column per cluster, as tall as it is full, in the colour of its worst severity. */
export function clusterColumnProps(clusters: readonly Cluster[], zoom: number, visible: boolean, scale = 1) {
  // A column's footprint follows the clustering cell, in metres at this zoom and latitude.
  const metresPerPixel = (scale * 156_543 * Math.cos((16.46 * Math.PI) / 180)) / 2 ** zoom;
  return {
    id: 'incident-columns',
    data: clusters,
    visible,
    diskResolution: 6,
    radius: metresPerPixel * 10,
    extruded: true,
    elevationScale: 1,
    getPosition: (c: Cluster) => c.position,
    getElevation: (c: Cluster) => columnHeight(c.count, metresPerPixel),
    getFillColor: (c: Cluster) => SEVERITY_COLORS[c.worst],
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90] as RGBA,
    updateTriggers: { getElevation: zoom },
  };
}

/** The count on top of each column. */
export function clusterCountProps(
  clusters: readonly Cluster[],
  zoom: number,
  fontFamily: string,
  visible: boolean,
  scale = 1,
) {
  const metresPerPixel = (scale * 156_543 * Math.cos((16.46 * Math.PI) / 180)) / 2 ** zoom;
  return {
    id: 'incident-column-counts',
    data: clusters,
    visible,
    getPosition: (c: Cluster) =>
      [c.position[0], c.position[1], columnHeight(c.count, metresPerPixel) + 5] as [number, number, number],
    getText: (c: Cluster) => String(c.count),
    getSize: 18 * scale,
    sizeUnits: 'pixels' as const,
    getColor: [255, 255, 255, 255] as RGBA,
    fontFamily,
    fontWeight: 700,
    characterSet: '0123456789',
    outlineWidth: 4,
    outlineColor: [5, 8, 15, 255] as RGBA,
    fontSettings: { sdf: true },
    billboard: true,
    updateTriggers: { getPosition: zoom },
    parameters: FLAT,
  };
}

const CAMERA_ONLINE: RGBA = [56, 189, 248, 255];
const CAMERA_OFFLINE: RGBA = [100, 116, 139, 200];
const CAMERA_FLASH: RGBA = [255, 255, 255, 255];

/** Cameras: blue when online, grey when not; a camera that just raised an alert blinks white. */
export function cameraLayerProps(
  cameras: readonly Camera[],
  flashing: ReadonlySet<string>,
  blinkOn: boolean,
  atlas: string,
  mapping: Record<IconName, IconFrame>,
  visible: boolean,
  scale = 1,
) {
  return {
    id: 'cameras',
    data: cameras,
    visible,
    iconAtlas: atlas,
    iconMapping: mapping,
    getIcon: () => 'camera',
    getPosition: (c: Camera) => [c.location.lon, c.location.lat] as [number, number],
    getSize: (c: Camera) => scale * (flashing.has(c.id) ? 26 : 18),
    sizeUnits: 'pixels' as const,
    getColor: (c: Camera) =>
      flashing.has(c.id) && blinkOn ? CAMERA_FLASH : c.online ? CAMERA_ONLINE : CAMERA_OFFLINE,
    pickable: true,
    autoHighlight: true,
    updateTriggers: { getColor: [flashing, blinkOn], getSize: [flashing, scale] },
    parameters: FLAT,
  };
}

/** Cameras that raised an alert within `windowMs` of city time before `now`. */
export function flashingCameras(
  alerts: readonly { cameraId: string; at: string }[],
  now: number,
  windowMs: number,
): Set<string> {
  const out = new Set<string>();
  for (const a of alerts) {
    const t = Date.parse(a.at);
    if (t <= now && now - t <= windowMs) out.add(a.cameraId);
  }
  return out;
}

export interface WardFeature {
  type: 'Feature';
  properties: { id: string; name: string; population: number };
  geometry: unknown;
}

/** A colour ramp from calm blue to alarm red over 0..max. */
export function rampColor(value: number, max: number): RGBA {
  const t = max > 0 ? Math.min(1, value / max) : 0;
  return [Math.round(30 + 209 * t), Math.round(64 + 4 * t), Math.round(175 - 107 * t), 200];
}

/** Wards raised by open incidents per 10,000 residents. */
export function wardExtrusionProps(
  wards: readonly WardFeature[],
  measures: ReadonlyMap<string, WardMeasure>,
  visible: boolean,
) {
  let max = 0;
  for (const m of measures.values()) max = Math.max(max, m.per10k);
  return {
    id: 'wards-3d',
    data: wards,
    visible,
    extruded: true,
    wireframe: false,
    filled: true,
    stroked: false,
    getElevation: (f: WardFeature) => 60 + 2500 * ((measures.get(f.properties.id)?.per10k ?? 0) / (max || 1)),
    getFillColor: (f: WardFeature) => rampColor(measures.get(f.properties.id)?.per10k ?? 0, max),
    material: { ambient: 0.5, diffuse: 0.6, shininess: 8 },
    pickable: true,
    updateTriggers: { getElevation: measures, getFillColor: measures },
  };
}

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
