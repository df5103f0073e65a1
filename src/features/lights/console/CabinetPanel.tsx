import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCityNow } from '../../../app/useCityNow';
import { wardName } from '../../../shared/city/wards';
import { formatCityTime, formatNumber } from '../../../shared/format';
import type { Lang } from '../../../shared/i18n/i18n';
import type { LampFaultKind } from '../../../shared/lights/faults';
import { HUE_SCHEDULES, nextChange } from '../../../shared/lights/schedule';
import { HUE } from '../../../shared/lights/sun';
import type { Cabinet } from '../../../shared/protocol/events';
import type { CommandAnswer } from '../../../shared/ui/console/useCommandRunner';
import type { LampTally } from '../cabinetCounts';
import { groupLabel, modeLabel } from './cabinetLabels';
import { CabinetControls, type SetLights } from './CabinetControls';
import { FaultList } from './FaultList';

const scheduleById = new Map(HUE_SCHEDULES.map((s) => [s.id, s]));

interface Props {
  cabinet: Cabinet;
  tally: LampTally;
  faults: Record<LampFaultKind, number>;
  total: number;
  setLights: SetLights;
  busy: boolean;
  result: CommandAnswer | null;
  /** no switches: the page is not an operator's */
  readOnly: boolean;
}

/** The selected cabinet (keyed by id): its status, lamps, faults, override and next switch, and its switches. */
export function CabinetPanel({
  cabinet: cab,
  tally,
  faults,
  total,
  setLights,
  busy,
  result,
  readOnly,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useCityNow(5000);
  const status = cab.status;
  const schedule = cab.group ? scheduleById.get(cab.group) : undefined;
  // The cabinet's own next switch when the hub knows it (its clock runs a few minutes off its group's),
  // else its group's schedule.
  const own = status?.next;
  const groupNext = useMemo(
    () => (schedule && now !== null ? nextChange(schedule, HUE, now) : null),
    [schedule, now],
  );
  const next = own ? { at: own.at, setting: { mode: own.mode, level: own.level } } : groupNext;
  const n = (x: number) => formatNumber(x, lang);

  return (
    <section
      className="console-panel"
      data-testid="cabinet-detail"
      data-cabinet-id={cab.id}
      data-mode={status?.mode ?? 'none'}
    >
      <h2 className="console-title num">{cab.id}</h2>
      <div className="lights-sub">
        {wardName(cab.ward) ?? cab.ward} · {groupLabel(t, cab.group)}
      </div>
      <dl>
        <dt>{t('lights.status')}</dt>
        <dd data-testid="cab-mode">
          <span className={`cab-mode mode-${status?.mode ?? 'none'}`}>
            {status ? modeLabel(t, status.mode, status.level) : t('lights.mode.none')}
          </span>
          {status && (
            <>
              {' · '}
              <span className={`cab-link${status.online ? '' : ' offline'}`}>
                {status.online ? t('lights.online') : t('lights.offline')}
              </span>
            </>
          )}
        </dd>
        {status && (
          <>
            <dt>{t('lights.level')}</dt>
            <dd className="num">{status.level}%</dd>
          </>
        )}
        <dt>{t('lights.lamps')}</dt>
        <dd className="lights-tally num">
          {t('lights.total', { count: total })}
          {' · '}
          <span className="lamp-count on">
            {t('lights.column.on')} {n(tally.on)}
          </span>
          {' · '}
          <span className="lamp-count dimmed">
            {t('lights.column.dimmed')} {n(tally.dimmed)}
          </span>
          {' · '}
          <span className="lamp-count off">
            {t('lights.column.off')} {n(tally.off)}
          </span>
          {' · '}
          <span className={`lamp-count fault${tally.fault > 0 ? ' some' : ''}`}>
            {t('faults.kind.lamp-failure')} {n(tally.fault)}
          </span>
        </dd>
        <dt>{t('faults.title')}</dt>
        <dd data-testid="cab-faults">
          <FaultList faults={faults} offline={status?.online === false} />
        </dd>
        {status && (
          <>
            <dt>{t('lights.override')}</dt>
            <dd data-testid="cab-override">
              {status.override
                ? t('lights.overrideUntil', {
                    until: formatCityTime(status.override.until, lang),
                    by: status.override.by,
                  })
                : t('lights.overrideNone')}
            </dd>
          </>
        )}
        <dt>{t('lights.nextChange')}</dt>
        <dd data-testid="cab-next" className="num" data-at={next?.at ?? ''}>
          {next
            ? t('lights.nextAt', {
                at: formatCityTime(next.at, lang),
                setting: modeLabel(t, next.setting.mode, next.setting.level),
              })
            : schedule
              ? ''
              : t('lights.noSchedule')}
        </dd>
      </dl>

      {readOnly ? (
        <p className="console-readonly" role="note" data-testid="cab-readonly">
          {t('lights.readOnly')}
        </p>
      ) : (
        <CabinetControls
          cabinetId={cab.id}
          hasStatus={status !== undefined}
          setLights={setLights}
          busy={busy}
          result={result}
        />
      )}
    </section>
  );
}
