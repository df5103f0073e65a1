/**
 * A wall runs for days, and the hub under it is upgraded: the page reloads itself when the hub serves
 * another build than the one it runs (GET /api/version, docs/protocol.md). It asks every few minutes
 * and each time its socket (re)connects, as a hub restarted for an upgrade makes it do.
 */

/** How often the page asks (real ms): an upgrade reaches every wall within it. */
export const BUILD_CHECK_MS = 5 * 60_000;
/** A page reloads for one build at most once in this long, so a stale cache cannot make it loop. */
export const RELOAD_GUARD_MS = 10 * 60_000;
const GUARD_KEY = 'ioc.reloadedFor';

/**
 * Whether a page of build `page` should reload for the hub's build `hub`. A hub that names no build
 * (no dist/version.json, `npm run dev`) and a development page ('dev') never cause one; nor does a
 * build this page already reloaded for in the last RELOAD_GUARD_MS (the reload brought the old build
 * back: a cache or a proxy in the way), which would otherwise reload it for ever.
 */
export function shouldReload(
  page: string,
  hub: string | null,
  lastReload: { build: string; at: number } | null,
  now: number,
): boolean {
  if (!hub || page === 'dev' || hub === page) return false;
  return !(lastReload && lastReload.build === hub && now - lastReload.at < RELOAD_GUARD_MS);
}

export interface BuildCheckDeps {
  /** this page's build (__BUILD_ID__) */
  page: string;
  /** the hub's build, null when it names none; rejects when the hub does not answer */
  fetchBuild: () => Promise<string | null>;
  reload: () => void;
  /** where the last reload is remembered across it (sessionStorage) */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** calls back each time the socket (re)connects; returns its unsubscribe */
  onConnected: (listener: () => void) => () => void;
  now?: () => number;
  everyMs?: number;
}

/** Starts checking; returns a stop function. A hub that does not answer is asked again next time. */
export function startBuildCheck(deps: BuildCheckDeps): () => void {
  const now = deps.now ?? Date.now;
  let stopped = false;
  const check = async () => {
    let hub: string | null;
    try {
      hub = await deps.fetchBuild();
    } catch {
      return;
    }
    if (stopped || !shouldReload(deps.page, hub, readGuard(deps.storage), now())) return;
    deps.storage.setItem(GUARD_KEY, JSON.stringify({ build: hub, at: now() }));
    deps.reload();
  };
  const timer = setInterval(() => void check(), deps.everyMs ?? BUILD_CHECK_MS);
  const unsubscribe = deps.onConnected(() => void check());
  return () => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
  };
}

function readGuard(storage: Pick<Storage, 'getItem'>): { build: string; at: number } | null {
  try {
    const v = JSON.parse(storage.getItem(GUARD_KEY) ?? 'null') as { build?: unknown; at?: unknown } | null;
    return v && typeof v.build === 'string' && typeof v.at === 'number' ? { build: v.build, at: v.at } : null;
  } catch {
    return null;
  }
}

/** GET /api/version of the hub at `baseUrl` ('' for the page's own origin). */
export async function fetchHubBuild(baseUrl: string): Promise<string | null> {
  const res = await fetch(`${baseUrl}/api/version`, {
    cache: 'no-store',
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`version: HTTP ${res.status}`);
  const build = ((await res.json()) as { build?: unknown }).build;
  return typeof build === 'string' ? build : null;
}
