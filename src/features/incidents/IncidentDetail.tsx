import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import type { MapDetailProps } from '../../shared/map/capability';
import { DetailClose } from '../../shared/map/DetailClose';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import { IncidentFacts, IncidentTimeline } from '../../shared/ui/IncidentFacts';
import { selectIncidentById } from './incidentsSlice';

const known = new Set<string>(INCIDENT_CATEGORIES);

/** A report clicked on the map: the whole text, the timeline, who reported it. */
export function IncidentDetail({ selection, onClose }: MapDetailProps) {
  const { t } = useTranslation();
  const inc = useAppSelector((s) =>
    selection?.kind === 'incident' ? selectIncidentById(s, selection.id) : undefined,
  );
  if (!inc) return null;
  return (
    <aside className="map-detail" data-testid="incident-detail" data-incident-id={inc.id}>
      <DetailClose onClose={onClose} />
      <div className="detail-tags">
        <span className={`sev-pill sev-bg-${inc.severity}`}>{t(`severity.${inc.severity}`)}</span>
        <span>{t(`category.${known.has(inc.category) ? inc.category : 'other'}`)}</span>
        <span>· {t(`status.${inc.status}`)}</span>
      </div>
      <h3 data-testid="detail-title">{inc.title}</h3>
      {inc.description && <p className="detail-description">{inc.description}</p>}
      <IncidentFacts inc={inc} />
      <IncidentTimeline inc={inc} />
    </aside>
  );
}
