import { useTranslation } from 'react-i18next';
import { wardName } from '../../shared/city/wards';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import type { Camera, Incident } from '../../shared/protocol/events';
import type { Cluster } from './clusters';
import type { WardFeature } from './layers';
import type { FaultKind } from '../../shared/lighting/faults';

export interface Hover {
  x: number;
  y: number;
  layer: string;
  object: unknown;
}

/** A faulty lamp under the pointer: which lamp, what is wrong, whose cabinet. */
export interface FaultHover {
  lamp: number;
  /** null only for a code the rule does not know */
  kind: FaultKind | null;
  cabinetId: string;
  ward: string;
}

const known = new Set<string>(INCIDENT_CATEGORIES);

/** What the pointer is over, as plain text: producers' strings never become HTML. */
export function MapTooltip({ hover }: { hover: Hover }) {
  const { t } = useTranslation();
  let lines: string[] = [];
  if (hover.layer === 'incident-discs') {
    const i = hover.object as Incident;
    lines = [
      i.title,
      `${t(`severity.${i.severity}`)} · ${t(`category.${known.has(i.category) ? i.category : 'other'}`)}`,
      `${wardName(i.ward) ?? t('category.other')} · ${t(`status.${i.status}`)}`,
    ];
  } else if (hover.layer === 'cameras') {
    const c = hover.object as Camera;
    lines = [c.name, `${c.site} · ${c.online ? t('map.online') : t('map.offline')}`];
  } else if (hover.layer === 'incident-columns') {
    const c = hover.object as Cluster;
    lines = [t('map.clusterCount', { count: c.count }), `${t('map.worst')}: ${t(`severity.${c.worst}`)}`];
  } else if (hover.layer === 'lamp-faults') {
    const f = hover.object as FaultHover;
    lines = [
      f.kind ? t(`faults.kind.${f.kind}`) : '',
      t('map.faultLamp', { lamp: f.lamp + 1, cabinet: f.cabinetId }),
      wardName(f.ward) ?? '',
    ].filter(Boolean);
  } else if (hover.layer === 'wards-3d') {
    const f = hover.object as WardFeature;
    lines = [f.properties.name];
  }
  if (lines.length === 0) return null;
  return (
    <div className="map-tooltip" data-testid="map-tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
      {lines.map((l, i) => (
        <div key={i} className={i === 0 ? 'map-tooltip-title' : undefined}>
          {l}
        </div>
      ))}
    </div>
  );
}
