// Citizen reports (phản ánh hiện trường) as Hue-S receives them: what, where, how bad, who reported
// it, and how the city will handle it. Rates and lifecycle timing live in city.ts; this is the content.
import type { IncidentCategory, IncidentSource, Severity } from '../../src/shared/protocol/codes';
import type { IncidentReported } from '../../src/shared/protocol/events';
import { fakeName, fakePhone } from './people';
import type { Rng } from './rng';
import { HOUR_MS, MINUTE_MS, localMsOfDay } from './sun';
import { HUE_WARDS, randomPointInWard, round6, wardAt, wardByCode, type HueWard } from './wards';

import type { Department } from '../../src/shared/city/profile';

interface CategoryProfile {
  weight: number;
  department: Department;
  /** low, medium, high, critical */
  severity: [number, number, number, number];
  /** `{at}` is a place phrase: "trên đường Lê Lợi", "tại kiệt 12 Nguyễn Trãi" */
  titles: string[];
  details: string[];
  /** may the report come from a camera's video analytics? */
  seenByCamera: boolean;
  /** hours of work once started, for a case that goes to plan */
  workHours: [number, number];
}

const PROFILES: Record<IncidentCategory, CategoryProfile> = {
  waste: {
    weight: 18,
    department: 'environment',
    severity: [50, 35, 12, 3],
    titles: [
      'Rác thải tập kết sai nơi {at}',
      'Rác thải sinh hoạt tồn đọng nhiều ngày {at}',
      'Thùng rác công cộng đầy, tràn ra vỉa hè {at}',
      'Đổ trộm xà bần, phế thải xây dựng {at}',
    ],
    details: [
      'Rác thải bị đổ bừa bãi, bốc mùi hôi thối, ảnh hưởng mỹ quan đô thị và sinh hoạt của các hộ dân xung quanh.',
      'Rác chưa được thu gom từ nhiều ngày nay, chó mèo bới tung ra lòng đường.',
      'Có người đổ phế thải xây dựng vào ban đêm, chiếm một phần lòng đường.',
    ],
    seenByCamera: true,
    workHours: [2, 20],
  },
  'illegal-discharge': {
    weight: 5,
    department: 'environment',
    severity: [30, 40, 22, 8],
    titles: [
      'Xả nước thải chưa qua xử lý ra mương thoát nước {at}',
      'Cơ sở kinh doanh xả thải ra môi trường {at}',
      'Nước thải từ nhà hàng chảy tràn xuống lòng đường {at}',
    ],
    details: [
      'Nước thải có màu đen, bốc mùi nồng nặc, chảy thẳng ra hệ thống thoát nước chung.',
      'Việc xả thải diễn ra thường xuyên vào buổi tối, người dân đã nhắc nhở nhưng không chấm dứt.',
      'Nước thải chảy ra sông, nghi gây ô nhiễm nguồn nước.',
    ],
    seenByCamera: false,
    workHours: [6, 40],
  },
  'illegal-construction': {
    weight: 8,
    department: 'urban-order',
    severity: [35, 45, 17, 3],
    titles: [
      'Xây dựng trái phép {at}',
      'Công trình không phép lấn chiếm hành lang an toàn giao thông {at}',
      'Cơi nới nhà ở sai giấy phép xây dựng {at}',
    ],
    details: [
      'Công trình đang thi công nhưng không treo biển báo giấy phép xây dựng.',
      'Chủ nhà xây thêm tầng, lấn ra phần đất công, đề nghị kiểm tra và xử lý.',
      'Vật liệu xây dựng tập kết dưới lòng đường, gây cản trở giao thông.',
    ],
    seenByCamera: false,
    workHours: [8, 40],
  },
  'road-damage': {
    weight: 10,
    department: 'transport',
    severity: [35, 40, 20, 5],
    titles: [
      'Mặt đường hư hỏng, xuất hiện nhiều ổ gà {at}',
      'Mặt đường sụt lún sau mưa {at}',
      'Vỉa hè bong tróc, hư hỏng {at}',
    ],
    details: [
      'Ổ gà sâu khoảng 20 cm, nhiều người đi xe máy đã bị ngã, nhất là vào ban đêm.',
      'Đoạn đường sụt lún rộng, nước đọng lại khi trời mưa, rất nguy hiểm cho người đi đường.',
      'Gạch lát vỉa hè bị bong, trơn trượt, người đi bộ phải xuống lòng đường.',
    ],
    seenByCamera: false,
    workHours: [6, 36],
  },
  'sidewalk-encroachment': {
    weight: 12,
    department: 'urban-order',
    severity: [60, 30, 9, 1],
    titles: [
      'Buôn bán lấn chiếm vỉa hè {at}',
      'Quán ăn bày bàn ghế lấn chiếm lòng đường {at}',
      'Hàng rong họp chợ tự phát {at}',
    ],
    details: [
      'Các hộ kinh doanh bày hàng hóa kín vỉa hè, người đi bộ phải đi xuống lòng đường.',
      'Tình trạng lấn chiếm diễn ra hằng ngày vào giờ cao điểm, gây ùn tắc cục bộ.',
      'Chợ tự phát họp từ sáng sớm, để lại nhiều rác thải sau khi tan chợ.',
    ],
    seenByCamera: true,
    workHours: [1, 8],
  },
  manhole: {
    weight: 5,
    department: 'water',
    severity: [25, 40, 27, 8],
    titles: [
      'Nắp cống bị vỡ {at}',
      'Hố ga mất nắp, nguy hiểm cho người đi đường {at}',
      'Nắp hố ga bị kênh, gây tiếng ồn {at}',
    ],
    details: [
      'Nắp cống vỡ ngay giữa làn xe máy, người dân tạm cắm cành cây để cảnh báo.',
      'Hố ga không có nắp, trời tối rất khó nhìn thấy, có nguy cơ gây tai nạn.',
    ],
    seenByCamera: false,
    workHours: [2, 12],
  },
  'illegal-parking': {
    weight: 9,
    department: 'transport',
    severity: [55, 35, 9, 1],
    titles: [
      'Đậu xe không đúng nơi quy định {at}',
      'Ô tô đỗ dưới lòng đường gây ùn tắc {at}',
      'Xe tải đậu chiếm làn đường {at}',
    ],
    details: [
      'Nhiều ô tô đỗ hai bên đường suốt cả ngày, xe cứu thương khó đi qua.',
      'Xe đỗ chắn lối ra vào nhà dân và trước cổng trường học.',
    ],
    seenByCamera: true,
    workHours: [0.5, 4],
  },
  flooding: {
    weight: 6,
    department: 'water',
    severity: [20, 35, 30, 15],
    titles: [
      'Nước đọng, ngập úng sau mưa {at}',
      'Ngập sâu cục bộ, xe máy chết máy {at}',
      'Cống thoát nước bị tắc gây ngập {at}',
    ],
    details: [
      'Sau cơn mưa lớn, nước ngập sâu khoảng 30-40 cm, rút rất chậm.',
      'Cống thoát nước bị rác và bùn đất bít kín, nước tràn vào nhà dân.',
      'Nước đọng lâu ngày gây mùi hôi, phát sinh muỗi.',
    ],
    seenByCamera: true,
    workHours: [2, 24],
  },
  streetlight: {
    weight: 9,
    department: 'electricity',
    severity: [50, 35, 12, 3],
    titles: [
      'Đèn chiếu sáng công cộng không hoạt động {at}',
      'Cột đèn bị nghiêng, có nguy cơ đổ {at}',
      'Đèn đường sáng cả ban ngày {at}',
    ],
    details: [
      'Cả đoạn đường tối om vào ban đêm, tiềm ẩn nguy cơ mất an ninh trật tự.',
      'Cột đèn bị xe va quẹt, nghiêng hẳn ra phía lòng đường.',
      'Đèn bật sáng suốt ngày gây lãng phí điện.',
    ],
    seenByCamera: false,
    workHours: [2, 24],
  },
  telecom: {
    weight: 5,
    department: 'telecom',
    severity: [50, 35, 12, 3],
    titles: [
      'Dây cáp viễn thông buông võng thấp {at}',
      'Cáp viễn thông chằng chịt, mất mỹ quan {at}',
      'Tủ cáp viễn thông bị bung cửa {at}',
    ],
    details: [
      'Dây cáp võng thấp ngang đầu người, xe tải đi qua có thể kéo đứt.',
      'Cáp treo chằng chịt trên cột điện, nhiều sợi cáp không còn sử dụng.',
    ],
    seenByCamera: false,
    workHours: [3, 30],
  },
  trees: {
    weight: 6,
    department: 'environment',
    severity: [25, 35, 28, 12],
    titles: [
      'Cây xanh gãy đổ chắn ngang đường {at}',
      'Cành cây khô có nguy cơ gãy rơi {at}',
      'Cây xanh bị chặt hạ trái phép {at}',
    ],
    details: [
      'Cây đổ sau cơn giông, chắn một nửa lòng đường, đè lên dây điện.',
      'Nhiều cành khô lớn trên tán cây, mùa mưa bão có nguy cơ gãy rơi trúng người đi đường.',
    ],
    seenByCamera: false,
    workHours: [1, 16],
  },
  'urban-order': {
    weight: 7,
    department: 'ward-office',
    severity: [45, 40, 12, 3],
    titles: [
      'Tụ tập gây mất trật tự vào ban đêm {at}',
      'Karaoke gây ồn ào sau 22 giờ {at}',
      'Quảng cáo rao vặt dán trái phép {at}',
    ],
    details: [
      'Nhóm thanh niên tụ tập, nẹt pô, gây ồn ào đến khuya.',
      'Tiếng loa kéo công suất lớn kéo dài đến nửa đêm, ảnh hưởng người già và trẻ nhỏ.',
      'Tờ rơi quảng cáo dán kín cột điện và tường rào.',
    ],
    seenByCamera: true,
    workHours: [1, 12],
  },
};

