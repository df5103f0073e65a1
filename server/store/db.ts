import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The little of SQL the server needs, over either engine: PGlite (PostgreSQL compiled to WASM, in
 * this process, files under DATA_DIR) or a PostgreSQL server (DATABASE_URL). The same schema, the
 * same queries: what runs on a laptop is what runs in the control room.
 */
export interface Db {
  /** `pglite` or `postgres`, for messages and metrics */
  readonly engine: 'pglite' | 'postgres';
  /** where the data lives, without credentials */
  readonly where: string;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Tx = Pick<Db, 'query' | 'exec'>;

export interface DbOptions {
  /** postgres://… ; when absent, PGlite under dataDir */
  databaseUrl?: string;
  /** default ./data */
  dataDir?: string;
  /** called with each query's duration in seconds (metrics) */
  observe?: (seconds: number) => void;
}

export async function openDb(opts: DbOptions = {}): Promise<Db> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.observe)
    : openPglite(opts.dataDir ?? 'data', opts.observe);
}

async function openPglite(dataDir: string, observe?: (s: number) => void): Promise<Db> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  let pg: InstanceType<typeof PGlite>;
  try {
    pg = await PGlite.create(dir);
  } catch (err) {
    throw new Error(`could not open the embedded database in ${dir}: ${(err as Error).message}`);
  }
  const timed = timer(observe);
  return {
    engine: 'pglite',
    where: dir,
    query: <Row>(text: string, params?: unknown[]) =>
      timed(async () => (await pg.query<Row>(text, params)).rows),
    exec: async (sql: string) => {
      await timed(() => pg.exec(sql));
    },
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      timed(() =>
        pg.transaction((t) =>
          fn({
            query: async <Row>(text: string, params?: unknown[]) => (await t.query<Row>(text, params)).rows,
            exec: async (sql: string) => {
              await t.exec(sql);
            },
          }),
        ),
      ),
    close: () => pg.close(),
  };
}

async function openPostgres(url: string, observe?: (s: number) => void): Promise<Db> {
  const { default: pg } = await import('pg');
  // bigint (int8) columns hold seqs and epoch ms, both well inside 2^53: read them as numbers.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client's error (the server restarting) must not end the process; the next query reports it.
  pool.on('error', (err: Error) => console.error(`[db] idle connection lost: ${err.message}`));
  const where = safeUrl(url);
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end();
    throw new Error(`could not reach PostgreSQL at ${where}: ${(err as Error).message}`);
  }
  const timed = timer(observe);
  return {
    engine: 'postgres',
    where,
    query: <Row>(text: string, params?: unknown[]) =>
      timed(async () => (await pool.query(text, params)).rows as Row[]),
    exec: async (sql: string) => {
      await timed(() => pool.query(sql));
    },
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      timed(async () => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await fn({
            query: async <Row>(text: string, params?: unknown[]) =>
              (await client.query(text, params)).rows as Row[],
            exec: async (sql: string) => {
              await client.query(sql);
            },
          });
          await client.query('commit');
          return result;
        } catch (err) {
          await client.query('rollback').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      }),
    close: () => pool.end(),
  };
}

/** Runs a query and tells `observe` how long it took, in seconds (metrics). */
function timer(observe?: (seconds: number) => void) {
  return async <T>(run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      observe?.((performance.now() - t0) / 1000);
    }
  };
}

/** A URL without its password, for logs and errors (a database's or Redis's). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable url)';
  }
}
