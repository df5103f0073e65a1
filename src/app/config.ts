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

/**
 * Read once at start-up from the URL. The dev token is a default for the demo wall; a city deployment
 * passes its own `?token=`. `?hub=URL1,URL2` (or `?hub=URL1&hub=URL2`) lists the hubs.
 */
export function readConfig(search: string): AppConfig {
  const q = new URLSearchParams(search);
  const hubs = parseHubList(q.getAll('hub').join(','));
  return {
    token: q.get('token') || 'dev-operator',
    lang: langFromSearch(search),
    hubUrls: hubs.urls,
    problems: hubs.problems,
  };
}
