import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postgresBin } from '../tests/support/postgres';
import { redisArgs, redisBin, redisPid } from '../tests/support/redis';
import { build, buildReason, DIST } from './build';

// `npm run cluster`: a whole cluster on this machine, as docs/deploy.md describes one.
//
//   PostgreSQL  a persistent cluster under data/cluster/pg (initdb on the first run), CLUSTER_PG_PORT
//   Redis       redis-server, nothing persisted, CLUSTER_REDIS_PORT
//   node1…      hub nodes (`npm run hub`) on CLUSTER_HUB_PORTS (8081,8082), SIM=off, sharing both
//   sim         the simulator as a producer (`npm run sim`) pushing to node 1
//
// Each child's output is prefixed with its name. A child that dies is reported loudly and the rest
// keep running, so an operator can watch the wall fail over. Ctrl-C stops them in order: the producer,
// the nodes, Redis, then PostgreSQL (pg_ctl stop), each after the one that depends on it.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLUSTER_DIR = join(ROOT, 'data/cluster');
const PG_DIR = join(CLUSTER_DIR, 'pg');
const PG_LOG = join(CLUSTER_DIR, 'pg.log');
/** The children of the running cluster, so that a run after a `kill -9` of this script can end them. */
const PIDS_FILE = join(CLUSTER_DIR, 'children.json');
const PG_USER = 'ioc';
const PG_DB = 'ioc';
const NODE_READY_MS = 180_000;
const STATUS_EVERY_MS = 30_000;

// ---- output -------------------------------------------------------------------------------------

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
const COLOURS: Record<string, number> = { cluster: 1, pg: 34, redis: 31, sim: 33, node1: 32, node2: 36 };
const paint = (code: number, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const WIDTH = 7;

function say(name: string, line: string, to: NodeJS.WriteStream = process.stdout): void {
  const label = paint(COLOURS[name] ?? 35, name.padEnd(WIDTH));
  to.write(`${label} │ ${line}\n`);
}

/** A banner nobody watching the terminal can miss. */
function loud(lines: string[]): void {
  const bar = '█'.repeat(72);
  for (const line of [bar, ...lines.map((l) => `██ ${l}`), bar])
    say('cluster', paint(91, line), process.stderr);
}

// Output to a closed pipe (`npm run cluster | head`) must not end the cluster.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

// ---- settings -----------------------------------------------------------------------------------

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    say('cluster', `${name}=${raw}: expected a port from 1 to 65535`, process.stderr);
    process.exit(2);
  }
  return port;
}

const PG_PORT = portFrom('CLUSTER_PG_PORT', 55432);
const REDIS_PORT = portFrom('CLUSTER_REDIS_PORT', 56379);
const HUB_PORTS = (process.env.CLUSTER_HUB_PORTS?.trim() || '8081,8082').split(',').map((raw, i) => {
  const port = Number(raw.trim());
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    say('cluster', `CLUSTER_HUB_PORTS: entry ${i + 1} (${raw}) is not a port`, process.stderr);
    process.exit(2);
  }
  return port;
});
const DATABASE_URL = `postgres://${PG_USER}@127.0.0.1:${PG_PORT}/${PG_DB}`;
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;
const PRODUCER_TOKEN = process.env.PRODUCER_TOKEN?.trim() || 'dev-producer';
const hubUrl = (i: number) => `http://127.0.0.1:${HUB_PORTS[i]}`;

// ---- children -----------------------------------------------------------------------------------

interface Part {
  name: string;
  /** a part of its command line that a leftover of an earlier run still shows (see endLeftovers) */
  match: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** set before we stop it: its exit is then expected */
  stopping: boolean;
  died: boolean;
}

const parts: Part[] = [];
let shuttingDown = false;

/**
 * Starts a child in a process group of its own: the terminal's Ctrl-C reaches this script only,
 * which then stops the children in order. Its stdout and stderr are printed line by line under its name.
 */
