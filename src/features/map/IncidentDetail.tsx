import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectAllCameras } from '../cameras/camerasSlice';
import { selectIncidentById } from '../incidents/incidentsSlice';
import { formatCityDate, formatCityTime } from '../../shared/format';
import { wardName } from '../../shared/city/wards';
import type { Lang } from '../../shared/i18n/i18n';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import { selectMapSelection, selectionCleared } from './mapSlice';

const known = new Set<string>(INCIDENT_CATEGORIES);

/** The detail of what was clicked on the map: the whole text, the timeline, who reported it. */
export function IncidentDetail() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const dispatch = useAppDispatch();
  const selected = useAppSelector(selectMapSelection);
  const incident = useAppSelector((s) =>
    selected?.kind === 'incident' ? selectIncidentById(s, selected.id) : undefined,
  );
  const camera = useAppSelector((s) =>
    selected?.kind === 'camera' ? selectAllCameras(s).find((c) => c.id === selected.id) : undefined,
  );
  if (!incident && !camera) return null;
  // `by` is a person's or system's id; a report's first entry names its source, a step its department.
  const actor = (by: string) =>
    t(`source.${by}`, { defaultValue: t(`department.${by}`, { defaultValue: by }) });
  const when = (iso: string) => {
    const ms = Date.parse(iso);
    return `${formatCityTime(ms, lang)} ${formatCityDate(ms, lang)}`;
  };
  const close = (
    <button
      type="button"
      className="detail-close"
      data-testid="detail-close"
      onClick={() => dispatch(selectionCleared())}
    >
      ✕ <kbd>Esc</kbd>
    </button>
  );
  if (camera) {
    return (
      <aside className="map-detail" data-testid="camera-detail" data-camera-id={camera.id}>
        {close}
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
      {close}
      <div className="detail-tags">
        <span className={`sev-pill sev-bg-${inc.severity}`}>{t(`severity.${inc.severity}`)}</span>
        <span>{t(`category.${known.has(inc.category) ? inc.category : 'other'}`)}</span>
        <span>· {t(`status.${inc.status}`)}</span>
      </div>
      <h3 data-testid="detail-title">{inc.title}</h3>
      {inc.description && <p className="detail-description">{inc.description}</p>}
      <dl>
        <dt>{t('detail.ward')}</dt>
        <dd>{wardName(inc.ward) ?? t('category.other')}</dd>
        <dt>{t('detail.source')}</dt>
        <dd>{t(`source.${inc.source}`)}</dd>
        <dt>{t('detail.reported')}</dt>
        <dd>{when(inc.reportedAt)}</dd>
        {inc.department && (
          <>
            <dt>{t('detail.department')}</dt>
            <dd>{t(`department.${inc.department}`, { defaultValue: inc.department })}</dd>
          </>
        )}
        {inc.reporter?.name && (
          <>
            <dt>{t('detail.reporter')}</dt>
            <dd className="pii">
              {inc.reporter.name}
              {inc.reporter.phone && ` · ${inc.reporter.phone}`}
            </dd>
          </>
        )}
      </dl>
      <h4>{t('detail.timeline')}</h4>
      <ol className="detail-timeline">
        {inc.history.map((h, i) => (
          <li key={i}>
            <span className="num">{when(h.at)}</span> · {t(`status.${h.status}`)} · {actor(h.by)}
            {h.note && <div className="detail-note">{h.note}</div>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
