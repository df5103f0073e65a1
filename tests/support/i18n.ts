import i18next from 'i18next';
import { i18nOptions, type Lang } from '../../src/shared/i18n/i18n';

/** A translator of its own with the page's texts and settings, outside React: for tests of wording. */
export function createTranslator(lang: Lang) {
  const inst = i18next.createInstance();
  void inst.init(i18nOptions(lang));
  return inst.t;
}
