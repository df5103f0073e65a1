import type { Lang } from './i18n/i18n';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const CITY_ZONE = 'Asia/Ho_Chi_Minh';

// Building an Intl formatter costs far more than using one, and the wall formats on every frame.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, lang: Lang, maxFractionDigits = 0): string {
  return cached(
    `n|${lang}|${maxFractionDigits}`,
    () => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxFractionDigits }),
  ).format(n);
}

/**
 * Energy as a panel's figure: kWh below 10 MWh, MWh with one decimal above, so that a city's day of
 * lighting ("44,3 MWh") fits where "44.304 kWh" was cut off.
 */
export function formatEnergy(wh: number, lang: Lang): string {
  return wh < 10_000_000
    ? `${formatNumber(Math.round(wh / 1000), lang)} kWh`
    : `${formatNumber(wh / 1_000_000, lang, 1)} MWh`;
}

/** Clock time in Huế (UTC+7), whatever the zone of the machine showing the wall. */
export function formatCityTime(epochMs: number, lang: Lang, withSeconds = false): string {
  return cached(
    `t|${lang}|${withSeconds}`,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        hour: '2-digit',
        minute: '2-digit',
        ...(withSeconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
        timeZone: CITY_ZONE,
      }),
  ).format(epochMs);
}

/**
 * A moment of the city's last day or so: its clock time, and "22/11 20:23" when it falls on another
 * city day than `ref` (a replay's range starts at the same clock time a day before it ends).
 */
export function formatCityMoment(epochMs: number, ref: number, lang: Lang): string {
  const time = formatCityTime(epochMs, lang);
  const day = formatCityDayMonth(epochMs);
  return day === formatCityDayMonth(ref) ? time : `${day} ${time}`;
}

/** A city day as "22/11" in both languages: Intl writes "22-11" in Vietnamese, unlike the wall's other dates. */
export function formatCityDayMonth(epochMs: number): string {
  return cached(
    'dm',
    () => new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', timeZone: CITY_ZONE }),
  ).format(epochMs);
}

export function formatCityDate(epochMs: number, lang: Lang): string {
  return cached(
    `d|${lang}`,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        weekday: 'long',
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        timeZone: CITY_ZONE,
      }),
  ).format(epochMs);
}

/** A city date in short: "04/12/2026" in both languages (the day first, as in Việt Nam and Britain). */
export function formatCityDay(epochMs: number, lang: Lang): string {
  return cached(
    `dd|${lang}`,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: CITY_ZONE,
      }),
  ).format(epochMs);
}
