import { useMemo } from 'react';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { CountTile } from '../../shared/ui/CountTile';
import { useFormat } from '../../shared/ui/useFormat';
import { countAlertsSince, selectAlerts, selectCameraCounts } from './camerasSlice';
import { Freshness } from '../freshness';

const HOUR = 3_600_000;

/** Two tiles side by side: the camera alerts of the last city hour, and the cameras online of all. */
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
      >
        <Freshness of="alerts" />
      </CountTile>
      <CountTile
        name="cameras-online"
        label={t('tiles.cameras')}
        value={cams.online}
        display={`${fmt(cams.online)}/${fmt(cams.total)}`}
      >
        <Freshness of="cameras" />
      </CountTile>
    </div>
  );
}
