import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { countAlertsSince, selectAlerts, selectCameraCounts } from '../cameras/camerasSlice';
import { selectOpenBySeverity } from '../incidents/incidentsSlice';
import {
  faultyLampCount,
  selectLampFaultCounts,
  selectLightsSummary,
  selectOfflineAlerts,
  selectOfflineCabinetCount,
} from '../lights/lightsSlice';
import { faultKindOf, FAULT_CODE_COUNT } from '../../shared/lighting/faults';
import { HUE_SCHEDULES, upcomingChanges } from '../../shared/lighting/schedule';
import { HUE } from '../../shared/lighting/sun';
import { SEVERITIES } from '../../shared/protocol/codes';
import { formatCityTime, formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { CountTile, SubCount } from './CountTile';
import { useCityNow } from '../../app/useCityNow';

// Each tile subscribes to its own slice of the store, so that lamp telemetry arriving every frame
// re-renders the lights tile and nothing else.

const HOUR = 3_600_000;
const LAMP_STATES = [
  { key: 'on', code: 1 },
  { key: 'dimmed', code: 2 },
  { key: 'off', code: 0 },
  { key: 'fault', code: 3 },
] as const;

function useFormat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return { t, lang, fmt: (n: number) => formatNumber(n, lang) };
}

export function IncidentTile() {
  const { t, fmt } = useFormat();
  const open = useAppSelector(selectOpenBySeverity);
  return (
    <CountTile
      name="incidents-open"
      label={t('tiles.incidentsOpen')}
      value={open.open}
      display={fmt(open.open)}
    >
      <div className="subcounts">
        {[...SEVERITIES].reverse().map((sev) => (
          <SubCount
            key={sev}
            name={`incidents-${sev}`}
            label={t(`severity.${sev}`)}
            value={open[sev]}
            display={fmt(open[sev])}
            tone={`var(--sev-${sev})`}
          />
        ))}
      </div>
    </CountTile>
  );
}

export function CameraTiles() {
  const { t, fmt } = useFormat();
  const alerts = useAppSelector(selectAlerts);
  const cams = useAppSelector(selectCameraCounts);
  const now = useCityNow(5000);
  const alertsHour = useMemo(() => (now === null ? 0 : countAlertsSince(alerts, now - HOUR)), [alerts, now]);
  return (
    <div className="tile-row">
      <CountTile
        name="alerts-hour"
        label={t('tiles.alertsHour')}
        value={alertsHour}
        display={fmt(alertsHour)}
      />
      <CountTile
        name="cameras-online"
        label={t('tiles.cameras')}
        value={cams.online}
        display={`${fmt(cams.online)}/${fmt(cams.total)}`}
      />
    </div>
  );
}

export function LightsTile() {
  const { t, lang, fmt } = useFormat();
  const lights = useAppSelector(selectLightsSummary);
  const offline = useAppSelector(selectOfflineCabinetCount);
  const faultCounts = useAppSelector(selectLampFaultCounts);
  const offlineAlerts = useAppSelector(selectOfflineAlerts);
  const faulty = faultyLampCount(faultCounts);
  // Refreshed every 2 real seconds: at the simulator's ×720 that is 24 city minutes.
  const now = useCityNow(2000);
  const next = now === null ? null : upcomingChanges(HUE_SCHEDULES, HUE, now)[0];
  return (
    <CountTile name="lights-total" label={t('tiles.lights')} value={lights.count} display={fmt(lights.count)}>
      <div className="subcounts">
        {LAMP_STATES.map(({ key, code }) => (
          <SubCount
            key={key}
            name={`lights-${key}`}
            label={t(`lamp.${key}`)}
            value={lights.byState[code]}
            display={fmt(lights.byState[code])}
            tone={`var(--lamp-${key})`}
          />
        ))}
      </div>
      <div className="tile-foot num" data-testid="lights-power" data-value={lights.powerW}>
        {t('tiles.power')}: {formatNumber(lights.powerW / 1000, lang, 1)} kW
      </div>
      {next && (
        <div className="tile-foot" data-testid="lights-next-switch" data-at={next.at}>
          {t('tiles.nextSwitch', {
            at: formatCityTime(next.at, lang),
            group: t(`lighting.group.${next.schedule}`),
            setting:
              next.setting.mode === 'dim'
                ? t('lighting.mode.dim', { level: next.setting.level })
                : t(`lighting.mode.${next.setting.mode}`),
          })}
        </div>
      )}
      <div className="tile-foot" data-testid="lights-faults" data-value={faulty}>
        {t('tiles.lampFaults', { count: faulty, display: fmt(faulty) })}
        {faulty > 0 && (
          <span className="fault-kinds">
            {Array.from({ length: FAULT_CODE_COUNT - 1 }, (_, k) => k + 1)
              .filter((code) => (faultCounts[code] ?? 0) > 0)
              .map((code) => (
                <span
                  key={code}
                  data-testid={`lights-fault-${faultKindOf(code)}`}
                  data-value={faultCounts[code]}
                >
                  {t(`faults.kind.${faultKindOf(code)!}`)} {fmt(faultCounts[code] ?? 0)}
                </span>
              ))}
          </span>
        )}
      </div>
      {offlineAlerts[0] && (
        <div className="tile-foot tile-alarm" role="alert" data-testid="cabinet-offline-alert">
          {t('tiles.cabinetWentOffline', {
            id: offlineAlerts[0].id,
            at: offlineAlerts[0].at === null ? '' : formatCityTime(offlineAlerts[0].at, lang),
          })}
        </div>
      )}
      {offline > 0 && (
        <div className="tile-foot tile-alert" data-testid="cabinets-offline" data-value={offline}>
          {t('tiles.cabinetsOffline', { count: offline })}
        </div>
      )}
    </CountTile>
  );
}
