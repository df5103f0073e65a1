import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { selectConfigProblems } from '../../app/configSlice';
import { selectConnection } from '../../app/connection';
import { useAppSelector } from '../../app/hooks';
import { formatCityDate, formatCityTime, formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { useCityNow } from '../../app/useCityNow';
import { ReplayContext } from '../replay';
import './wall.css';

export function Header() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const conn = useAppSelector(selectConnection);
  const problems = useAppSelector(selectConfigProblems);
  const problemText = problems.map((p) =>
    p.param === 'hub'
      ? t('config.badHub', { value: p.value, reason: t(`config.reason.${p.reason}`) })
      : t('config.badParam', { param: p.param, value: p.value, expected: p.expected }),
  );
  const now = useCityNow();
  const dropped = Object.values(conn.dropped).reduce((a, b) => a + b, 0);
  const clock = conn.clock;
  // A replay's clock runs at the replay's speed (0 when paused): that is the replay bar's to show, not
  // the simulation's scale.
  const replaying = useContext(ReplayContext)?.view.mode === 'replay';
  return (
    <header className="wall-header">
      <div className="wall-title">
        <span className="wall-city">{t('app.city')}</span>
        <span className="wall-subtitle">{t('app.title')}</span>
      </div>
      {clock?.simulated && (
        <div
          className="sim-badge"
          data-testid="sim-badge"
          title={replaying ? undefined : t('sim.scale', { scale: clock.scale })}
        >
          {t('sim.badge')}
          {!replaying && <> · {t('sim.scale', { scale: formatNumber(clock.scale, lang) })}</>}
        </div>
      )}
      <div className="wall-clock">
        {now !== null && (
          <>
            <span className="wall-time num" data-testid="city-time">
              {formatCityTime(now, lang, true)}
            </span>
            <span className="wall-date">{formatCityDate(now, lang)}</span>
          </>
        )}
      </div>
      {conn.session && (
        <div className="wall-session" data-testid="session" data-role={conn.session.role}>
          {conn.session.name && <span className="session-name">{conn.session.name}</span>}
          {conn.session.role === 'guest' ? (
            <span className="session-role visitor-mode" data-testid="visitor-mode">
              {t('stage.visitorMode')}
            </span>
          ) : (
            <span className="session-role">{t(`session.${conn.session.role}`)}</span>
          )}
        </div>
      )}
      {problemText.length > 0 && (
        <div
          className="config-problem"
          data-testid="config-problem"
          role="alert"
          title={problemText.join('\n')}
        >
          ⚠ {problemText[0]}
          {problemText.length > 1 && ` (+${problemText.length - 1})`}
        </div>
      )}
      <div
        className="wall-connection"
        data-testid="connection"
        data-status={conn.status}
        data-hub={conn.hub?.host}
        title={
          conn.hub
            ? t('connection.hubOf', {
                url: conn.hub.url || conn.hub.host,
                n: conn.hub.index + 1,
                count: conn.hub.count,
              })
            : undefined
        }
      >
        <span className={`dot dot-${conn.status}`} />
        <span>
          {conn.error === 'unauthorized' ? t('connection.unauthorized') : t(`connection.${conn.status}`)}
        </span>
        <span className="conn-detail num">
          #{formatNumber(conn.lastSeq, lang)}
          {conn.lagMs !== null && ` · ${t('connection.lag', { ms: formatNumber(conn.lagMs, lang) })}`}
          {dropped > 0 && ` · ${t('connection.dropped', { n: formatNumber(dropped, lang) })}`}
          {/* Which of its hubs the wall is on: only worth the room when it has more than one. */}
          {conn.hub && conn.hub.count > 1 && ` · ${t('connection.hub', { host: conn.hub.host })}`}
        </span>
      </div>
    </header>
  );
}
