/** Why an entry of `?hub=` was dropped (the header says so, in the page's language). */
export type HubUrlProblem = 'not-a-url' | 'scheme' | 'credentials' | 'path' | 'too-many';

export interface HubProblem {
  param: 'hub';
  /** the entry as given, shortened, with any user name or password replaced by *** */
  value: string;
  reason: HubUrlProblem;
}

/** More hubs than a city runs; the list only rotates, so a longer one only slows a failover down. */
export const MAX_HUBS = 8;
/** The header shows so many problems at most (a pasted list of garbage must not fill the wall). */
export const MAX_PROBLEMS = 5;
const MAX_VALUE_CHARS = 80;

/**
 * `?hub=URL1,URL2` as the list of hub origins the page connects to, in turn. Each entry must be an
 * absolute http or https URL without a user name or password (a token goes in `?token=`, and a
 * password in the page URL would be shown on the wall), and without a path, query or fragment (the
 * socket.io client would take a path for a namespace). Entries are normalised to their origin
 * (`http://10.0.0.5:8080`); repeats are left out. A bad entry is dropped and reported, never thrown.
 */
export function parseHubList(raw: string | null | undefined): { urls: string[]; problems: HubProblem[] } {
  const urls: string[] = [];
  const problems: HubProblem[] = [];
  const problem = (value: string, reason: HubUrlProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ param: 'hub', value: shorten(value), reason });
  };
  for (const part of (raw ?? '').split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const url = parseAbsolute(entry);
    if (!url) {
      // `user:secret@host` without a scheme still carries a password: it is not shown either.
      problem(entry.replace(/^([^/@]*\/\/)?[^/@]*@/, '$1***@'), 'not-a-url');
      continue;
    }
    if (url.username !== '' || url.password !== '') {
      problem(`${url.protocol}//***@${url.host}`, 'credentials');
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problem(entry, 'scheme');
      continue;
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      problem(entry, 'path');
      continue;
    }
    if (urls.includes(url.origin)) continue;
    if (urls.length >= MAX_HUBS) {
      problem(entry, 'too-many');
      continue;
    }
    urls.push(url.origin);
  }
  return { urls, problems };
}

function parseAbsolute(entry: string): URL | null {
  // `localhost:8080` parses as a URL of scheme "localhost:"; an address without "//" is not one here.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return null;
  try {
    return new URL(entry);
  } catch {
    return null;
  }
}

export function shorten(value: string): string {
  return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS - 1)}…` : value;
}
