import { envNumbers } from './envNumbers';
import type { HubOptions } from './hub';
import { defenceOptionsFromEnv } from './limits';

/**
 * Hub options from the environment, all checked at once so a typo is reported with everything else
 * that is wrong rather than discovered one restart at a time.
 *
 * PORT (8080), HOST (127.0.0.1), SIM=off, SIM_SEED (1), SIM_LAMPS, SIM_SCALE, LOG_SIZE (100000),
 * TICK_MS (50), STATIC_DIR (dist). Tokens come from HUB_TOKENS / HUB_TOKENS_FILE (see tokens.ts); rate
 * limits, METRICS_TOKEN and CONNECT_ORIGINS from defenceOptionsFromEnv (limits.ts).
 * Storage: DATABASE_URL (postgres://…) or PGlite under DATA_DIR (./data); STORE=memory keeps nothing.
 * Several nodes: REDIS_URL (with DATABASE_URL and SIM=off).
 */
export function hubOptionsFromEnv(env: NodeJS.ProcessEnv): { options: HubOptions; errors: string[] } {
  const errors: string[] = [];
  const { int, num } = envNumbers(env, errors);

  const simOff = /^(off|false|0|no)$/i.test(env.SIM ?? '');
  const options: HubOptions = {
    port: int('PORT', 0, 65535) ?? 8080,
    host: env.HOST?.trim() || '127.0.0.1',
    logSize: int('LOG_SIZE', 1, 10_000_000),
    tickMs: int('TICK_MS', 5, 5000),
    sim: simOff
      ? false
      : {
          seed: int('SIM_SEED', 0, 2 ** 31 - 1) ?? 1,
          lamps: int('SIM_LAMPS', 0, 500_000),
          timeScale: num('SIM_SCALE', 0.001, 100_000),
        },
  };
  // The slow-client bound (backlog.ts): 8 MiB when unset.
  const backlog = int('MAX_CLIENT_BACKLOG_BYTES', 64 * 1024, 2 ** 40);
  if (backlog !== undefined) options.maxClientBacklogBytes = backlog;
  if (env.STATIC_DIR) options.staticDir = env.STATIC_DIR;
  const databaseUrl = env.DATABASE_URL?.trim();
  if (/^memory$/i.test(env.STORE ?? '')) options.storage = false;
  else if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl))
      errors.push('DATABASE_URL: expected postgres://user:password@host:port/database');
    options.storage = { databaseUrl };
  } else options.storage = { dataDir: env.DATA_DIR?.trim() || 'data' };
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    if (!/^rediss?:\/\//.test(redisUrl)) errors.push('REDIS_URL: expected redis://host:port');
    if (!databaseUrl) errors.push('REDIS_URL: several nodes share one PostgreSQL: set DATABASE_URL too');
    if (!simOff)
      errors.push('REDIS_URL: a node among several runs no simulator: set SIM=off and run npm run sim');
    options.cluster = { redisUrl };
  }
  Object.assign(options, defenceOptionsFromEnv(env, errors));
  return { options, errors };
}
