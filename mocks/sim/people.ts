// Made-up personal data: Vietnamese names, mobile numbers and Huế licence plates. None belongs to
// anyone; the hub still redacts them for guests, as it would real data.
import type { Rng } from './rng';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Tôn Nữ',
  'Tôn Thất',
  'Nguyễn Phúc',
];
const FAMILY_WEIGHTS = [30, 12, 10, 7, 6, 4, 5, 5, 3, 3, 3, 3, 2, 2, 1, 1, 1];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Công', 'Ngọc'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh', 'Kim', 'Phương'];
const GIVEN_MALE = [
  'An',
  'Bình',
  'Dũng',
  'Hải',
  'Hiếu',
  'Huy',
  'Khánh',
  'Long',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Tuấn',
  'Vinh',
  'Bảo',
  'Đạt',
];
const GIVEN_FEMALE = [
  'Châu',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nhung',
  'Phương',
  'Thảo',
  'Trang',
  'Vy',
  'Yến',
  'Ngân',
  'Thủy',
];

export function fakeName(rng: Rng): string {
  let family = FAMILY[rng.weighted(FAMILY_WEIGHTS)] ?? 'Nguyễn';
  const female = rng.chance(0.5);
  // Tôn Nữ is a women's name of the royal clan; men of it are Tôn Thất.
  if (family === 'Tôn Nữ' && !female) family = 'Tôn Thất';
  const middle = female ? rng.pick(MIDDLE_FEMALE) : rng.pick(MIDDLE_MALE);
  const given = female ? rng.pick(GIVEN_FEMALE) : rng.pick(GIVEN_MALE);
  return family === 'Tôn Nữ' ? `${family} ${given}` : `${family} ${middle} ${given}`;
}

export function fakePhone(rng: Rng): string {
  let digits = '09';
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return digits;
}

// 75 is Huế's plate code; neighbours (Quảng Trị 74, Đà Nẵng 43, Quảng Nam 92) drive through too.
const PROVINCES = ['75', '74', '43', '92', '29', '51'];
const PROVINCE_WEIGHTS = [70, 8, 10, 5, 4, 3];
const SERIES = ['A', 'B', 'C', 'D', 'E', 'F', 'H', 'LD'];

export function fakePlate(rng: Rng): string {
  const province = PROVINCES[rng.weighted(PROVINCE_WEIGHTS)] ?? '75';
  const n = rng.int(0, 99_999);
  const body = String(n).padStart(5, '0');
  return `${province}${rng.pick(SERIES)}-${body.slice(0, 3)}.${body.slice(3)}`;
}
