import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { formatCityTime, formatNumber } from '../../shared/format';
import { faultKindOf, FAULT_CODE_COUNT } from '../../shared/lights/faults';
import { HUE_SCHEDULES, upcomingChanges } from '../../shared/lights/schedule';
import { HUE } from '../../shared/lights/sun';
import { CountTile, SubCount } from '../../shared/ui/CountTile';
import { useFormat } from '../../shared/ui/useFormat';
import { selectOfflineAlerts, selectOfflineCabinetCount } from './cabinetsSlice';
import { faultyLampCount, selectLampFaultCounts } from './lampFaults';
import { selectLightsSummary } from './lightsSlice';
import { Freshness } from '../freshness';
import './LightsTile.css';

const LAMP_STATES = [
  { key: 'on', code: 1 },
  { key: 'dimmed', code: 2 },
  { key: 'off', code: 0 },
  { key: 'fault', code: 3 },
] as const;

/**
 * The lamps by state, their power, the next scheduled switch, the faulty lamps by kind, and the cabinets
 * that went offline. It subscribes to its own slices of the store, so that lamp telemetry arriving every
 * frame re-renders this tile and nothing else on the wall.
 */
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
      <Freshness of="lamps" />
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
            group: t(`lights.group.${next.schedule}`),
            setting:
              next.setting.mode === 'dim'
                ? t('lights.mode.dim', { level: next.setting.level })
                : t(`lights.mode.${next.setting.mode}`),
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
