import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';

/** `?lang=en` switches the page to English; anything else keeps the Vietnamese default. */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

const options = (lang: Lang) => ({
  lng: lang,
  fallbackLng: 'vi',
  resources: { vi: { translation: vi }, en: { translation: en } },
  // React escapes what it renders; producers' text never goes through innerHTML.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export function initI18n(lang: Lang) {
  void i18next.use(initReactI18next).init(options(lang));
  document.documentElement.lang = lang;
  return i18next;
}

/** A translator of its own, with the page's texts and settings, outside React (tests, tools). */
export function createTranslator(lang: Lang) {
  const inst = i18next.createInstance();
  void inst.init(options(lang));
  return inst.t;
}
