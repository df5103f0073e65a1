import { langFromSearch, type Lang } from '../shared/i18n/i18n';
import { parseHubList, type ConfigProblem } from './hubList';

export interface AppConfig {
  token: string;
  lang: Lang;
  /**
   * Hub origins, tried in turn: the page moves to the next when its hub is unreachable (see
   * src/realtime/failover.ts). Empty: the page's own origin (npm start serves both).
   */
  hubUrls: string[];
  /** what in the URL was not usable and was left out; the header shows it */
  problems: ConfigProblem[];
}

/** Where a token given in the URL is kept for the tab's reloads (sessionStorage: this tab only). */
export const TOKEN_STORAGE_KEY = 'ioc-wall.token';

/**
 * Read once at start-up from the URL, else the token this tab was opened with. The dev token is a
 * default for the demo wall; a city deployment passes its own `?token=`. `?hub=URL1,URL2` (or
 * `?hub=URL1&hub=URL2`) lists the hubs.
 */
export function readConfig(search: string, stored: string | null = null): AppConfig {
  const q = new URLSearchParams(search);
  const hubs = parseHubList(q.getAll('hub').join(','));
  return {
    token: q.get('token') || stored || 'dev-operator',
    lang: langFromSearch(search),
    hubUrls: hubs.urls,
    problems: hubs.problems,
  };
}

/** The URL without its `token` parameter (the others kept, in order), or null when it has none. */
export function withoutToken(href: string): string | null {
  const url = new URL(href);
  if (!url.searchParams.has('token')) return null;
  url.searchParams.delete('token');
  return url.href;
}

/** What start-up needs of the window: its address, its history and the tab's storage. */
export interface ConfigWindow {
  location: { href: string; search: string };
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Reads the config and takes a token out of the address bar once read: a URL is shown on the
 * screen, kept in the history, bookmarked and shared, and a token is a credential. The tab keeps it
 * in sessionStorage, so a reload is still the same person.
 */
export function takeConfig(win: ConfigWindow): AppConfig {
  const storage = safely(() => win.sessionStorage ?? null, null);
  const config = readConfig(
    win.location.search,
    safely(() => storage?.getItem(TOKEN_STORAGE_KEY) ?? null, null),
  );
  const cleaned = withoutToken(win.location.href);
  if (cleaned !== null) {
    // Storage may be disabled (a privacy mode, a sandbox): the page then works without it.
    safely(() => storage?.setItem(TOKEN_STORAGE_KEY, config.token), undefined);
    win.history.replaceState(win.history.state, '', cleaned);
  }
  return config;
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