const CATEGORIES = Object.keys(PROFILES) as IncidentCategory[];
const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];

// Streets people name in their reports, by ward; the rest of the city reports from national and
// provincial roads and hamlets.
const STREETS: Record<string, string[]> = {
  '19753': [
    'Đinh Tiên Hoàng',
    'Lê Duẩn',
    'Trần Hưng Đạo',
    'Mai Thúc Loan',
    'Đoàn Thị Điểm',
    'Thái Phiên',
    'Lê Thánh Tôn',
    'Nguyễn Trãi',
    'Tăng Bạt Hổ',
    'Chi Lăng',
    'Huỳnh Thúc Kháng',
    'Ông Ích Khiêm',
    'Nguyễn Chí Thanh',
    'Xuân 68',
    'Tô Hiến Thành',
  ],
  '19789': [
    'Lê Lợi',
    'Hùng Vương',
    'Hà Nội',
    'Nguyễn Huệ',
    'Bến Nghé',
    'Đội Cung',
    'Nguyễn Thái Học',
    'Chu Văn An',
    'Phạm Ngũ Lão',
    'Võ Thị Sáu',
    'Nguyễn Tri Phương',
    'Trần Quang Khải',
    'Điện Biên Phủ',
    'Lê Quý Đôn',
    'Đống Đa',
    'Ngô Quyền',
    'Lý Thường Kiệt',
    'Nguyễn Công Trứ',
  ],
  '19777': [
    'Nguyễn Sinh Cung',
    'Phạm Văn Đồng',
    'Bà Triệu',
    'Tố Hữu',
    'Nguyễn Lộ Trạch',
    'Dương Văn An',
    'Lê Quang Đạo',
  ],
  '19815': [
    'An Dương Vương',
    'Trường Chinh',
    'Hồ Đắc Di',
    'Phan Chu Trinh',
    'Võ Văn Kiệt',
    'Hoàng Quốc Việt',
    'Tôn Quang Phiệt',
  ],
  '19774': ['Kim Long', 'Nguyễn Phúc Nguyên', 'Nguyễn Hoàng', 'Văn Thánh', 'Lịch Đợi'],
  '19813': ['Minh Mạng', 'Lê Ngô Cát', 'Huyền Trân Công Chúa', 'Bùi Thị Xuân', 'Khải Định'],
  '19804': ['Lý Thái Tổ', 'Tản Đà', 'Cao Văn Khánh', 'Nguyễn Văn Linh'],
  '19909': ['Nguyễn Văn Linh', 'Phú Mỹ', 'Nguyễn Đức Tịnh'],
  '19930': ['Phạm Văn Đồng', 'Nguyễn Tất Thành', 'Tôn Thất Bách'],
};
const ROADS = [
  'Quốc lộ 1A',
  'Quốc lộ 49',
  'Quốc lộ 49B',
  'Tỉnh lộ 10A',
  'Tỉnh lộ 11A',
  'đường liên xã',
  'đường liên thôn',
];

