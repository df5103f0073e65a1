// The upstream systems' texts, in a file of their own (the systems strip of the wall and the briefing).
// vi is the default; en must hold the same keys (i18n.test.ts checks the merged tables).
import type { KpiSystem } from '../../city/kpiCatalogue';

/** Short names: seventeen of them share one strip under the map. */
const namesVi: Record<KpiSystem, string> = {
  'hue-s': 'Hue-S',
  'public-services': 'Dịch vụ công',
  'one-stop': 'Một cửa',
  'e-office': 'Văn phòng số',
  'e-id': 'VNeID',
  payments: 'Thanh toán',
  'digital-teams': 'Tổ CNS cộng đồng',
  tourism: 'Du lịch',
  museum: 'Bảo tàng số',
  'bike-sharing': 'Xe đạp công cộng',
  cameras: 'Camera',
  'fire-safety': 'PCCC',
  health: 'Y tế',
  education: 'Giáo dục',
  'cyber-soc': 'SOC an ninh mạng',
  statistics: 'Thống kê',
  lighting: 'Chiếu sáng',
};

export const systemsVi = {
  title: 'Hệ thống kết nối',
  name: namesVi,
  status: { connected: 'Kết nối', late: 'Chậm', silent: 'Mất tín hiệu' },
  /** a system's chip, for a screen reader and as its tooltip */
  detail: '{{name}}: {{status}}, dữ liệu cuối {{last}}',
  never: 'chưa có dữ liệu',
  daysAgo: '{{n}} ngày trước',
  waiting: 'Đang chờ trạng thái các hệ thống…',
} as const;

export const systemsEn = {
  title: 'Connected systems',
  name: {
    'hue-s': 'Hue-S',
    'public-services': 'Public services',
    'one-stop': 'One-stop shop',
    'e-office': 'e-Office',
    'e-id': 'VNeID',
    payments: 'Payments',
    'digital-teams': 'Digital teams',
    tourism: 'Tourism',
    museum: 'Digital museum',
    'bike-sharing': 'Bike sharing',
    cameras: 'Cameras',
    'fire-safety': 'Fire safety',
    health: 'Health',
    education: 'Education',
    'cyber-soc': 'Cyber SOC',
    statistics: 'Statistics',
    lighting: 'Lighting',
  },
  status: { connected: 'Connected', late: 'Late', silent: 'Silent' },
  detail: '{{name}}: {{status}}, last data {{last}}',
  never: 'no data yet',
  daysAgo: '{{n}} d ago',
  waiting: 'Waiting for the systems’ status…',
};