function launch(name: string, match: string, command: string, args: string[], env: NodeJS.ProcessEnv): Part {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let exit!: () => void;
  const part: Part = {
    name,
    match,
    child,
    exited: new Promise((done) => (exit = done)),
    stopping: false,
    died: false,
  };
  for (const [stream, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) => say(name, l, to));
  }
  child.once('error', (err) => {
    if (!part.stopping) loud([`${name} could not be started: ${err.message}`]);
    part.died = !part.stopping;
    exit();
  });
  child.once('exit', (code, signal) => {
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    if (part.stopping) say(name, `stopped (${how})`);
    else {
      part.died = true;
      loud([
        `${name} DIED: ${how} (pid ${child.pid}) at ${new Date().toLocaleTimeString()}`,
        shuttingDown ? 'while the cluster was stopping' : 'the others keep running; Ctrl-C stops them all',
      ]);
    }
    exit();
  });
  parts.push(part);
  writeFileSync(
    PIDS_FILE,
    JSON.stringify(parts.map((p) => ({ name: p.name, pid: p.child.pid, match: p.match }))) + '\n',
  );
  return part;
}

/**
 * Children an earlier run left behind when it was killed without its Ctrl-C (kill -9): each pid in
 * data/cluster/children.json that is still this checkout's process of the same kind gets SIGTERM,
 * then SIGKILL. Without this, their ports stay taken. (PostgreSQL is found by pg_ctl status.)
 */
async function endLeftovers(): Promise<void> {
  let listed: { name: string; pid: number; match: string }[];
  try {
    listed = JSON.parse(readFileSync(PIDS_FILE, 'utf8')) as typeof listed;
  } catch {
    return;
  }
  const ours = (pid: number, match: string) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      return cmdline.includes(match) && readlinkSync(`/proc/${pid}/cwd`) === ROOT;
    } catch {
      return false;
    }
  };
  // In the order a Ctrl-C stops them: the producer, the nodes, then Redis (the reverse of their start).
  const left = listed.filter((p) => Number.isInteger(p.pid) && ours(p.pid, p.match)).reverse();
  for (const { name, pid, match } of left) {
    say('cluster', `${name} (pid ${pid}) is still running from an earlier run: stopping it`, process.stderr);
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {
        // gone meanwhile
      }
    };
    signal('SIGTERM');
    const deadline = Date.now() + 10_000;
    while (ours(pid, match) && Date.now() < deadline) await sleep(200);
    if (ours(pid, match)) signal('SIGKILL');
  }
  rmSync(PIDS_FILE, { force: true });
}

const alive = (part: Part) => part.child.exitCode === null && part.child.signalCode === null && !part.died;

