// The camera network of the seeds: 42 cameras at 15 sites in the urban core, and 7 at 4 gateways of
// the city. Site coordinates are approximate (±300 m): good for a wall, not for navigation.
import type { CameraKind } from '../../src/shared/protocol/codes';
import type { Camera } from '../../src/shared/protocol/events';
import type { Rng } from './rng';
import { round6 } from './wards';

export interface CameraSite {
  id: string;
  name: string;
  lon: number;
  lat: number;
  gateway: boolean;
  kinds: CameraKind[];
}

export const CAMERA_SITES: readonly CameraSite[] = [
  {
    id: 'S01',
    name: 'Ngọ Môn - Đại Nội',
    lon: 107.5792,
    lat: 16.4668,
    gateway: false,
    kinds: ['ptz', 'face', 'fixed'],
  },
  {
    id: 'S02',
    name: 'Chợ Đông Ba',
    lon: 107.588,
    lat: 16.473,
    gateway: false,
    kinds: ['ptz', 'face', 'fixed'],
  },
  { id: 'S03', name: 'Ga Huế', lon: 107.578, lat: 16.456, gateway: false, kinds: ['ptz', 'face', 'plate'] },
  {
    id: 'S04',
    name: 'Cầu Trường Tiền - Lê Lợi',
    lon: 107.5893,
    lat: 16.4668,
    gateway: false,
    kinds: ['ptz', 'plate', 'fixed'],
  },
  {
    id: 'S05',
    name: 'Phố đi bộ Phạm Ngũ Lão - Chu Văn An',
    lon: 107.5955,
    lat: 16.469,
    gateway: false,
    kinds: ['ptz', 'face', 'fixed'],
  },
  {
    id: 'S06',
    name: 'Ngã sáu Hùng Vương - Bà Triệu',
    lon: 107.601,
    lat: 16.4605,
    gateway: false,
    kinds: ['ptz', 'plate', 'fixed'],
  },
  { id: 'S07', name: 'Cầu Phú Xuân', lon: 107.583, lat: 16.4648, gateway: false, kinds: ['plate', 'fixed'] },
  {
    id: 'S08',
    name: 'Cầu Dã Viên - Lê Duẩn',
    lon: 107.5725,
    lat: 16.46,
    gateway: false,
    kinds: ['plate', 'fixed', 'ptz'],
  },
  {
    id: 'S09',
    name: 'Trung tâm Hành chính công',
    lon: 107.5905,
    lat: 16.4625,
    gateway: false,
    kinds: ['face', 'fixed'],
  },
  {
    id: 'S10',
    name: 'Cửa Thượng Tứ - Đinh Tiên Hoàng',
    lon: 107.583,
    lat: 16.471,
    gateway: false,
    kinds: ['ptz', 'plate', 'fixed'],
  },
  {
    id: 'S11',
    name: 'Cầu Gia Hội - Chi Lăng',
    lon: 107.5915,
    lat: 16.4745,
    gateway: false,
    kinds: ['plate', 'fixed', 'ptz'],
  },
  {
    id: 'S12',
    name: 'Lê Duẩn - Trần Hưng Đạo',
    lon: 107.5712,
    lat: 16.464,
    gateway: false,
    kinds: ['ptz', 'plate', 'fixed'],
  },
  {
    id: 'S13',
    name: 'Bến xe phía Nam - An Dương Vương',
    lon: 107.6055,
    lat: 16.448,
    gateway: false,
    kinds: ['ptz', 'plate', 'face'],
  },
  {
    id: 'S14',
    name: 'Cầu Vỹ Dạ - Nguyễn Sinh Cung',
    lon: 107.603,
    lat: 16.472,
    gateway: false,
    kinds: ['plate', 'fixed'],
  },
  {
    id: 'S15',
    name: 'Trường Quốc Học - Lê Lợi',
    lon: 107.584,
    lat: 16.4595,
    gateway: false,
    kinds: ['ptz', 'fixed', 'face'],
  },
  {
    id: 'G1',
    name: 'Cửa ngõ phía Bắc - Quốc lộ 1A (An Hòa)',
    lon: 107.548,
    lat: 16.492,
    gateway: true,
    kinds: ['plate', 'fixed'],
  },
  {
    id: 'G2',
    name: 'Cửa ngõ phía Nam - Quốc lộ 1A (Thủy Dương)',
    lon: 107.623,
    lat: 16.427,
    gateway: true,
    kinds: ['plate', 'ptz'],
  },
  {
    id: 'G3',
    name: 'Đường đi Thuận An - Phạm Văn Đồng',
    lon: 107.619,
    lat: 16.499,
    gateway: true,
    kinds: ['plate', 'fixed'],
  },
  {
    id: 'G4',
    name: 'Đường đi sân bay Phú Bài - Võ Văn Kiệt',
    lon: 107.647,
    lat: 16.426,
    gateway: true,
    kinds: ['plate'],
  },
];

const KIND_LABEL: Record<CameraKind, string> = {
  fixed: 'cố định',
  ptz: 'PTZ',
  plate: 'nhận dạng biển số',
  face: 'nhận diện khuôn mặt',
};

/** The cameras, all online, each a few metres from its site's point. */
export function buildCameras(rng: Rng): Camera[] {
  return CAMERA_SITES.flatMap((site) =>
    site.kinds.map((kind, i) => ({
      id: `CAM-${site.id}-${i + 1}`,
      name: `${site.name} - camera ${KIND_LABEL[kind]}`,
      site: site.name,
      kind,
      gateway: site.gateway,
      location: {
        lon: round6(site.lon + rng.range(-0.0003, 0.0003)),
        lat: round6(site.lat + rng.range(-0.0003, 0.0003)),
      },
      online: true,
    })),
  );
}
