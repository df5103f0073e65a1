import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { postgresBin, startPostgres, type TestPostgres } from './postgres';
import { redisBin, startRedis, type TestRedis } from './redis';

// A real PostgreSQL and Redis for the tests of several nodes, started once per file on free ports.

/** Both servers can be started here; CI installs them (.ci/run), so there they must be. */
export const SERVICES_INSTALLED = (postgresBin() !== null && redisBin() !== null) || Boolean(process.env.CI);

export interface Services {
  readonly postgres: TestPostgres;
  readonly redis: TestRedis;
  /** A database of its own on the PostgreSQL server: its URL. */
  newDatabase(): Promise<string>;
}

export function usePostgresAndRedis(): Services {
  let postgres: TestPostgres | undefined;
  let redis: TestRedis | undefined;
  let made = 0;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
    postgres?.stop();
  });
  const started = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`${what} is not started`);
    return v;
  };
  return {
    get postgres() {
      return started(postgres, 'PostgreSQL');
    },
    get redis() {
      return started(redis, 'Redis');
    },
    async newDatabase() {
      const url = started(postgres, 'PostgreSQL').url;
      const name = `db_${process.pid}_${++made}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return url.replace(/\/[^/]+$/, `/${name}`);
    },
  };
}