/** "trên đường Lê Lợi", "tại kiệt 12 Nguyễn Trãi", "trên Quốc lộ 49", "tại thôn 3" */
function placePhrase(rng: Rng, ward: HueWard): string {
  const streets = STREETS[ward.code];
  if (streets) {
    const street = rng.pick(streets);
    const r = rng.next();
    // "kiệt" is Huế's word for an alley
    if (r < 0.2) return `tại kiệt ${rng.int(1, 180)} ${street}`;
    if (r < 0.35) return `trước số ${rng.int(1, 250)} ${street}`;
    return `trên đường ${street}`;
  }
  return rng.chance(0.5) ? `trên ${rng.pick(ROADS)}` : `tại thôn ${rng.int(1, 12)}`;
}

function wardLabel(ward: HueWard): string {
  return `${ward.type === 'Xã' ? 'xã' : 'phường'} ${ward.name}`;
}

const POPULATION_WEIGHTS = HUE_WARDS.map((w) => w.population);
const SOURCES: IncidentSource[] = ['hue-s', 'hotline', 'patrol', 'camera'];
const SOURCE_WEIGHTS = [72, 12, 9, 7];
const ASKS = [
  'Đề nghị cơ quan chức năng kiểm tra, xử lý.',
  'Kính đề nghị các đơn vị liên quan sớm khắc phục.',
  'Mong được xử lý sớm.',
  '',
];

