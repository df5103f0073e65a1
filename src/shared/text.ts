/**
 * Text as operators search it: lower-case, without Vietnamese diacritics, đ as d. "phu hoi" finds
 * "Phú Hội", "duong" finds "đường".
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
