import type { CameraAlert, CityState, IncidentReported, StreamEvent } from '../src/shared/protocol/events';
import { emptyCityState } from './state';

// Small, hand-made states and events for the unit tests of this folder.

export const AT = '2025-06-01T10:00:00.000Z';

/** A city with 4 lamps in 2 cabinets and 2 cameras. */
export function smallCity(): CityState {
  const base = emptyCityState();
  return {
    ...base,
    cameras: [
      {
        id: 'cam-1',
        name: 'Đại Nội 1',
        site: 'Đại Nội',
        kind: 'face',
        gateway: false,
        location: { lon: 107.578, lat: 16.469 },
        online: true,
      },
      {
        id: 'cam-2',
        name: 'Cửa ngõ Bắc',
        site: 'Cửa ngõ Bắc',
        kind: 'plate',
        gateway: true,
        location: { lon: 107.55, lat: 16.52 },
        online: true,
      },
    ],
    lamps: {
      count: 4,
      lon: [107.58, 107.581, 107.582, 107.583],
      lat: [16.46, 16.461, 16.462, 16.463],
      cabinet: [0, 0, 1, 1],
      state: [0, 0, 0, 0],
      level: [0, 0, 0, 0],
      watts: [100, 100, 150, 150],
      cabinets: [
        { id: 'TDK-001', ward: '19768' },
        { id: 'TDK-002', ward: '19771' },
      ],
    },
  };
}

export function report(id: string, extra: Partial<IncidentReported> = {}): IncidentReported {
  return {
    id,
    category: 'waste',
    title: `Rác thải ${id}`,
    location: { lon: 107.59, lat: 16.46 },
    severity: 'high',
    source: 'hue-s',
    reporter: { name: 'Lê Văn C', phone: '0914000000' },
    ...extra,
  };
}

export function alert(id: string, extra: Partial<CameraAlert> = {}): CameraAlert {
  return {
    id,
    cameraId: 'cam-1',
    kind: 'face-match',
    confidence: 0.9,
    at: AT,
    location: { lon: 107.578, lat: 16.469 },
    subject: 'Phạm Văn D',
    ...extra,
  };
}

let nextSeq = 1;
/** Stamps an event with a fresh seq and a fixed city time. */
export function stamp<E extends Omit<StreamEvent, 'seq' | 'ts'>>(event: E, ts = Date.parse(AT)): StreamEvent {
  return { ...event, seq: nextSeq++, ts } as StreamEvent;
}