/** The rainy season (September-December) brings floods and fallen trees. */
function categoryWeights(month: number): number[] {
  const rainy = month >= 8;
  return CATEGORIES.map((c) => PROFILES[c].weight * (rainy && (c === 'flooding' || c === 'trees') ? 2.5 : 1));
}

export interface IncidentContext {
  id: string;
  at: number;
  /** where camera analytics look: camera-sourced reports are placed near one */
  cameraSpots: readonly { lon: number; lat: number }[];
}

export function makeIncident(rng: Rng, ctx: IncidentContext): IncidentReported {
  const month = new Date(ctx.at + 7 * HOUR_MS).getUTCMonth();
  const category = CATEGORIES[rng.weighted(categoryWeights(month))] ?? 'waste';
  const profile = PROFILES[category];
  let source = SOURCES[rng.weighted(SOURCE_WEIGHTS)] ?? 'hue-s';
  if (source === 'camera' && (!profile.seenByCamera || ctx.cameraSpots.length === 0)) source = 'hue-s';

  let lon: number;
  let lat: number;
  let ward: HueWard | undefined;
  if (source === 'camera') {
    const spot = rng.pick(ctx.cameraSpots);
    lon = round6(spot.lon + rng.range(-0.0008, 0.0008));
    lat = round6(spot.lat + rng.range(-0.0008, 0.0008));
    ward = wardAt(lon, lat);
  } else {
    ward = HUE_WARDS[rng.weighted(POPULATION_WEIGHTS)];
    [lon, lat] = randomPointInWard(rng, ward?.code ?? '19753');
  }
  ward ??= wardByCode('19753')!;

  const severity = SEVERITIES[rng.weighted(profile.severity)] ?? 'low';
  const at = placePhrase(rng, ward);
  const title = rng.pick(profile.titles).replace('{at}', at);
  const description = [
    `${rng.pick(profile.details)}`,
    `Địa điểm: ${at.replace(/^(trên|tại) /, '')}, ${wardLabel(ward)}.`,
    rng.pick(ASKS),
  ]
    .filter(Boolean)
    .join(' ');

  const report: IncidentReported = {
    id: ctx.id,
    category,
    title,
    description,
    location: { lon, lat },
    ward: ward.code,
    severity,
    source,
    reportedAt: new Date(ctx.at).toISOString(),
  };
  if ((source === 'hue-s' || source === 'hotline') && rng.chance(0.85)) {
    report.reporter = { name: fakeName(rng), phone: fakePhone(rng) };
  }
  return report;
}

