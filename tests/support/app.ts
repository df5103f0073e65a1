import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A port nobody listens on right now (the OS picks it; a tiny race remains until the app binds it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

export interface Health {
  status: string;
  seq: number;
  clients: number;
  uptimeS: number;
}

export async function getHealth(baseUrl: string): Promise<Health> {
  const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`health: HTTP ${res.status}`);
  return (await res.json()) as Health;
}

export interface RunningApp {
  baseUrl: string;
  port: number;
  logFile: string;
  /** where its PGlite keeps the city (DATA_DIR) */
  dataDir: string;
  stop(): Promise<void>;
  /** `kill -9`: no shutdown of any kind */
  kill(): Promise<void>;
}

export interface StartAppOptions {
  port?: number;
  env?: Record<string, string>;
  /** where the app's stdout and stderr go */
  logFile?: string;
  /** `npm start` builds dist/ first when it is stale, which takes a minute on two cores */
  readyTimeoutMs?: number;
  /** default scripts/start.ts (`npm start`); server/main.ts is the hub alone (`npm run hub`) */
  script?: string;
}

/**
 * Runs the app exactly as a user does (`npm start` is `tsx scripts/start.ts`), on a free port, and
 * waits until the hub answers /api/health. The child leads its own process group so that stop()
 * also ends the node process tsx starts under it.
 */
export async function startApp(opts: StartAppOptions = {}): Promise<RunningApp> {
  const port = opts.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = opts.logFile ?? resolve(ROOT, 'test-results/app.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  // A city of its own unless the caller names one: a test must not find the last run's city.
  const dataDir = opts.env?.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ioc-data-'));

  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), opts.script ?? 'scripts/start.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const stop = () => stopChild(child, exited).finally(() => log.end());
  const kill = async () => {
    if (child.pid !== undefined) signalGroup(-child.pid, 'SIGKILL');
    await exited;
    log.end();
  };
  try {
    await waitForHealth(baseUrl, opts.readyTimeoutMs ?? 240_000, exited);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- tail of ${logFile} ---\n${tail(logFile, 40)}`);
  }
  return { baseUrl, port, logFile, dataDir, stop, kill };
}

async function waitForHealth(
  baseUrl: string,
  timeoutMs: number,
  exited: Promise<number | null>,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the app exited with code ${exitCode} before it was ready`);
    try {
      const h = await getHealth(baseUrl);
      if (h.status === 'ok') return;
      lastError = `status ${h.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await sleep(300);
  }
  throw new Error(`the app did not answer ${baseUrl}/api/health within ${timeoutMs} ms (${lastError})`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const group = -child.pid;
  signalGroup(group, 'SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!gone) {
    signalGroup(group, 'SIGKILL');
    await exited;
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(group, signal);
  } catch {
    // already gone
  }
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
