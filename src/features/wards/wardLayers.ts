import type { RGBA } from '../../shared/map/kit';
import type { WardFeature } from '../../shared/city/wardShapes';
import type { WardMeasure } from './wardMeasures';

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
