import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { freePort, sleep } from './app';

// A real Redis server for the tests that need one: Debian's `redis-server` package, a server of its
// own on a free port, nothing persisted (no RDB snapshot, no append-only file), stopped afterwards.
// It runs as a child of the test process: no daemon, no config file, no directory of its own.

export interface TestRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** The redis-server binary; null when Redis is not installed (apt-get install -y redis-server). */
export function redisBin(): string | null {
  for (const path of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * One inline command (`PING`, `INFO server`) over the raw protocol, so no client library is needed
 * to ask: the reply as text (`+PONG`, the body of a bulk string, `-ERR …`), or null when nothing
 * answers on 127.0.0.1:port within timeoutMs.
 */
export function redisCommand(
  port: number,
  command: string,
  timeoutMs = 1000,
  host = '127.0.0.1',
): Promise<string | null> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    let reply = Buffer.alloc(0);
    const finish = (answer: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      done(answer);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      const eol = reply.indexOf('\r\n');
      if (eol < 0) return;
      const head = reply.subarray(0, eol).toString('utf8');
      if (!head.startsWith('$')) return finish(head);
      const length = Number(head.slice(1));
      if (length < 0) return finish('');
      if (reply.length >= eol + 2 + length)
        finish(reply.subarray(eol + 2, eol + 2 + length).toString('utf8'));
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
  });
}

/** Whether a Redis server answers PING on 127.0.0.1:port within timeoutMs. */
export async function pingRedis(port: number, timeoutMs = 1000): Promise<boolean> {
  return (await redisCommand(port, 'PING', timeoutMs)) === '+PONG';
}

/**
 * The process id of the Redis server on 127.0.0.1:port (its `INFO server`), or null when none
 * answers: tells the server just started from another one that already held the port.
 */
export async function redisPid(port: number, timeoutMs = 1000): Promise<number | null> {
  const info = await redisCommand(port, 'INFO server', timeoutMs);
  const pid = info?.match(/^process_id:(\d+)/m)?.[1];
  return pid ? Number(pid) : null;
}

/** The arguments of a throwaway server: this port, loopback only, nothing written to disk. */
export function redisArgs(port: number): string[] {
  return ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'];
}

export interface StartRedisOptions {
  /** default: a free port */
  port?: number;
  readyTimeoutMs?: number;
}

export async function startRedis(opts: StartRedisOptions = {}): Promise<TestRedis> {
  const bin = redisBin();
  if (!bin) throw new Error('Redis is not installed: apt-get install -y redis-server (.ci/run does)');
  // freePort leaves a tiny race until redis-server binds: a port taken meanwhile gets one more try.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await launch(bin, port, opts.readyTimeoutMs ?? 10_000);
    } catch (err) {
      if (opts.port !== undefined || attempt >= 3 || !/in use/i.test((err as Error).message)) throw err;
    }
  }
}

async function launch(bin: string, port: number, timeoutMs: number): Promise<TestRedis> {
  const child = spawn(bin, redisArgs(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));

  const stop = () => stopChild(child, exited);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      const why = spawnError?.message ?? `exit code ${child.exitCode ?? child.signalCode}`;
      throw new Error(`redis-server on port ${port} did not start (${why}):\n${output.trim()}`);
    }
    // PING alone could be answered by another server already on the port: it must be this one.
    if ((await redisPid(port, 500)) === child.pid) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid as number, stop };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!gone) {
    child.kill('SIGKILL');
    await exited;
  }
}
