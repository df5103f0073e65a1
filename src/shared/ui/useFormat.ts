import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { Lang } from '../i18n/i18n';

/** The translation, the page's language, and whole numbers written the way that language writes them. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return { t, lang, fmt: (n: number) => formatNumber(n, lang) };
}
