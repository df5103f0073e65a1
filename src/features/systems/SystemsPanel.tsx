import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import type { Lang } from '../../shared/i18n/i18n';
import { SYSTEM_STATUSES, type SystemStatus } from '../../shared/protocol/events';
import { Freshness } from '../freshness';
import { lastDataLabel } from './lastData';
import { selectSystemsReport } from './systemsSlice';
import './systems.css';

/** Each status's mark: the colour is never alone (a wall seen from 5 m, colour-blind viewers). */
const MARK: Record<SystemStatus['status'], string> = { connected: '✓', late: '◷', silent: '✕' };

/**
 * The upstream systems behind the wall in one strip: how many are connected, late or silent (in words),
 * then each system with its status (colour and mark) and the time of its last data. Compact enough for
 * a row under the wall's map; the briefing places it too.
 */
export function SystemsPanel({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const report = useAppSelector(selectSystemsReport);
  if (!report) {
    return (
      <section className={`systems ${className ?? ''}`} data-testid="systems">
        <Freshness of="systems" />
        <span className="systems-title">{t('systems.title')}</span>
        <span className="systems-waiting">{t('systems.waiting')}</span>
      </section>
    );
  }
  const counts = SYSTEM_STATUSES.map((status) => ({
    status,
    n: report.systems.filter((s) => s.status === status).length,
  })).filter((c) => c.n > 0);
  return (
    <section className={`systems ${className ?? ''}`} data-testid="systems" aria-label={t('systems.title')}>
      <Freshness of="systems" />
      <span className="systems-title">
        {t('systems.title')}
        {counts.map((c) => (
          <span key={c.status} className={`systems-count sys-${c.status}`}>
            {MARK[c.status]} {c.n} {t(`systems.status.${c.status}`)}
          </span>
        ))}
      </span>
      <ul className="systems-list">
        {report.systems.map((s) => {
          const name = t(`systems.name.${s.system}`);
          const status = t(`systems.status.${s.status}`);
          const last = lastDataLabel(s.lastAt, report.at, lang, (n) => t('systems.daysAgo', { n }));
          const detail = t('systems.detail', { name, status, last: last ?? t('systems.never') });
          return (
            <li
              key={s.system}
              className={`system sys-${s.status}`}
              data-testid={`system-${s.system}`}
              data-status={s.status}
              title={detail}
              aria-label={detail}
            >
              <span className="system-mark" aria-hidden="true">
                {MARK[s.status]}
              </span>
              <span className="system-name">{name}</span>
              <span className="system-last num">{last ?? '—'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
