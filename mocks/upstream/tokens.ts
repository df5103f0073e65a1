import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ROLES = ['operator', 'leader', 'guest', 'producer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may open the stream; producers only push through /api/ingest. */
export const VIEWER_ROLES: ReadonlySet<Role> = new Set(['operator', 'leader', 'guest']);

const tokensSchema = z.record(z.string().min(1).max(200), z.enum(ROLES));

// Resolved from this file rather than the cwd, so the hub finds its tokens however it is launched.
export const DEFAULT_TOKENS_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../config/tokens.json',
);

/** Parses `tok:role,tok:role` (the HUB_TOKENS form). Throws on an unknown role or an empty token. */
export function parseTokenList(list: string): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const part of list.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const at = item.lastIndexOf(':');
    const token = item.slice(0, Math.max(at, 0)).trim();
    const role = item.slice(at + 1).trim();
    if (at <= 0 || !token || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`HUB_TOKENS: "${item}" is not token:role with role one of ${ROLES.join(', ')}`);
    }
    out[token] = role as Role;
  }
  return out;
}

/**
 * The token → role map: HUB_TOKENS if set, else the JSON file named by HUB_TOKENS_FILE, else
 * config/tokens.json. A malformed source throws: a hub that silently lets nobody in is worse.
 */
export function loadTokens(env: NodeJS.ProcessEnv = process.env): Record<string, Role> {
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
    throw new Error(`tokens file ${file}: expected { "token": "operator|leader|guest|producer" }`);
  }
  return parsed.data;
}

/** The role of an `Authorization: Bearer TOKEN` header, or undefined. */
export function roleOfBearer(header: string | undefined, tokens: Record<string, Role>): Role | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] !== undefined ? roleOf(m[1], tokens) : undefined;
}

export function roleOf(token: unknown, tokens: Record<string, Role>): Role | undefined {
  if (typeof token !== 'string' || !Object.hasOwn(tokens, token)) return undefined;
  return tokens[token];
}
