import { useTranslation } from 'react-i18next';
import { wardName } from '../city/wards';
import { formatCityDate, formatCityTime } from '../format';
import type { Lang } from '../i18n/i18n';
import type { Incident } from '../protocol/events';

// The facts and the handling timeline of an incident, as the map's detail and the operator console
// both show them. Producers' text is rendered as text.

function useWhen() {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (iso: string) => `${formatCityTime(Date.parse(iso), lang)} ${formatCityDate(Date.parse(iso), lang)}`;
}

export function IncidentFacts({ inc }: { inc: Incident }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
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
          <dd data-testid="console-department">
            {t(`department.${inc.department}`, { defaultValue: inc.department })}
          </dd>
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
  );
}

export function IncidentTimeline({ inc, testId }: { inc: Incident; testId?: string }) {
  const { t } = useTranslation();
  const when = useWhen();
  // `by` is a person's or system's id; a report's first entry names its source, a step its department.
  const actor = (by: string) =>
    t(`source.${by}`, { defaultValue: t(`department.${by}`, { defaultValue: by }) });
  return (
    <>
      <h4>{t('detail.timeline')}</h4>
      <ol className="detail-timeline" data-testid={testId}>
        {inc.history.map((h, i) => (
          <li key={i}>
            <span className="num">{when(h.at)}</span> · {t(`status.${h.status}`)}
            {h.acknowledged && h.status === 'received' ? ` (${t('console.acknowledged')})` : ''} ·{' '}
            {actor(h.by)}
            {h.department &&
              h.status === 'assigned' &&
              ` → ${t(`department.${h.department}`, { defaultValue: h.department })}`}
            {h.note && <div className="detail-note">{h.note}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}
