import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';

/** `?lang=en` switches the page to English; anything else keeps the Vietnamese default. */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

/** The page's i18next settings for `lang`: its texts, the Vietnamese fallback, no HTML escaping by i18next. */
export const i18nOptions = (lang: Lang) => ({
  lng: lang,
  fallbackLng: 'vi',
  resources: { vi: { translation: vi }, en: { translation: en } },
  // React escapes what it renders; producers' text never goes through innerHTML.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export function initI18n(lang: Lang) {
  void i18next.use(initReactI18next).init(i18nOptions(lang));
  document.documentElement.lang = lang;
  return i18next;
}
