import type { StyleSpecification } from 'maplibre-gl';
import { Protocol } from 'pmtiles';

/**
 * The basemap: which MapLibre style the wall draws under its live layers, where it comes from and
 * how it is made loadable. A city plugs in its own style without a rebuild: the hub's
 * BASEMAP_STYLE (GET /api/config) or `?basemap=` in the page URL. See docs/basemap.md.
 */

export const DEFAULT_BASEMAP = '/styles/hue-dark.json';

/** Longer than any sane style path; a link carrying more is not a style URL. */
const MAX_URL_LENGTH = 2048;

/**
 * Whether `url` may be used as a style URL: a same-origin path from the root (`/styles/x.json`) or an
 * absolute http(s) URL. The style decides what the wall fetches and draws, and the value can arrive
 * from a shared link, so other schemes are refused: `javascript:`/`data:`/`blob:` would let a link
 * bring its own content instead of pointing at a server, and `file:` cannot be fetched from a page.
 * `//host` and backslashes are refused too: browsers read `/\host` as `//host`, another origin
 * hidden behind what looks like a path. Paths without a leading slash are refused because they
 * would resolve against the current route (/wall/...), never what the person meant.
 */
export function isAcceptableStyleUrl(url: string): boolean {
  if (url.length === 0 || url.length > MAX_URL_LENGTH || /[\\\s]/.test(url)) return false;
  if (url.startsWith('/')) return !url.startsWith('//');
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host !== '';
  } catch {
    return false;
  }
}

/**
 * The style to load: `?basemap=<url>` first (to try a style without restarting anything), then the
 * one configured on the hub, then the default. A value that is not acceptable is skipped.
 */
export function basemapUrl(search: string, configured?: string): string {
  const asked = new URLSearchParams(search).get('basemap')?.trim();
  for (const candidate of [asked, configured?.trim()]) {
    if (candidate && isAcceptableStyleUrl(candidate)) return candidate;
  }
  return DEFAULT_BASEMAP;
}

const SCHEME = /^[a-z][a-z\d+.-]*:/i;
const PMTILES = 'pmtiles://';

/**
 * Resolves one URL of a style against the style's own URL, as a browser resolves links in a page.
 * Tile and glyph templates keep their `{z}`, `{fontstack}`... placeholders, which URL parsing
 * would otherwise percent-encode out of MapLibre's reach. `pmtiles://` keeps its scheme and has the
 * archive's location resolved behind it (`pmtiles:///tiles/x.pmtiles` → `pmtiles://http://host/tiles/x.pmtiles`).
 */
export function resolveUrl(url: string, baseUrl: string): string {
  if (url.startsWith(PMTILES)) return PMTILES + resolveUrl(url.slice(PMTILES.length), baseUrl);
  if (SCHEME.test(url)) return url;
  return new URL(url, baseUrl).href.replace(/%7B([\w-]+)%7D/g, '{$1}');
}

/** A copy of `style` whose source, glyph and sprite URLs are absolute (MapLibre needs them so). */
export function resolveStyleUrls(style: StyleSpecification, baseUrl: string): StyleSpecification {
  const at = (url: string) => resolveUrl(url, baseUrl);
  const sources: StyleSpecification['sources'] = {};
  for (const [id, source] of Object.entries(style.sources)) {
    const copy: Record<string, unknown> = { ...source };
    // `data` may also be inline GeoJSON: only strings are URLs.
    if (typeof copy.data === 'string') copy.data = at(copy.data);
    if (typeof copy.url === 'string') copy.url = at(copy.url);
    if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((t) => (typeof t === 'string' ? at(t) : t));
    if (Array.isArray(copy.urls)) copy.urls = copy.urls.map((u) => (typeof u === 'string' ? at(u) : u));
    sources[id] = copy as unknown as StyleSpecification['sources'][string];
  }
  const resolved: StyleSpecification = { ...style, sources };
  if (typeof style.glyphs === 'string') resolved.glyphs = at(style.glyphs);
  if (typeof style.sprite === 'string') resolved.sprite = at(style.sprite);
  else if (Array.isArray(style.sprite)) resolved.sprite = style.sprite.map((s) => ({ ...s, url: at(s.url) }));
  return resolved;
}

