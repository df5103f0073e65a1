import { langFromSearch, type Lang } from '../shared/i18n/i18n';

export interface AppConfig {
  token: string;
  lang: Lang;
  /** hub origin; the page's own when empty (npm start serves both) */
  hubUrl: string;
}

/**
 * Read once at start-up from the URL. The dev token is a default for the demo wall; a city deployment
 * passes its own `?token=`.
 */
export function readConfig(search: string): AppConfig {
  const q = new URLSearchParams(search);
  return {
    token: q.get('token') || 'dev-operator',
    lang: langFromSearch(search),
    hubUrl: q.get('hub') ?? '',
  };
}
