import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { freePort, getHealth, ROOT, sleep } from '../support/app';
import { parseMachineStat, parsePidStat } from './serverReport';

// The server benchmark's processes: the hub as `npm run hub` runs it (server/main.ts) in a child of
// its own, the load generators in others (serverWorker.ts), and their CPU read from /proc.

/** `node --import tsx`: the script runs in the child itself, so its pid is the one to read CPU of. */
const TSX = ['--import', 'tsx'];

/** The hub's settings (server/env.ts): none is inherited from the shell that runs the bench. */
const HUB_ENV =
  /^(PORT|HOST|SIM|SIM_SEED|SIM_LAMPS|SIM_SCALE|LOG_SIZE|TICK_MS|STATIC_DIR|STORE|DATA_DIR|DATABASE_URL|REDIS_URL|HUB_TOKENS|HUB_TOKENS_FILE|INGEST_\w+|COMMAND_\w+)$/;

/**
 * The bench measures what the hub can carry, not its per-token and per-socket limits (tested in
 * rateLimits.test.ts): a producer at four requests in flight and an operator at 20 commands a second
 * are over them on purpose.
 */
const UNLIMITED = { INGEST_RATE: '0', INGEST_EVENTS_RATE: '0', COMMAND_RATE: '0' };

function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !HUB_ENV.test(k)));
}

export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in clock ticks; null once it is gone. */
export function pidTicks(pid: number): number | null {
  try {
    return parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks;
  } catch {
    return null;
  }
}

export function ticksOf(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const t = pidTicks(pid);
    if (t !== null) out.set(pid, t);
  }
  return out;
}

export function machineTicks(): { busy: number; total: number } {
  return parseMachineStat(readFileSync('/proc/stat', 'utf8'));
}

/** This process's CPU in clock ticks, as /proc counts it (so it adds up with the others). */
export function selfTicks(): number {
  return pidTicks(process.pid) ?? 0;
}

/** The PostgreSQL server listening on `port`, and its backends: the postmaster found by its `-p`. */
export function postgresPids(port: number): number[] {
  const procs: { pid: number; ppid: number }[] = [];
  let postmaster: number | null = null;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      const { ppid } = parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      procs.push({ pid, ppid });
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // pg_ctl starts it as `postgres -D DIR -p PORT ...`; its backends rename themselves.
      if (cmd[0]?.endsWith('/postgres') && cmd[cmd.indexOf('-p') + 1] === String(port)) postmaster = pid;
    } catch {
      // gone in between
    }
  }
  if (postmaster === null) return [];
  return [postmaster, ...procs.filter((p) => p.ppid === postmaster).map((p) => p.pid)];
}

export interface HubProcess {
  url: string;
  pid: number;
  logFile: string;
  /** SIGTERM (the hub closes cleanly: its last batch and lamp keyframe stored), SIGKILL after 30 s */
  stop(): Promise<void>;
}

/**
 * `node --import tsx server/main.ts` with `env` (PORT is chosen here), until /api/health answers.
 * Resolves with the time that took, from spawn.
 */
export async function startHubProcess(
  env: Record<string, string>,
  logFile: string,
  timeoutMs = 120_000,
): Promise<HubProcess & { healthMs: number; spawnedAt: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...TSX, resolve(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      STATIC_DIR: '/nonexistent',
      HOST: '127.0.0.1',
      ...UNLIMITED,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    log.end();
  };
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the hub exited before it was ready: see ${logFile}\n${tail(logFile)}`);
    }
    try {
      if ((await getHealth(url)).status === 'ok') break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`the hub did not answer ${url}/api/health within ${timeoutMs} ms: see ${logFile}`);
    }
    await sleep(20);
  }
  return { url, pid: child.pid!, logFile, stop, healthMs: performance.now() - spawnedAt, spawnedAt };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** A load generator in a child process (serverWorker.ts), spoken to over IPC. */
export interface Worker<Result> {
  pid: number;
  /** resolves when the worker is set up (connected, for viewers) */
  ready: Promise<void>;
  start(): void;
  /** viewers: note each client's count of envelopes now */
  mark(): void;
  /** asks it to stop and resolves with what it measured */
  stop(): Promise<Result>;
}

export function forkWorker<Result>(role: 'producer' | 'viewers', config: object): Worker<Result> {
  const child: ChildProcess = fork(
    resolve(ROOT, 'tests/bench/serverWorker.ts'),
    [role, JSON.stringify(config)],
    {
      cwd: ROOT,
      execArgv: TSX,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let failed: ((err: Error) => void) | null = null;
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  failure.catch(() => undefined);
  child.once('exit', (code, signal) => failed?.(new Error(`the ${role} worker exited (${code ?? signal})`)));
  const message = (type: string) =>
    Promise.race([
      new Promise<unknown>((done) => {
        const on = (msg: { type?: string; body?: unknown }) => {
          if (msg?.type !== type) return;
          child.off('message', on);
          done(msg.body);
        };
        child.on('message', on);
      }),
      failure,
    ]);
  const ready = message('ready').then(() => undefined);
  return {
    pid: child.pid!,
    ready,
    start: () => child.send({ type: 'start' }),
    mark: () => child.send({ type: 'mark' }),
    async stop() {
      const result = message('result');
      child.send({ type: 'stop' });
      const body = (await result) as Result;
      failed = null;
      child.disconnect();
      await new Promise<void>((done) =>
        child.exitCode !== null ? done() : child.once('exit', () => done()),
      );
      return body;
    },
  };
}
