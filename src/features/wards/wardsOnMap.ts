import { GeoJsonLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { useAppSelector } from '../../app/hooks';
import type { WardFeature } from '../../shared/city/wardShapes';
import { mapCapability } from '../../shared/map/capability';
import { useWardShapes } from '../../shared/ui/useWardShapes';
import { wardExtrusionProps } from './wardLayers';
import type { WardMeasure } from './wardMeasures';
import { selectWardMeasures } from './wardsSelectors';

interface WardsOnMap {
  shapes: readonly WardFeature[];
  measures: ReadonlyMap<string, WardMeasure>;
}

/** The wards raised in 3D by their open reports per 10,000 residents. */
export const wardsOnMap = mapCapability<WardsOnMap>({
  id: 'wards',
  useData() {
    const shapes = useWardShapes();
    const measures = useAppSelector(selectWardMeasures);
    return useMemo(() => ({ shapes, measures }), [shapes, measures]);
  },
  layers: (d, f) => [
    f.on.wards3d && new GeoJsonLayer(wardExtrusionProps(d.shapes, d.measures, true) as never),
  ],
  tooltip: (pick) => (pick.layer?.id === 'wards-3d' ? [(pick.object as WardFeature).properties.name] : null),
});
