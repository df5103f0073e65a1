import type { Camera } from '../../shared/protocol/events';
import type { IconFrame, IconName } from '../../shared/map/icons';
import { FLAT, type RGBA } from '../../shared/map/kit';

const CAMERA_ONLINE: RGBA = [56, 189, 248, 255];
const CAMERA_OFFLINE: RGBA = [100, 116, 139, 200];
const CAMERA_FLASH: RGBA = [255, 255, 255, 255];

/** Cameras: blue when online, grey when not; a camera that just raised an alert blinks white. */
export function cameraLayerProps(
  cameras: readonly Camera[],
  flashing: ReadonlySet<string>,
  blinkOn: boolean,
  atlas: string,
  mapping: Record<IconName, IconFrame>,
  visible: boolean,
  scale = 1,
) {
  return {
    id: 'cameras',
    data: cameras,
    visible,
    iconAtlas: atlas,
    iconMapping: mapping,
    getIcon: () => 'camera',
    getPosition: (c: Camera) => [c.location.lon, c.location.lat] as [number, number],
    getSize: (c: Camera) => scale * (flashing.has(c.id) ? 26 : 18),
    sizeUnits: 'pixels' as const,
    getColor: (c: Camera) =>
      flashing.has(c.id) && blinkOn ? CAMERA_FLASH : c.online ? CAMERA_ONLINE : CAMERA_OFFLINE,
    pickable: true,
    autoHighlight: true,
    updateTriggers: { getColor: [flashing, blinkOn], getSize: [flashing, scale] },
    parameters: FLAT,
  };
}

/** Cameras that raised an alert within `windowMs` of city time before `now`. */
export function flashingCameras(
  alerts: readonly { cameraId: string; at: string }[],
  now: number,
  windowMs: number,
): Set<string> {
  const out = new Set<string>();
  for (const a of alerts) {
    const t = Date.parse(a.at);
    if (t <= now && now - t <= windowMs) out.add(a.cameraId);
  }
  return out;
}