function signalGroup(part: Part, signal: NodeJS.Signals): void {
  if (part.child.pid === undefined) return;
  try {
    process.kill(-part.child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to its group, SIGKILL after graceMs; resolves once it has exited. */
async function stopPart(part: Part | undefined, graceMs: number): Promise<void> {
  if (!part) return;
  part.stopping = true;
  if (!alive(part)) return;
  say(part.name, 'stopping (SIGTERM)');
  signalGroup(part, 'SIGTERM');
  const gone = await Promise.race([part.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!gone) {
    say(part.name, `still running after ${graceMs / 1000} s: SIGKILL`, process.stderr);
    signalGroup(part, 'SIGKILL');
    await part.exited;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

// ---- PostgreSQL ---------------------------------------------------------------------------------

// PostgreSQL refuses to run as root: as root its commands run as the `postgres` user the package
// creates (as tests/support/postgres.ts does), and the data directory belongs to that user.
const asRoot = process.getuid?.() === 0;
let pgBin = '';
let pgStarted = false;
let postmasterPid: number | null = null;
let stopPgTail: (() => void) | null = null;
let pgDied = false;

function postmasterAlive(): boolean {
  if (postmasterPid === null) return false;
  try {
    process.kill(postmasterPid, 0);
    return true;
  } catch {
    return false;
  }
}

function pgRun(cmd: string, args: string[]): { ok: boolean; output: string } {
  const bin = join(pgBin, cmd);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(command, argv, { cwd: '/', encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}`.trim() };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error('there is no `postgres` user (Debian creates it with the postgresql package)');
  return { uid, gid };
}

/** Prints the server log (data/cluster/pg.log) as it grows, under `pg`. */
function tailPgLog(): () => void {
  let offset = existsSync(PG_LOG) ? statSync(PG_LOG).size : 0;
  let rest = '';
  const timer = setInterval(() => {
    let size: number;
    try {
      size = statSync(PG_LOG).size;
    } catch {
      return;
    }
    if (size < offset) offset = 0;
    if (size === offset) return;
    const fd = openSync(PG_LOG, 'r');
    try {
      const buf = Buffer.alloc(size - offset);
      readSync(fd, buf, 0, buf.length, offset);
      offset = size;
      const lines = (rest + buf.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) say('pg', line);
    } finally {
      closeSync(fd);
    }
  }, 250);
  return () => {
    clearInterval(timer);
    if (rest.trim()) say('pg', rest);
  };
}

async function startPostgres(): Promise<void> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
  pgBin = bin;
  mkdirSync(PG_DIR, { recursive: true });
  closeSync(openSync(PG_LOG, 'a'));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(PG_DIR, uid, gid);
    chownSync(PG_LOG, uid, gid);
  }
  const where = relative(ROOT, PG_DIR);
  if (!existsSync(join(PG_DIR, 'PG_VERSION'))) {
    say('pg', `first run: initdb ${where} (${bin})`);
    const init = pgRun('initdb', [
      '-D',
      PG_DIR,
      '-U',
      PG_USER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    if (!init.ok) throw new Error(`initdb failed (delete ${where} to start over):\n${init.output}`);
  }
  // Left running by a run that was killed (kill -9 of this script): restart it with this run's settings.
  if (pgRun('pg_ctl', ['-D', PG_DIR, 'status']).ok) {
    say('pg', 'still running from an earlier run: restarting it');
    const stop = pgRun('pg_ctl', ['-D', PG_DIR, '-m', 'fast', '-w', 'stop']);
    if (!stop.ok) throw new Error(`pg_ctl stop failed:\n${stop.output}`);
  }
  if (!(await portFree(PG_PORT)))
    throw new Error(`port ${PG_PORT} is taken: set CLUSTER_PG_PORT to a free one`);

  stopPgTail = tailPgLog();
  say('pg', `starting PostgreSQL on 127.0.0.1:${PG_PORT} (data ${where}, log ${relative(ROOT, PG_LOG)})`);
  const started = pgRun('pg_ctl', [
    '-D',
    PG_DIR,
    '-o',
    pgServerOptions(),
    '-l',
    PG_LOG,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  if (!started.ok) throw new Error(`pg_ctl start failed:\n${started.output}`);
  pgStarted = true;
  postmasterPid = readPostmasterPid();

  // The hub's database, made once (the nodes create their tables themselves, by migration).
  const admin = new pg.Client({ connectionString: `postgres://${PG_USER}@127.0.0.1:${PG_PORT}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [PG_DB]);
    if (found.rowCount === 0) {
      await admin.query(`create database ${PG_DB}`);
      say('pg', `created database ${PG_DB}`);
    }
  } finally {
    await admin.end();
  }
}

function stopPostgres(): void {
  if (!pgStarted) return;
  pgStarted = false;
  // It may have died, or died and been started again by hand: ask pg_ctl, not our memory.
  if (!pgRun('pg_ctl', ['-D', PG_DIR, 'status']).ok) {
    say('pg', 'PostgreSQL is not running: nothing to stop (its next start recovers from its WAL)');
    return;
  }
  say('pg', 'pg_ctl stop');
  const r = pgRun('pg_ctl', ['-D', PG_DIR, '-m', 'fast', '-w', 'stop']);
  if (!r.ok) say('pg', `pg_ctl stop failed: ${r.output}`, process.stderr);
}

/** The server's options; pg_ctl hands them to a shell, so the socket directory is quoted. */
function pgServerOptions(): string {
  return `-p ${PG_PORT} -k '${PG_DIR.replace(/'/g, `'\\''`)}' -c listen_addresses=127.0.0.1`;
}

function readPostmasterPid(): number | null {
  try {
    return Number(readFileSync(join(PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL is pg_ctl's child, not ours: its postmaster is watched so that a death is reported like
 * the others', and so is its return (someone ran pg_ctl start, to watch the nodes recover).
 */
function watchPostgres(): NodeJS.Timeout {
  return setInterval(() => {
    if (shuttingDown) return;
    if (!pgDied) {
      if (postmasterPid === null || postmasterAlive()) return;
      pgDied = true;
      loud([
        `PostgreSQL DIED (postmaster pid ${postmasterPid}) at ${new Date().toLocaleTimeString()}`,
        `see ${relative(ROOT, PG_LOG)}; the others keep running; Ctrl-C stops them all`,
        'to bring it back (the nodes then recover by themselves):',
        `  ${asRoot ? 'runuser -u postgres -- ' : ''}${join(pgBin, 'pg_ctl')} -D ${PG_DIR} -l ${PG_LOG} \\`,
        `    -o "${pgServerOptions()}" start`,
      ]);
      return;
    }
    const pid = readPostmasterPid();
    if (pid === null || pid === postmasterPid) return;
    postmasterPid = pid;
    if (!postmasterAlive()) return;
    pgDied = false;
    say('pg', `PostgreSQL is back (postmaster pid ${pid})`);
  }, 1000);
}

// ---- Redis --------------------------------------------------------------------------------------

async function startRedis(): Promise<Part> {
  const bin = redisBin();
  if (!bin) throw new Error('Redis is not installed: apt-get install -y redis-server');
  if (!(await portFree(REDIS_PORT)))
    throw new Error(`port ${REDIS_PORT} is taken: set CLUSTER_REDIS_PORT to a free one`);
  say('redis', `starting redis-server on 127.0.0.1:${REDIS_PORT} (nothing persisted)`);
  const part = launch('redis', 'redis-server', bin, redisArgs(REDIS_PORT), process.env);
  const deadline = Date.now() + 15_000;
  while ((await redisPid(REDIS_PORT, 500)) !== part.child.pid) {
    if (!alive(part)) throw new Error('redis-server exited before it answered');
    if (shuttingDown) return part;
    if (Date.now() > deadline) throw new Error('redis-server did not answer within 15 s');
    await sleep(100);
  }
  return part;
}

// ---- hub nodes and the producer -----------------------------------------------------------------

interface Health {
  status: string;
  seq: number;
  epoch: string;
  storage: string;
  clients: number;
}

async function health(base: string): Promise<Health> {
  const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Health;
}

async function waitHealthy(part: Part, base: string): Promise<Health | null> {
  const deadline = Date.now() + NODE_READY_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (!alive(part) || shuttingDown) return null;
    try {
      const h = await health(base);
      if (h.status === 'ok') return h;
      last = `status ${h.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(300);
  }
  loud([`${part.name} did not answer ${base}/api/health within ${NODE_READY_MS / 1000} s (${last})`]);
  return null;
}

/** `npm run hub` / `npm run sim` without npm and tsx's CLI in between: one process, signalled directly. */
const tsx = (script: string, ...args: string[]) => ['--import', 'tsx', script, ...args];

function startNode(i: number): Part {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(HUB_PORTS[i]),
    DATABASE_URL,
    REDIS_URL,
    SIM: 'off',
    STATIC_DIR: DIST,
    // The wall served by one node fails over to the others: its CSP must let it connect to them.
    CONNECT_ORIGINS: HUB_PORTS.map((p) => `http://127.0.0.1:${p}`).join(','),
  };
  delete env.STORE; // STORE=memory would win over DATABASE_URL
  return launch(`node${i + 1}`, 'server/main.ts', process.execPath, tsx('server/main.ts'), env);
}

// ---- the whole ----------------------------------------------------------------------------------

let redis: Part | undefined;
const nodes: Part[] = [];
let producer: Part | undefined;
let pgWatch: NodeJS.Timeout | undefined;
let statusTimer: NodeJS.Timeout | undefined;
let firstSignalAt = 0;

async function shutdown(why: string, code = 0): Promise<never> {
  shuttingDown = true;
  clearInterval(statusTimer);
  clearInterval(pgWatch);
  say('cluster', `${why}: stopping the producer, the nodes, Redis, then PostgreSQL`);
  await stopPart(producer, 10_000);
  await Promise.all(nodes.map((n) => stopPart(n, 15_000)));
  await stopPart(redis, 5_000);
  stopPostgres();
  await sleep(300); // the last lines of the server log
  stopPgTail?.();
  rmSync(PIDS_FILE, { force: true });
  const died = [...parts.filter((p) => p.died).map((p) => p.name), ...(pgDied ? ['PostgreSQL'] : [])];
  say('cluster', `everything stopped${died.length > 0 ? ` (${died.join(', ')} had died before)` : ''}`);
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  if (!shuttingDown) {
    firstSignalAt = now;
    void shutdown(signal);
    return;
  }
  // npm and the terminal may both deliver one Ctrl-C; a second press a moment later means hurry.
  if (now - firstSignalAt < 1500) return;
  say('cluster', `${signal} again: killing what is left (PostgreSQL still gets pg_ctl stop)`, process.stderr);
  for (const part of parts) {
    part.stopping = true;
    signalGroup(part, 'SIGKILL');
  }
}

async function printStatus(): Promise<void> {
  const lines = await Promise.all(
    HUB_PORTS.map(async (_, i) => {
      const node = nodes[i];
      if (node && !alive(node)) return `node${i + 1} DEAD`;
      try {
        const h = await health(hubUrl(i));
        return `node${i + 1} seq ${h.seq}, ${h.clients} client${h.clients === 1 ? '' : 's'}`;
      } catch (err) {
        return `node${i + 1} NOT ANSWERING (${(err as Error).message})`;
      }
    }),
  );
  if (!shuttingDown) say('cluster', lines.join(' · '));
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  const reason = buildReason();
  if (reason) {
    say('cluster', `building the wall: ${reason}`);
    await build();
  }
  if (shuttingDown) return;
  mkdirSync(CLUSTER_DIR, { recursive: true });
  await endLeftovers();
  for (const port of HUB_PORTS)
    if (!(await portFree(port)))
      throw new Error(
        `port ${port} is taken (another npm run cluster?): set CLUSTER_HUB_PORTS, e.g. 9081,9082`,
      );

  await startPostgres();
  pgWatch = watchPostgres();
  if (shuttingDown) return;
  redis = await startRedis();
  if (shuttingDown) return;

  // Node 1 first, so a new database is created by one node; then the others, in parallel.
  const ready: (Health | null)[] = [];
  nodes.push(startNode(0));
  ready[0] = await waitHealthy(nodes[0] as Part, hubUrl(0));
  if (shuttingDown) return;
  const rest = HUB_PORTS.slice(1).map((_, j) => startNode(j + 1));
  nodes.push(...rest);
  const others = await Promise.all(rest.map((part, j) => waitHealthy(part, hubUrl(j + 1))));
  ready.push(...others);
  if (shuttingDown) return;
  if (ready.every((h) => h === null)) throw new Error('no hub node became ready');

  producer = launch(
    'sim',
    'mocks/producer/main.ts',
    process.execPath,
    // Every node, in turn: when node 1 dies the city goes on through the next.
    tsx(
      'mocks/producer/main.ts',
      '--hub',
      HUB_PORTS.map((_, i) => hubUrl(i)).join(','),
      '--token',
      PRODUCER_TOKEN,
    ),
    process.env,
  );

  const hubs = HUB_PORTS.map((_, i) => hubUrl(i));
  const pid = (part: Part | undefined) => `pid ${part?.child.pid ?? '?'}`;
  const row = (what: string, ...rest: string[]) => `  ${what.padEnd(18)} ${rest.join('   ')}`;
  const banner = [
    '',
    `IOC Wall · Huế, a cluster of ${hubs.length} hub node${hubs.length === 1 ? '' : 's'}`,
    '',
    row('wall (fails over)', `${hubs[0]}/?hub=${hubs.join(',')}`),
    row('operator console', `${hubs[0]}/operator`),
    ...hubs.map((url, i) => {
      const h = ready[i];
      const state = h ? `seq ${h.seq}, epoch ${h.epoch.slice(0, 8)}…, ${h.storage}` : 'NOT READY';
      return row(`node${i + 1}`, `${url}/`, pid(nodes[i]), `/api/health: ${state}`);
    }),
    row(
      'producer (sim)',
      `the simulator → ${hubs.join(', ')} in turn, token ${PRODUCER_TOKEN}`,
      pid(producer),
    ),
    row('PostgreSQL', DATABASE_URL, `pid ${postmasterPid ?? '?'}`, `data ${relative(ROOT, PG_DIR)}`),
    row('Redis', REDIS_URL, pid(redis), 'nothing persisted'),
    '',
    `  curl -H 'Authorization: Bearer dev-operator' ${hubs[0]}/api/snapshot`,
    '  kill a node, Redis or PostgreSQL by its pid to watch the wall fail over; Ctrl-C stops everything',
    '',
  ];
  for (const line of banner) say('cluster', line);
  statusTimer = setInterval(() => void printStatus(), STATUS_EVERY_MS);
}

main().catch((err: unknown) => {
  if (shuttingDown) return; // stopped while starting: whatever failed was stopped on purpose
  loud(['the cluster could not start:', ...(err as Error).message.split('\n')]);
  void shutdown('startup failed', 1);
});
