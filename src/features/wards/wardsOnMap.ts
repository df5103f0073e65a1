import { GeoJsonLayer } from '@deck.gl/layers';
import { useEffect, useMemo, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { HUE_WARDS } from '../../shared/city/wards';
import { mapCapability } from '../../shared/map/capability';
import { selectOpenIncidents } from '../incidents/incidentsSlice';
import { wardMeasures, type WardMeasure } from '../incidents/wardMeasures';
import { wardExtrusionProps, type WardFeature } from './wardLayers';

interface WardsOnMap {
  shapes: WardFeature[];
  measures: ReadonlyMap<string, WardMeasure>;
}

const population = new Map(HUE_WARDS.map((w) => [w.code, w.population]));
let shapesPromise: Promise<WardFeature[]> | null = null;
const loadShapes = () =>
  (shapesPromise ??= fetch('/data/hue/wards-2025.geojson')
    .then((r) => r.json() as Promise<{ features: WardFeature[] }>)
    .then((g) => g.features)
    .catch(() => []));

/** The wards raised in 3D by their open reports per 10,000 residents. */
export const wardsOnMap = mapCapability<WardsOnMap>({
  id: 'wards',
  useData() {
    const [shapes, setShapes] = useState<WardFeature[]>([]);
    useEffect(() => {
      void loadShapes().then(setShapes);
    }, []);
    const open = useAppSelector(selectOpenIncidents);
    const measures = useMemo(() => wardMeasures(open, population), [open]);
    return useMemo(() => ({ shapes, measures }), [shapes, measures]);
  },
  layers: (d, f) => [
    f.on.wards3d && new GeoJsonLayer(wardExtrusionProps(d.shapes, d.measures, true) as never),
  ],
  tooltip: (pick) => (pick.layer?.id === 'wards-3d' ? [(pick.object as WardFeature).properties.name] : null),
});
