import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ROLES = ['operator', 'leader', 'guest', 'producer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may open the stream; producers only push through /api/ingest. */
export const VIEWER_ROLES: ReadonlySet<Role> = new Set(['operator', 'leader', 'guest']);
/** The centre's staff: they may read what names people or shows how the centre runs (audit, metrics). */
export const STAFF_ROLES: ReadonlySet<Role> = new Set(['operator', 'leader']);

/** Who a token stands for: `name` is what `by` says when this person changes an incident. */
export interface Identity {
  role: Role;
  name: string;
}

/**
 * A token's entry: a bare role or a role with a display name. Without a name the hub makes one from
 * the role and a digest of the token (`operator-1a2b3c`): the token itself is a credential, and `by`
 * is broadcast to every screen, guests' included.
 */
export type TokenEntry = Role | { role: Role; name?: string };
export type TokenMap = Record<string, TokenEntry>;

/** Tokens longer than this are refused at once, unhashed; no configured token may be longer. */
const MAX_TOKEN_CHARS = 1024;

/** `by` in incident.updated holds at most this many characters. */
const MAX_NAME = 100;

const tokenEntrySchema = z.union([
  z.enum(ROLES),
  z.object({ role: z.enum(ROLES), name: z.string().trim().min(1).max(MAX_NAME).optional() }).strict(),
]);
const tokensSchema = z.record(z.string().min(1).max(200), tokenEntrySchema);

// Resolved from this file rather than the cwd, so the hub finds its tokens however it is launched.
export const DEFAULT_TOKENS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../config/tokens.json');

/** Parses `tok:role,tok:role` (the HUB_TOKENS form). Throws on an unknown role or an empty token. */
export function parseTokenList(list: string): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const [index, part] of list.split(',').entries()) {
    const item = part.trim();
    if (!item) continue;
    const at = item.lastIndexOf(':');
    const token = item.slice(0, Math.max(at, 0)).trim();
    const role = item.slice(at + 1).trim();
    if (at <= 0 || !token || token.length > MAX_TOKEN_CHARS || !(ROLES as readonly string[]).includes(role)) {
      // The entry holds a credential: the message names its place and its role, never the token.
      const shown = at < 0 ? 'no ":role"' : at === 0 || !token ? 'no token' : `role "${role.slice(0, 20)}"`;
      throw new Error(
        `HUB_TOKENS: entry ${index + 1} (${shown}) is not token:role with role one of ${ROLES.join(', ')}`,
      );
    }
    out[token] = role as Role;
  }
  return out;
}

/**
 * The token map with display names: HUB_TOKENS if set, else the JSON file named by HUB_TOKENS_FILE,
 * else config/tokens.json. A malformed source throws: a hub that silently lets nobody in is worse.
 */
export function loadTokenMap(env: NodeJS.ProcessEnv = process.env): TokenMap {
  if (env.HUB_TOKENS) return parseTokenList(env.HUB_TOKENS);
  const file = env.HUB_TOKENS_FILE ? resolve(env.HUB_TOKENS_FILE) : DEFAULT_TOKENS_FILE;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`tokens file ${file}: ${(err as Error).message}`);
  }
  const parsed = tokensSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `tokens file ${file}: expected { "token": "operator|leader|guest|producer" } or { "token": { "role", "name" } }`,
    );
  }
  return parsed.data;
}

/** The token → role map, for callers that need no names (the same sources as loadTokenMap). */
export function loadTokens(env: NodeJS.ProcessEnv = process.env): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const [token, entry] of Object.entries(loadTokenMap(env))) out[token] = roleOfEntry(entry);
  return out;
}

/** A token map prepared for lookups: each token's digest and the identity it stands for. */
interface TokenIndex {
  entries: { digest: Buffer; identity: Identity }[];
}

const indexes = new WeakMap<TokenMap, TokenIndex>();

function indexOf(tokens: TokenMap): TokenIndex {
  let index = indexes.get(tokens);
  if (!index) {
    index = {
      entries: Object.entries(tokens).map(([token, entry]) => {
        const role = roleOfEntry(entry);
        const name = typeof entry === 'string' ? undefined : entry.name;
        const identity = Object.freeze({ role, name: name ?? pseudonym(role, token) });
        return { digest: digestOf(token), identity };
      }),
    };
    indexes.set(tokens, index);
  }
  return index;
}

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The identity a token stands for. Compared in constant time: the presented token's digest against
 * every known token's digest with timingSafeEqual, without stopping at a match, so how long the
 * answer takes says nothing about how much of a token was right (a map lookup compares strings
 * byte by byte). The same identity object comes back for the same token: callers may key on it.
 */
export function identityOf(token: unknown, tokens: TokenMap): Identity | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) return undefined;
  const digest = digestOf(token);
  let found: Identity | undefined;
  for (const entry of indexOf(tokens).entries) {
    if (timingSafeEqual(digest, entry.digest) && found === undefined) found = entry.identity;
  }
  return found;
}

/** A stable stand-in name for a token without one; it does not reveal the token. */
export function pseudonym(role: Role, token: string): string {
  return `${role}-${createHash('sha256').update(token).digest('hex').slice(0, 6)}`;
}

/** The identity behind an `Authorization: Bearer TOKEN` header, or undefined. */
export function identityOfBearer(header: string | undefined, tokens: TokenMap): Identity | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] !== undefined ? identityOf(m[1], tokens) : undefined;
}

function roleOfEntry(entry: TokenEntry): Role {
  return typeof entry === 'string' ? entry : entry.role;
}

/** Viewer roles from the widest to the narrowest view of the city. */
const VIEW_RANK: Readonly<Record<string, number>> = { operator: 3, leader: 2, guest: 1 };

/**
 * The identity a viewer gets when its page asks for a narrower `audience` (a delegation's screen
 * opened with a staff token): the narrower role, and no name for a guest. A wider or unknown audience
 * changes nothing: a page can narrow what it is sent, never widen it.
 */
export function narrowed(identity: Identity, audience: unknown): Identity {
  if (audience !== 'guest' && audience !== 'leader') return identity;
  const have = VIEW_RANK[identity.role];
  if (have === undefined || VIEW_RANK[audience]! >= have) return identity;
  return { ...identity, role: audience, ...(audience === 'guest' ? { name: '' } : {}) };
}
