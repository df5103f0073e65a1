import { IconLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { selectCityClock } from '../../app/connection';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { BLINK_MS, blinkOn } from '../../shared/map/animation';
import { mapCapability } from '../../shared/map/capability';
import type { Camera } from '../../shared/protocol/events';
import { CameraDetail } from './CameraDetail';
import { cameraLayerProps, flashingCameras } from './cameraLayers';
import { selectAlerts, selectAllCameras } from './camerasSlice';

/** A camera blinks this long (real time) after it raises an alert. */
const CAMERA_FLASH_REAL_MS = 8_000;

interface CamerasOnMap {
  cameras: Camera[];
  /** cameras that raised an alert in the last CAMERA_FLASH_REAL_MS of real time */
  flashing: ReadonlySet<string>;
}

/** The city's cameras: blue online, grey offline, blinking white for a while after an alert. */
export const camerasOnMap = mapCapability<CamerasOnMap>({
  id: 'cameras',
  useData() {
    const cameras = useAppSelector(selectAllCameras);
    const alerts = useAppSelector(selectAlerts);
    const scale = useAppSelector(selectCityClock)?.scale ?? 1;
    const now = useCityNow(1000);
    const flashing = useMemo(
      () => flashingCameras(alerts, now ?? 0, CAMERA_FLASH_REAL_MS * scale),
      [alerts, now, scale],
    );
    return useMemo(() => ({ cameras, flashing }), [cameras, flashing]);
  },
  layers: (d, f) => [
    f.on.cameras &&
      new IconLayer<Camera>(
        cameraLayerProps(
          d.cameras,
          d.flashing,
          blinkOn(f.tick, f.stepMs),
          f.icons.atlas,
          f.icons.mapping,
          true,
          f.uiScale,
        ),
      ),
  ],
  animationMs: (d, f) => (f.on.cameras && d.flashing.size > 0 ? BLINK_MS : null),
  tooltip(pick, _d, t) {
    if (pick.layer?.id !== 'cameras') return null;
    const c = pick.object as Camera;
    return [c.name, `${c.site} · ${c.online ? t('map.online') : t('map.offline')}`];
  },
  click(pick) {
    if (pick.layer?.id !== 'cameras') return null;
    const c = pick.object as Camera;
    return {
      select: { kind: 'camera', id: c.id },
      flyTo: { center: [c.location.lon, c.location.lat], minZoom: 16 },
    };
  },
  // The gateways view frames the cameras at the city's gateways.
  frames: (view, d) =>
    view === 'gateways'
      ? d.cameras.filter((c) => c.gateway).map((c) => [c.location.lon, c.location.lat] as [number, number])
      : null,
  Detail: CameraDetail,
});
