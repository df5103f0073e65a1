import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectAlerts } from './camerasSlice';
import { Freshness } from '../freshness';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { FeedPanel } from '../../shared/ui/FeedPanel';
import './AlertFeed.css';

const SHOWN = 30;

export function AlertFeed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const alerts = useAppSelector(selectAlerts);
  return (
    <FeedPanel
      title={t('feeds.alerts')}
      testId="alert-feed"
      empty={alerts.length === 0}
      badge={<Freshness of="alerts" />}
    >
      {alerts.slice(0, SHOWN).map((a) => (
        <li key={a.id} data-alert-id={a.id} className={`feed-item alert-${a.kind}`}>
          <div className="feed-line1">
            <span className="feed-cat">{t(`alertKind.${a.kind}`)}</span>
            <span className="feed-time num">{formatCityTime(Date.parse(a.at), lang)}</span>
          </div>
          <div className="feed-meta">
            <span>{a.cameraId}</span>
            <span>· {t('feeds.confidence', { pct: Math.round(a.confidence * 100) })}</span>
            {a.subject && <span className="pii">· {a.subject}</span>}
            {a.plate && <span className="pii">· {a.plate}</span>}
          </div>
        </li>
      ))}
    </FeedPanel>
  );
}
