import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { ageParts } from '../../shared/freshness/freshness';
import { selectResyncNotice } from './freshnessSlice';
import { useRealNow } from './useRealNow';
import './freshness.css';

/** How long the notice stays: long enough to be read from across the room, short enough not to nag. */
export const RESYNC_NOTICE_MS = 8000;

/**
 * After a gap in the stream the wall catches up at once (a replay or a new snapshot), and its figures
 * jump. This says so for a few seconds, with how long the gap was, so that the jump is not taken for
 * something that happened in the city.
 */
export function ResyncNotice() {
  const { t } = useTranslation();
  const now = useRealNow();
  const notice = useAppSelector(selectResyncNotice);
  if (!notice || now - notice.at >= RESYNC_NOTICE_MS) return null;
  const gap = ageParts(notice.gapMs);
  const gapText = t(`freshness.age.${gap.unit}`, { n: gap.n });
  return (
    <div className="resync-notice" role="status" data-testid="resync-notice" data-kind={notice.kind}>
      {notice.kind === 'snapshot'
        ? t('freshness.resyncSnapshot', { gap: gapText })
        : t('freshness.resyncReplay', { gap: gapText })}
    </div>
  );
}
