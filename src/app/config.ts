import { isLayoutId, LAYOUT_IDS, type LayoutId } from '../features/wall/layouts';
import { parseScreen, type ScreenTile } from '../features/wall/tiling';
import { langFromSearch, type Lang } from '../shared/i18n/i18n';
import { MAX_PROBLEMS, parseHubList, shorten, type HubProblem } from './hubList';

/** A kiosk parameter whose value was not one the page knows: left out, and said in the header. */
export interface KioskProblem {
  param: 'layout' | 'screen' | 'cursor' | 'interactive';
  value: string;
  /** what the parameter takes */
  expected: string;
}
export type ConfigProblem = HubProblem | KioskProblem;

/** What a kiosk's URL sets up: the wall's layout and screen, and how much a person may do on it. */
export interface KioskConfig {
  /** a layout forced by `?layout=`; null: the one the screen's shape gets */
  layout: LayoutId | null;
  /** this window's screen of a tiled wall (`?screen=`); null: the window is the whole wall */
  screen: ScreenTile | null;
  /** `?cursor=hide`: no pointer drawn over the wall */
  hideCursor: boolean;
  /** `?interactive=0`: show only, no pointer or key does anything, no command is offered */
  interactive: boolean;
}

export interface AppConfig {
  token: string;
  lang: Lang;
  /**
   * Hub origins, tried in turn: the page moves to the next when its hub is unreachable (see
   * src/realtime/failover.ts). Empty: the page's own origin (npm start serves both).
   */
  hubUrls: string[];
  kiosk: KioskConfig;
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
  const kiosk = readKiosk(q);
  return {
    token: q.get('token') || stored || 'dev-operator',
    lang: langFromSearch(search),
    hubUrls: hubs.urls,
    kiosk: kiosk.config,
    problems: [...hubs.problems, ...kiosk.problems].slice(0, MAX_PROBLEMS),
  };
}

/**
 * The kiosk's parameters. A value the page does not know is left out (the default stands) and listed,
 * so that a typo on a wall nobody touches shows on it instead of passing unseen. An empty parameter
 * counts as absent.
 */
export function readKiosk(q: URLSearchParams): { config: KioskConfig; problems: KioskProblem[] } {
  const problems: KioskProblem[] = [];
  function pick<T>(param: KioskProblem['param'], expected: string, read: (v: string) => T | null): T | null {
    const raw = q.get(param)?.trim();
    if (!raw) return null;
    const value = read(raw);
    if (value === null) problems.push({ param, value: shorten(raw), expected });
    return value;
  }
  const oneOf =
    <T extends string>(values: readonly T[]) =>
    (v: string) =>
      (values as readonly string[]).includes(v.toLowerCase()) ? (v.toLowerCase() as T) : null;
  const layout = pick('layout', LAYOUT_IDS.join(' | '), (v) => (isLayoutId(v) ? v : null));
  const screen = pick('screen', 'NofM | R,CofRxC', parseScreen);
  const cursor = pick('cursor', 'hide | show', oneOf(['hide', 'show'] as const));
  const interactive = pick('interactive', '0 | 1', oneOf(['0', '1'] as const));
  return {
    config: { layout, screen, hideCursor: cursor === 'hide', interactive: interactive !== '0' },
    problems,
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
