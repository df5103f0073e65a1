import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { selectAlerts } from '../cameras/camerasSlice';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';

const SHOWN = 30;

export function AlertFeed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const alerts = useAppSelector(selectAlerts);
  return (
    <section className="panel feed">
      <h2>{t('feeds.alerts')}</h2>
      <ol className="feed-list" data-testid="alert-feed">
        {alerts.length === 0 && <li className="feed-empty">{t('feeds.empty')}</li>}
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
      </ol>
    </section>
  );
}
