import { ColumnLayer, IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { wardName } from '../../shared/city/wards';
import { PULSE_STEP_MS, pulsePhase } from '../../shared/map/animation';
import { mapCapability, memoLast } from '../../shared/map/capability';
import { OVERVIEW_BELOW_ZOOM } from '../../shared/map/kit';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import type { Incident } from '../../shared/protocol/events';
import { clusterIncidents, type Cluster } from './clusters';
import { IncidentDetail } from './IncidentDetail';
import {
  clusterColumnProps,
  clusterCountProps,
  incidentDiscProps,
  incidentIconProps,
  pulseLayerProps,
  pulsingIncidents,
} from './incidentLayers';
import { selectOpenIncidents, selectOverdueIds } from './incidentsSlice';

interface IncidentsOnMap {
  open: Incident[];
  /** ids past their answer target, at the city minute */
  overdue: ReadonlySet<string>;
  pulsing: Incident[];
}

const known = new Set<string>(INCIDENT_CATEGORIES);
const clustersAt = memoLast((open: readonly Incident[], zoom: number) => clusterIncidents(open, zoom));

/**
 * Open reports on the map: one by one (a severity disc, its pictogram, a pulse while nobody has taken
 * it up or while critical), or zoomed out, clustered into 3D columns as tall as they are full.
 */
export const incidentsOnMap = mapCapability<IncidentsOnMap>({
  id: 'incidents',
  useData() {
    const open = useAppSelector(selectOpenIncidents);
    const now = useCityNow(1000);
    // Overdue is judged per city minute: a new set a minute, not a second.
    const cityMinute = now === null ? 0 : Math.floor(now / 60_000) * 60_000;
    const overdue = useAppSelector((s) => selectOverdueIds(s, cityMinute));
    return useMemo(() => ({ open, overdue, pulsing: pulsingIncidents(open) }), [open, overdue]);
  },
  layers(d, f) {
    const columns = f.on.incidents && f.overview && f.on.columns;
    const oneByOne = f.on.incidents && !f.overview;
    const clusters = columns ? clustersAt(d.open, f.zoom) : [];
    const { uiScale: scale } = f;
    return [
      columns && new ColumnLayer<Cluster>(clusterColumnProps(clusters, f.zoom, true, scale)),
      columns && new TextLayer<Cluster>(clusterCountProps(clusters, f.zoom, f.font, true, scale)),
      oneByOne && new ScatterplotLayer<Incident>(pulseLayerProps(d.pulsing, pulsePhase(f.tick), true, scale)),
      oneByOne && new ScatterplotLayer<Incident>(incidentDiscProps(d.open, true, scale, d.overdue)),
      oneByOne &&
        new IconLayer<Incident>(incidentIconProps(d.open, f.icons.atlas, f.icons.mapping, true, scale)),
    ];
  },
  animationMs: (d, f) => (f.on.incidents && !f.overview && d.pulsing.length > 0 ? PULSE_STEP_MS : null),
  tooltip(pick, _d, t) {
    // A pick can name a layer without an object (a layer changing under the pointer): no tooltip.
    if (!pick.object) return null;
    if (pick.layer?.id === 'incident-discs') {
      const i = pick.object as Incident;
      return [
        i.title,
        `${t(`severity.${i.severity}`)} · ${t(`category.${known.has(i.category) ? i.category : 'other'}`)}`,
        `${wardName(i.ward) ?? t('category.other')} · ${t(`status.${i.status}`)}`,
      ];
    }
    if (pick.layer?.id === 'incident-columns') {
      const c = pick.object as Cluster;
      return [t('map.clusterCount', { count: c.count }), `${t('map.worst')}: ${t(`severity.${c.worst}`)}`];
    }
    return null;
  },
  click(pick) {
    if (pick.layer?.id === 'incident-discs') {
      const inc = pick.object as Incident;
      return {
        select: { kind: 'incident', id: inc.id },
        flyTo: { center: [inc.location.lon, inc.location.lat], minZoom: 16 },
      };
    }
    if (pick.layer?.id === 'incident-columns') {
      // Into the cluster, just past the zoom where reports show one by one.
      return { flyTo: { center: (pick.object as Cluster).position, zoom: OVERVIEW_BELOW_ZOOM + 0.5 } };
    }
    return null;
  },
  Detail: IncidentDetail,
});
