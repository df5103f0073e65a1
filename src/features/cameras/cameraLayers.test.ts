import { describe, expect, it } from 'vitest';
import { iconMapping } from '../../shared/map/icons';
import { cameraLayerProps, flashingCameras } from './cameraLayers';

const T = '2026-11-23T03:00:00.000Z';

describe('cameras', () => {
  const cams = [
    {
      id: 'A',
      name: 'A',
      site: 's',
      kind: 'fixed' as const,
      gateway: false,
      location: { lon: 107.58, lat: 16.46 },
      online: true,
    },
    {
      id: 'B',
      name: 'B',
      site: 's',
      kind: 'ptz' as const,
      gateway: false,
      location: { lon: 107.58, lat: 16.46 },
      online: false,
    },
  ];

  it('flashes the cameras that raised an alert within the window, not those before it', () => {
    const now = Date.parse(T);
    const alerts = [
      { cameraId: 'A', at: new Date(now - 5_000).toISOString() },
      { cameraId: 'B', at: new Date(now - 60_000).toISOString() },
    ];
    expect([...flashingCameras(alerts, now, 10_000)]).toEqual(['A']);
  });

  it('shows online state, and blinks a flashing camera', () => {
    const on = cameraLayerProps(cams, new Set(['A']), true, 'data:', iconMapping(), true);
    const off = cameraLayerProps(cams, new Set(['A']), false, 'data:', iconMapping(), true);
    expect(on.getColor(cams[0]!)).not.toEqual(off.getColor(cams[0]!));
    expect(on.getColor(cams[1]!)).not.toEqual(off.getColor(cams[0]!));
    expect(on.getSize(cams[0]!)).toBeGreaterThan(on.getSize(cams[1]!));
  });
});
