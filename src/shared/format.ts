import type { Lang } from './i18n/i18n';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export function formatNumber(n: number, lang: Lang, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxFractionDigits }).format(n);
}

/** Clock time in Huế (UTC+7), whatever the zone of the machine showing the wall. */
export function formatCityTime(epochMs: number, lang: Lang, withSeconds = false): string {
  return new Intl.DateTimeFormat(locale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hour12: false,
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(epochMs);
}

export function formatCityDate(epochMs: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(epochMs);
}