/** One future status change of an incident. */
export interface LifecycleStep {
  at: number;
  status: 'assigned' | 'in_progress' | 'resolved' | 'rejected';
  by: string;
  department?: string;
  note?: string;
}

export const OPERATOR = 'ioc-operator';

const NIGHT_START_MS = 21 * HOUR_MS;
const DAY_START_MS = 6.5 * HOUR_MS;

/** Routine work waits for the morning shift; urgent work does not. */
function inWorkingHours(rng: Rng, t: number, urgent: boolean): number {
  if (urgent) return t;
  const ms = localMsOfDay(t);
  if (ms >= DAY_START_MS && ms < NIGHT_START_MS) return t;
  const wait = ms >= NIGHT_START_MS ? 24 * HOUR_MS - ms + DAY_START_MS : DAY_START_MS - ms;
  return t + wait + Math.round(rng.range(0, 90) * MINUTE_MS);
}

const RESOLVED_NOTES = [
  'Đã xử lý xong, hiện trường đã được khắc phục.',
  'Đơn vị đã kiểm tra và xử lý theo quy định.',
  'Đã khắc phục, đề nghị người dân tiếp tục phản ánh nếu tái diễn.',
];

/**
 * The whole future of a new report, drawn at once: most are handled within the 48-hour target,
 * about one in five overruns it, by up to four weeks, a few are rejected as duplicates.
 */
export function planLifecycle(
  rng: Rng,
  report: IncidentReported,
  reportedAt: number,
  lastId?: string,
): LifecycleStep[] {
  const sev = report.severity;
  const urgent = sev === 'high' || sev === 'critical';
  const minutes = (lo: number, hi: number) => Math.round(rng.range(lo, hi) * MINUTE_MS);

  if (rng.chance(0.04)) {
    const at = inWorkingHours(rng, reportedAt + minutes(15, 90), urgent);
    const note = lastId ? `Trùng với phản ánh ${lastId}.` : 'Phản ánh không đủ thông tin để xử lý.';
    return [{ at, status: 'rejected', by: OPERATOR, note }];
  }

  const profile = PROFILES[report.category as IncidentCategory] ?? PROFILES.waste;
  const wardOffice = profile.department !== 'ward-office' && rng.chance(0.2) && report.source !== 'camera';
  const department: Department = wardOffice ? 'ward-office' : profile.department;

  const assignDelay =
    sev === 'critical'
      ? minutes(5, 20)
      : sev === 'high'
        ? minutes(10, 40)
        : Math.round((10 + rng.exp(50)) * MINUTE_MS);
  const assigned = inWorkingHours(rng, reportedAt + assignDelay, urgent);
  const startDelay =
    sev === 'critical' ? minutes(10, 40) : sev === 'high' ? minutes(30, 180) : minutes(60, 600);
  const started = inWorkingHours(rng, assigned + startDelay, urgent);
  const [lo, hi] = profile.workHours;
  let work = rng.range(lo, hi) * HOUR_MS * (sev === 'critical' ? 0.4 : 1);
  // Overruns: a contractor to book, an owner to summon, parts to order.
  if (rng.chance(0.2)) work += rng.range(36, 28 * 24) * HOUR_MS;
  const resolved = inWorkingHours(rng, started + Math.round(work), urgent);

  return [
    { at: assigned, status: 'assigned', by: OPERATOR, department },
    { at: started, status: 'in_progress', by: department, department },
    { at: resolved, status: 'resolved', by: department, department, note: rng.pick(RESOLVED_NOTES) },
  ];
}