/**
 * Checks the shape MapLibre cannot do without and says what is wrong; MapLibre's own errors for a
 * bad style come later, asynchronously, and name no file.
 */
export function assertStyle(value: unknown, url: string): asserts value is StyleSpecification {
  const fail = (why: string): never => {
    throw new Error(`basemap style ${url}: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not a JSON object');
  const style = value as Record<string, unknown>;
  if (style.version !== 8)
    fail(`expected a MapLibre style with "version": 8, got ${JSON.stringify(style.version)}`);
  const sources = style.sources;
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources))
    fail('"sources" must be an object');
  if (!Array.isArray(style.layers)) fail('"layers" must be an array');
}

/** Fetches a style, checks it and makes its URLs absolute. Throws an Error that names the URL. */
export async function loadBasemapStyle(
  url: string,
  base = window.location.href,
): Promise<StyleSpecification> {
  const styleUrl = new URL(url, base).href;
  let res: Response;
  try {
    res = await fetch(styleUrl, { headers: { accept: 'application/json' } });
  } catch (err) {
    throw new Error(`basemap style ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new Error(`basemap style ${url}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error(`basemap style ${url}: not valid JSON`);
  }
  assertStyle(json, url);
  try {
    return resolveStyleUrls(json, styleUrl);
  } catch (err) {
    throw new Error(`basemap style ${url}: ${(err as Error).message}`);
  }
}

export interface Basemap {
  url: string;
  style: StyleSpecification;
  /** set when the chosen style failed and the default was loaded instead */
  failed?: { url: string; error: string };
}

/**
 * The style the wall starts with: the chosen one, or the default when the chosen one cannot be
 * loaded, so that a typo in a city's setting costs its basemap, never the whole wall. Throws only
 * when the default itself fails.
 */
export async function chooseBasemap(
  search: string,
  configured?: string,
  base = window.location.href,
): Promise<Basemap> {
  const url = basemapUrl(search, configured);
  try {
    return { url, style: await loadBasemapStyle(url, base) };
  } catch (err) {
    if (url === DEFAULT_BASEMAP) throw err;
    const error = (err as Error).message;
    console.warn(`[basemap] ${error}; using ${DEFAULT_BASEMAP}`);
    return {
      url: DEFAULT_BASEMAP,
      style: await loadBasemapStyle(DEFAULT_BASEMAP, base),
      failed: { url, error },
    };
  }
}

/** 'light' for styles that say so in their metadata (`"ioc:theme": "light"`), else 'dark'. */
export function basemapTheme(style: StyleSpecification): 'dark' | 'light' {
  const meta = style.metadata;
  const theme =
    typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['ioc:theme'] : undefined;
  return theme === 'light' ? 'light' : 'dark';
}

type ProtocolHost = Pick<typeof import('maplibre-gl'), 'addProtocol'>;
const registered = new WeakSet<object>();

/**
 * Lets styles use `pmtiles://` sources (a city's own tiles in one static file). MapLibre keeps
 * protocols in a global table, and one Protocol instance keeps the open archives' directories
 * cached, so it is registered once however many maps are made.
 */
export function registerMapProtocols(maplibre: ProtocolHost): void {
  if (registered.has(maplibre)) return;
  const protocol = new Protocol();
  maplibre.addProtocol('pmtiles', protocol.tile);
  registered.add(maplibre);
}

/**
 * The basemap configured on the hub (env BASEMAP_STYLE), or undefined when the hub has none or
 * cannot say: the wall must start on its default style rather than wait on, or fail with, the hub.
 */
export async function fetchBasemapConfig(url = '/api/config', timeoutMs = 3000): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    if (typeof body !== 'object' || body === null) return undefined;
    const style = (body as Record<string, unknown>).basemapStyle;
    return typeof style === 'string' && style.trim() !== '' ? style : undefined;
  } catch {
    return undefined;
  }
}
