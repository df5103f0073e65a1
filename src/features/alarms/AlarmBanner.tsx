import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wardName } from '../../shared/city/wards';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { INCIDENT_CATEGORIES } from '../../shared/protocol/codes';
import type { Alarm } from './alarmsSlice';

export type Acknowledge = (incidentId: string) => Promise<{ ok: boolean; error?: string }>;

/** Items on the banner at most; the rest are counted. Three severe reports at once is already a crisis. */
export const BANNER_MAX = 3;

const knownCategories = new Set<string>(INCIDENT_CATEGORIES);

/** Who ended an alarm: the acknowledger, else whoever moved the incident on. */
function endedBy(alarm: Alarm): string | undefined {
  return alarm.incident.acknowledgedBy ?? alarm.incident.history.at(-1)?.by;
}

export function AlarmBanner({
  alarms,
  onAcknowledge,
  onAcknowledged,
}: {
  alarms: readonly Alarm[];
  onAcknowledge?: Acknowledge;
  onAcknowledged: (id: string) => void;
}) {
  const { t } = useTranslation();
  const more = alarms.length - BANNER_MAX;
  // The region stays mounted, so screen readers announce what enters it.
  return (
    <section
      className="alarm-banner"
      data-testid="alarm-banner"
      aria-label={t('alarm.region')}
      aria-live="assertive"
      hidden={alarms.length === 0}
    >
      <ol className="alarm-list">
        {alarms.slice(0, BANNER_MAX).map((a) => (
          <AlarmItem key={a.id} alarm={a} onAcknowledge={onAcknowledge} onAcknowledged={onAcknowledged} />
        ))}
      </ol>
      {more > 0 && (
        <div className="alarm-more" data-testid="alarm-more">
          {t('alarm.more', { count: more })}
        </div>
      )}
    </section>
  );
}

function AlarmItem({
  alarm,
  onAcknowledge,
  onAcknowledged,
}: {
  alarm: Alarm;
  onAcknowledge?: Acknowledge;
  onAcknowledged: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inc = alarm.incident;
  const category = t(`category.${knownCategories.has(inc.category) ? inc.category : 'other'}`);
  const ward = wardName(inc.ward) ?? t('alarm.wardUnknown');

  async function acknowledge() {
    if (!onAcknowledge) return;
    setPending(true);
    setError(null);
    try {
      const res = await onAcknowledge(alarm.id);
      if (res.ok) onAcknowledged(alarm.id);
      else setError(res.error ?? t('alarm.unknownError'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  }

  const by = endedBy(alarm);
  const endedText = inc.status === 'received' ? t('alarm.acknowledged') : t(`status.${inc.status}`);
  // Producer text (title) goes in as React text children: escaped, never parsed as HTML.
  return (
    <li
      className={`alarm-item alarm-${alarm.severity}${alarm.ended ? ' alarm-ended' : ''}`}
      data-alarm-id={alarm.id}
      data-severity={alarm.severity}
      data-ended={alarm.ended}
    >
      <div className="alarm-line1">
        <span className="alarm-sev">
          <WarningIcon />
          {t(`severity.${alarm.severity}`)}
        </span>
        <span className="alarm-cat">{category}</span>
        <span className="alarm-time num">{formatCityTime(Date.parse(inc.reportedAt), lang)}</span>
      </div>
      <div className="alarm-title">{inc.title}</div>
      <div className="alarm-line3">
        <span className="alarm-ward">{ward}</span>
        {alarm.ended ? (
          <span className="alarm-done" data-testid="alarm-ended">
            ✓ {endedText}
            {by ? ` · ${by}` : ''}
          </span>
        ) : (
          onAcknowledge && (
            <button
              type="button"
              className="alarm-ack"
              data-testid="alarm-ack"
              disabled={pending}
              onClick={() => void acknowledge()}
            >
              {pending ? t('alarm.acknowledging') : t('alarm.acknowledge')}
            </button>
          )
        )}
      </div>
      {error !== null && (
        <div className="alarm-error" role="alert" data-testid="alarm-ack-error">
          {t('alarm.ackFailed', { error: error === 'forbidden' ? t('alarm.forbidden') : error })}
        </div>
      )}
    </li>
  );
}

function WarningIcon() {
  return (
    <svg className="alarm-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 2 1 21h22L12 2ZM11 9h2v6h-2V9Zm0 8h2v2h-2v-2Z" fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
