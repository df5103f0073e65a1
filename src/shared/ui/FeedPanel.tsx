import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './panels.css';

/**
 * A wall panel that lists the newest items of one feed (reports, camera alerts), newest first. It takes
 * what is left of its column and clips the oldest items rather than scroll: nobody scrolls a video wall.
 */
export function FeedPanel({
  title,
  testId,
  empty,
  badge,
  children,
}: {
  title: string;
  testId: string;
  /** nothing to list yet: says so instead of an empty panel */
  empty: boolean;
  /** the feed's freshness badge (src/features/freshness), beside its title */
  badge?: ReactNode;
  /** the items, as `li.feed-item` */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel feed">
      <h2>{title}</h2>
      {badge}
      <ol className="feed-list" data-testid={testId}>
        {empty && <li className="feed-empty">{t('feeds.empty')}</li>}
        {children}
      </ol>
    </section>
  );
}
