import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useCityMinute } from '../../app/useCityNow';
import { selectLatestIncidents, selectOverdueIds } from './incidentsSlice';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import type { Incident } from '../../shared/protocol/events';
import { wardName } from '../../shared/city/wards';
import { FeedPanel } from '../../shared/ui/FeedPanel';
import { Freshness } from '../freshness';
import './IncidentFeed.css';

const known = new Set<string>(INCIDENT_CATEGORIES);

/** Newest reports first. Producers' text is rendered as text by React, never as HTML. */
export function IncidentFeed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const items = useAppSelector(selectLatestIncidents);
  const minute = useCityMinute() ?? 0;
  const overdue = useAppSelector((s) => selectOverdueIds(s, minute));
  return (
    <FeedPanel
      title={t('feeds.incidents')}
      testId="incident-feed"
      empty={items.length === 0}
      badge={<Freshness of="incidents" />}
    >
      {items.map((inc) => (
        <FeedItem key={inc.id} inc={inc} overdue={overdue.has(inc.id)} lang={lang} />
      ))}
    </FeedPanel>
  );
}

/** One report of the feed: drawn again only when the report or its being overdue changes. */
const FeedItem = memo(function FeedItem({
  inc,
  overdue,
  lang,
}: {
  inc: Incident;
  overdue: boolean;
  lang: Lang;
}) {
  const { t } = useTranslation();
  return (
    <li
      data-incident-id={inc.id}
      data-overdue={overdue}
      className={`feed-item sev-${inc.severity}${overdue ? ' overdue' : ''}`}
    >
      <div className="feed-line1">
        <span className={`sev-pill sev-bg-${inc.severity}`}>{t(`severity.${inc.severity}`)}</span>
        <span className="feed-cat">{t(`category.${known.has(inc.category) ? inc.category : 'other'}`)}</span>
        {overdue && <span className="overdue-pill">{t('sla.overdue')}</span>}
        <span className="feed-time num">{formatCityTime(Date.parse(inc.reportedAt), lang)}</span>
      </div>
      <div className="feed-title">{inc.title}</div>
      <div className="feed-meta">
        <span>{wardName(inc.ward) ?? t('category.other')}</span>
        <span>· {t(`source.${inc.source}`)}</span>
        <span className={`status status-${inc.status}`}>· {t(`status.${inc.status}`)}</span>
        {inc.reporter?.name && <span className="pii">· {inc.reporter.name}</span>}
      </div>
    </li>
  );
});
