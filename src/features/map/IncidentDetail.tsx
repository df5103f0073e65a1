import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectAllCameras } from '../cameras/camerasSlice';
import { selectIncidentById } from '../incidents/incidentsSlice';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import { IncidentFacts, IncidentTimeline } from '../../shared/ui/IncidentFacts';
import { DetailClose } from './DetailClose';
import { selectMapSelection } from './mapSlice';

const known = new Set<string>(INCIDENT_CATEGORIES);

/** The detail of what was clicked on the map: the whole text, the timeline, who reported it. */
export function IncidentDetail() {
  const { t } = useTranslation();
  const selected = useAppSelector(selectMapSelection);
  const incident = useAppSelector((s) =>
    selected?.kind === 'incident' ? selectIncidentById(s, selected.id) : undefined,
  );
  const camera = useAppSelector((s) =>
    selected?.kind === 'camera' ? selectAllCameras(s).find((c) => c.id === selected.id) : undefined,
  );
  if (!incident && !camera) return null;
  if (camera) {
    return (
      <aside className="map-detail" data-testid="camera-detail" data-camera-id={camera.id}>
        <DetailClose />
        <h3>{camera.name}</h3>
        <dl>
          <dt>{t('detail.site')}</dt>
          <dd>{camera.site}</dd>
          <dt>{t('detail.kind')}</dt>
          <dd>{t(`cameraKind.${camera.kind}`)}</dd>
          <dt>{t('detail.state')}</dt>
          <dd>{camera.online ? t('map.online') : t('map.offline')}</dd>
        </dl>
      </aside>
    );
  }
  const inc = incident!;
  return (
    <aside className="map-detail" data-testid="incident-detail" data-incident-id={inc.id}>
      <DetailClose />
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
