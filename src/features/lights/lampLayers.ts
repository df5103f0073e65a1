import { binaryPoints, FLAT } from '../../shared/map/kit';
import type { FaultMarkers } from './lampFaults';
import type { LampColumns } from './lampColumns';

/**
 * Lamps as binary attributes, for LampPointLayer: deck.gl uploads the position and colour columns as
 * they are, with no object per lamp and no accessor calls. `colors` must be a new array when colours
 * changed (deck.gl compares by identity); positions keep theirs, so they are uploaded once per
 * inventory.
 */
export function lampLayerProps(
  source: Pick<LampColumns, 'count' | 'positions'>,
  colors: Uint8Array,
  visible: boolean,
  scale = 1,
) {
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

/** What the fault layer draws: the watch's markers, by shape. */
export type FaultSource = Pick<FaultMarkers, 'count' | 'positions' | 'colors' | 'lamps' | 'codes'>;

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
