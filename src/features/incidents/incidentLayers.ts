import type { Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { iconFor, type IconFrame, type IconName } from '../../shared/map/icons';
import { FLAT, type RGBA } from '../../shared/map/kit';
import type { Cluster } from './clusters';

export const SEVERITY_COLORS: Record<Severity, RGBA> = {
  critical: [239, 68, 68, 255],
  high: [249, 115, 22, 255],
  medium: [234, 179, 8, 255],
  low: [34, 197, 94, 255],
};

const DISC_RING: RGBA = [7, 11, 20, 255];
const OVERDUE_RING: RGBA = [255, 45, 85, 255];

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
