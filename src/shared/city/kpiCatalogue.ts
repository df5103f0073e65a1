/**
 * The city's indicators (chỉ tiêu): what each measures, in which unit, against which target, over
 * which period, and which upstream system reports it. Part of the city profile: another city brings
 * its own list. Huế's targets are plausible figures for a briefing, not official ones.
 */

export const KPI_DOMAINS = [
  'administration',
  'digital-society',
  'citizen-reports',
  'tourism',
  'mobility',
  'safety',
  'health-education',
  'cyber',
  'economy',
  'lighting',
] as const;
export type KpiDomain = (typeof KPI_DOMAINS)[number];

/** Units a value may have; each bounds what a value may be (see kpiValueProblem). */
export const KPI_UNITS = ['percent', 'growth-percent', 'count', 'billion-vnd', 'mwh'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

/** The span a value is for: a day's count, a month's rate, a year's revenue. */
export const KPI_PERIODS = ['day', 'month', 'quarter', 'year'] as const;
export type KpiPeriodKind = (typeof KPI_PERIODS)[number];

/** The upstream systems behind the wall, each reporting some indicators (and events). */
export const KPI_SYSTEMS = [
  'hue-s',
  'public-services',
  'one-stop',
  'e-office',
  'e-id',
  'payments',
  'digital-teams',
  'tourism',
  'museum',
  'bike-sharing',
  'cameras',
  'fire-safety',
  'health',
  'education',
  'cyber-soc',
  'statistics',
  'lighting',
] as const;
export type KpiSystem = (typeof KPI_SYSTEMS)[number];

export interface KpiDefinition {
  id: string;
  domain: KpiDomain;
  name: { vi: string; en: string };
  unit: KpiUnit;
  /** false for what the city wants less of: violations, alarms, incidents */
  higherIsBetter: boolean;
  /** the target for one period (a rate, or a count per period) */
  target: number;
  period: KpiPeriodKind;
  source: KpiSystem;
  /** values come per ward as well as for the city */
  perWard?: boolean;
  /**
   * A level counted at a moment (users, teams), not a flow over the period: its figure over several
   * periods is the latest one, never their sum, and its target is a level too.
   */
  stock?: boolean;
}

const kpi = (d: KpiDefinition) => d;

export const HUE_KPIS: readonly KpiDefinition[] = [
  // public administration
  kpi({
    id: 'online-services-rate',
    domain: 'administration',
    name: { vi: 'Dịch vụ công trực tuyến mức độ 3, 4', en: 'Online public services (levels 3-4)' },
    unit: 'percent',
    higherIsBetter: true,
    target: 95,
    period: 'month',
    source: 'public-services',
  }),
  kpi({
    id: 'on-time-dossier-rate',
    domain: 'administration',
    name: { vi: 'Hồ sơ giải quyết đúng hạn', en: 'Dossiers handled on time' },
    unit: 'percent',
    higherIsBetter: true,
    target: 98,
    period: 'month',
    source: 'one-stop',
    perWard: true,
  }),
  kpi({
    id: 'online-dossier-share',
    domain: 'administration',
    name: { vi: 'Hồ sơ nộp trực tuyến (so với giấy)', en: 'Dossiers received online (against paper)' },
    unit: 'percent',
    higherIsBetter: true,
    target: 80,
    period: 'month',
    source: 'public-services',
  }),
  kpi({
    id: 'one-stop-dossiers',
    domain: 'administration',
    name: { vi: 'Hồ sơ một cửa tiếp nhận', en: 'One-stop-shop dossiers received' },
    unit: 'count',
    higherIsBetter: true,
    target: 9000,
    period: 'month',
    source: 'one-stop',
    perWard: true,
  }),
  kpi({
    id: 'digital-signature-rate',
    domain: 'administration',
    name: { vi: 'Văn bản được ký số', en: 'Documents signed digitally' },
    unit: 'percent',
    higherIsBetter: true,
    target: 100,
    period: 'month',
    source: 'e-office',
  }),
  // digital society
  kpi({
    id: 'eid-enrolment',
    domain: 'digital-society',
    name: { vi: 'Định danh điện tử (VNeID)', en: 'e-ID enrolment (VNeID)' },
    unit: 'count',
    higherIsBetter: true,
    target: 19000,
    period: 'month',
    source: 'e-id',
    perWard: true,
  }),
  kpi({
    id: 'cashless-rate',
    domain: 'digital-society',
    name: { vi: 'Thanh toán không dùng tiền mặt', en: 'Cashless payments' },
    unit: 'percent',
    higherIsBetter: true,
    target: 70,
    period: 'month',
    source: 'payments',
  }),
  kpi({
    id: 'hue-s-wallets',
    domain: 'digital-society',
    name: { vi: 'Tài khoản ví điện tử Hue-S mới', en: 'New Hue-S e-wallet accounts' },
    unit: 'count',
    higherIsBetter: true,
    target: 4000,
    period: 'month',
    source: 'hue-s',
  }),
  // A total at the period's end, not a count within it: the wall has shown it since before the catalogue.
  kpi({
    id: 'hue-s-users',
    domain: 'digital-society',
    name: { vi: 'Người dùng Hue-S', en: 'Hue-S users' },
    unit: 'count',
    higherIsBetter: true,
    target: 1_200_000,
    period: 'month',
    source: 'hue-s',
    stock: true,
  }),
  kpi({
    id: 'digital-teams',
    domain: 'digital-society',
    name: { vi: 'Tổ công nghệ số cộng đồng', en: 'Community digital technology teams' },
    unit: 'count',
    higherIsBetter: true,
    target: 353,
    period: 'quarter',
    source: 'digital-teams',
    stock: true,
  }),
  kpi({
    id: 'digital-team-members',
    domain: 'digital-society',
    name: { vi: 'Thành viên tổ công nghệ số cộng đồng', en: 'Members of the community digital teams' },
    unit: 'count',
    higherIsBetter: true,
    target: 1544,
    period: 'quarter',
    source: 'digital-teams',
    stock: true,
  }),
  // citizen reports
  kpi({
    id: 'reports-received',
    domain: 'citizen-reports',
    name: { vi: 'Phản ánh hiện trường tiếp nhận', en: 'Citizen reports received' },
    unit: 'count',
    higherIsBetter: false,
    target: 340,
    period: 'month',
    source: 'hue-s',
    perWard: true,
  }),
  kpi({
    id: 'reports-handled',
    domain: 'citizen-reports',
    name: { vi: 'Phản ánh đã xử lý', en: 'Citizen reports handled' },
    unit: 'count',
    higherIsBetter: true,
    target: 330,
    period: 'month',
    source: 'hue-s',
    perWard: true,
  }),
  kpi({
    id: 'reports-answered-48h',
    domain: 'citizen-reports',
    name: { vi: 'Phản ánh trả lời trong 48 giờ', en: 'Reports answered within 48 hours' },
    unit: 'percent',
    higherIsBetter: true,
    target: 95,
    period: 'month',
    source: 'hue-s',
    perWard: true,
  }),
  kpi({
    id: 'citizen-satisfaction',
    domain: 'citizen-reports',
    name: { vi: 'Người dân hài lòng', en: 'Citizen satisfaction' },
    unit: 'percent',
    higherIsBetter: true,
    target: 90,
    period: 'month',
    source: 'hue-s',
  }),
  // tourism and culture
  kpi({
    id: 'tourist-arrivals',
    domain: 'tourism',
    name: { vi: 'Lượt khách du lịch', en: 'Tourist arrivals' },
    unit: 'count',
    higherIsBetter: true,
    target: 450_000,
    period: 'month',
    source: 'tourism',
  }),
  kpi({
    id: 'digital-museum-visits',
    domain: 'tourism',
    name: { vi: 'Lượt tham quan bảo tàng số', en: 'Digital museum visits' },
    unit: 'count',
    higherIsBetter: true,
    target: 60_000,
    period: 'month',
    source: 'museum',
  }),
  // mobility
  kpi({
    id: 'bike-trips',
    domain: 'mobility',
    name: { vi: 'Chuyến xe đạp công cộng', en: 'Public bike-sharing trips' },
    unit: 'count',
    higherIsBetter: true,
    target: 1200,
    period: 'day',
    source: 'bike-sharing',
  }),
  kpi({
    id: 'traffic-violations',
    domain: 'mobility',
    name: { vi: 'Vi phạm giao thông phát hiện', en: 'Traffic violations detected' },
    unit: 'count',
    higherIsBetter: false,
    target: 150,
    period: 'day',
    source: 'cameras',
    perWard: true,
  }),
  // safety
  kpi({
    id: 'fire-alarms',
    domain: 'safety',
    name: { vi: 'Báo cháy (PCCC)', en: 'Fire-safety (PCCC) alarms' },
    unit: 'count',
    higherIsBetter: false,
    target: 3,
    period: 'day',
    source: 'fire-safety',
    perWard: true,
  }),
  kpi({
    id: 'security-alerts',
    domain: 'safety',
    name: { vi: 'Cảnh báo an ninh', en: 'Security alerts' },
    unit: 'count',
    higherIsBetter: false,
    target: 20,
    period: 'day',
    source: 'cameras',
  }),
  // health and education
  kpi({
    id: 'e-health-records',
    domain: 'health-education',
    name: { vi: 'Người dân có hồ sơ sức khỏe điện tử', en: 'Residents with an e-health record' },
    unit: 'percent',
    higherIsBetter: true,
    target: 90,
    period: 'month',
    source: 'health',
  }),
  kpi({
    id: 'online-school-enrolment',
    domain: 'health-education',
    name: { vi: 'Tuyển sinh đầu cấp trực tuyến', en: 'Online school enrolment' },
    unit: 'percent',
    higherIsBetter: true,
    target: 95,
    period: 'year',
    source: 'education',
  }),
  // cyber-security
  kpi({
    id: 'cyber-incidents',
    domain: 'cyber',
    name: { vi: 'Sự cố an toàn thông tin phát hiện', en: 'Cyber-security incidents detected' },
    unit: 'count',
    higherIsBetter: false,
    target: 40,
    period: 'month',
    source: 'cyber-soc',
  }),
  kpi({
    id: 'cyber-blocked-rate',
    domain: 'cyber',
    name: { vi: 'Sự cố an toàn thông tin được ngăn chặn', en: 'Cyber-security incidents blocked' },
    unit: 'percent',
    higherIsBetter: true,
    target: 99,
    period: 'month',
    source: 'cyber-soc',
  }),
  // economy
  kpi({
    id: 'grdp-growth',
    domain: 'economy',
    name: { vi: 'Tăng trưởng GRDP', en: 'GRDP growth' },
    unit: 'growth-percent',
    higherIsBetter: true,
    target: 8,
    period: 'quarter',
    source: 'statistics',
  }),
  kpi({
    id: 'budget-revenue',
    domain: 'economy',
    name: { vi: 'Thu ngân sách', en: 'Budget revenue' },
    unit: 'billion-vnd',
    higherIsBetter: true,
    target: 1300,
    period: 'month',
    source: 'statistics',
  }),
  // lighting
  kpi({
    id: 'lighting-energy-saved',
    domain: 'lighting',
    name: { vi: 'Điện năng chiếu sáng tiết kiệm', en: 'Street-lighting energy saved' },
    unit: 'mwh',
    higherIsBetter: true,
    target: 120,
    period: 'month',
    source: 'lighting',
    perWard: true,
  }),
];

const byId = new Map(HUE_KPIS.map((k) => [k.id, k]));

/** The indicator with this id in the city's catalogue, if there is one. */
export function kpiDefinition(id: string): KpiDefinition | undefined {
  return byId.get(id);
}

/**
 * What is impossible about `value` for an indicator in `unit`, or null when it is possible: a share
 * above 100 % or below 0, a growth beyond ±100 %, a negative count, revenue or energy.
 */
export function kpiValueProblem(unit: KpiUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'not a finite number';
  switch (unit) {
    case 'percent':
      return value < 0 || value > 100 ? `a percentage must be within 0-100, got ${value}` : null;
    case 'growth-percent':
      return value < -100 || value > 100 ? `a growth must be within ±100 %, got ${value}` : null;
    default:
      return value < 0 ? `a ${unit} value cannot be negative, got ${value}` : null;
  }
}
