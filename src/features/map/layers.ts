import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_ON, type Severity } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import type { Ward } from '../../shared/city/wards';

/** What the lamp layer reads: the typed-array columns of src/features/lights, by shape. */
export interface LampSource {
  count: number;
  positions: Float32Array;
  state: Uint8Array;
  level: Uint8Array;
}

type RGBA = [number, number, number, number];

export const SEVERITY_COLORS: Record<Severity, RGBA> = {
  critical: [239, 68, 68, 255],
  high: [249, 115, 22, 255],
  medium: [234, 179, 8, 255],
  low: [34, 197, 94, 255],
};

const LAMP_OFF_COLOR: RGBA = [71, 85, 105, 140];
const LAMP_FAULT_COLOR: RGBA = [225, 29, 72, 255];

/** A lamp's colour: warm white when on, amber fading with the dim level, grey when off, red on fault. */
export function lampColor(state: number, level: number, out: RGBA = [0, 0, 0, 0]): RGBA {
  if (state === LAMP_ON) {
    out[0] = 253;
    out[1] = 230;
    out[2] = 138;
    out[3] = 170;
  } else if (state === LAMP_DIMMED) {
    const k = 0.45 + (0.55 * Math.min(100, Math.max(0, level))) / 100;
    out[0] = Math.round(245 * k);
    out[1] = Math.round(158 * k);
    out[2] = Math.round(11 * k);
    out[3] = 170;
  } else if (state === LAMP_FAULT) {
    out.splice(0, 4, ...LAMP_FAULT_COLOR);
  } else {
    out.splice(0, 4, ...LAMP_OFF_COLOR);
  }
  return out;
}

/**
 * Lamps as a binary-position scatterplot: the `data` object stays the same between frames, and only
 * the colour attribute is recomputed when the columns' version moves.
 */
export function lampLayer(source: LampSource, data: LampData, version: number) {
  const scratch: RGBA = [0, 0, 0, 0];
  return new ScatterplotLayer({
    id: 'lamps',
    // deck.gl types `data` as objects or iterables; the binary form is documented but not in its types.
    data: data as never,
    radiusUnits: 'pixels',
    getRadius: 1.2,
    radiusMinPixels: 0.8,
    getFillColor: (_: unknown, { index }: { index: number }) =>
      lampColor(source.state[index]!, source.level[index]!, scratch),
    updateTriggers: { getFillColor: version },
    pickable: false,
    parameters: { depthCompare: 'always' },
  });
}

/** deck.gl's binary data form: the positions go to the GPU as they are, with no per-lamp objects. */
export interface LampData {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 } };
}

export function lampData(source: LampSource): LampData {
  return { length: source.count, attributes: { getPosition: { value: source.positions, size: 2 } } };
}

export function incidentLayer(incidents: readonly Incident[]) {
  return new ScatterplotLayer<Incident>({
    id: 'incidents',
    data: incidents,
    getPosition: (d) => [d.location.lon, d.location.lat],
    getFillColor: (d) => SEVERITY_COLORS[d.severity],
    getLineColor: [7, 11, 20, 255],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    radiusUnits: 'pixels',
    getRadius: (d) => (d.severity === 'critical' ? 9 : d.severity === 'high' ? 7.5 : 6),
    pickable: true,
    parameters: { depthCompare: 'always' },
  });
}

/** Ward names drawn by deck.gl in Be Vietnam Pro: MapLibre's own labels would need glyph files. */
export function wardLabelLayer(wards: readonly Ward[], fontFamily: string) {
  return new TextLayer<Ward>({
    id: 'ward-labels',
    data: wards,
    getPosition: (w) => w.center,
    getText: (w) => w.name,
    getSize: 13,
    sizeUnits: 'pixels',
    getColor: [170, 190, 220, 220],
    fontFamily,
    fontWeight: 600,
    characterSet: 'auto',
    outlineWidth: 3,
    outlineColor: [6, 10, 18, 255],
    fontSettings: { sdf: true },
    parameters: { depthCompare: 'always' },
  });
}
