import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hubOptionsFromEnv } from '../mocks/upstream/env';
import { startHub, type Hub } from '../mocks/upstream/hub';
import { loadTokens } from '../mocks/upstream/tokens';

// `npm start`: build the SPA when dist/ is missing or older than its sources, then serve it with the
// hub and the simulator on one port (PORT, default 8080).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
// Vite's own bin under node rather than `npx vite`: npm exec does not pass Ctrl-C on to its child.
const VITE_BIN = join(ROOT, 'node_modules/vite/bin/vite.js');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(ROOT, p));

/** Newest modification time under `path` (a file or a directory tree); 0 if it does not exist. */
function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildReason(): string | null {
  const built = join(DIST, 'index.html');
  if (!existsSync(built)) return 'dist/ is missing';
  const builtAt = statSync(built).mtimeMs;
  const stale = SOURCES.find((p) => newestMtime(p) > builtAt);
  return stale ? `${stale.slice(ROOT.length + 1)} changed since the last build` : null;
}

function build(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITE_BIN, 'build'], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

function printWelcome(hub: Hub, simulated: string): void {
  const tokens = Object.entries(loadTokens()).filter(([token]) => token.startsWith('dev-'));
  const lines = [
    '',
    `  IOC Wall · Huế is live at ${hub.url}/`,
    `  data: ${simulated}`,
    '',
    ...(tokens.length > 0
      ? ['  dev tokens:', ...tokens.map(([token, role]) => `    ${role.padEnd(9)} ${token}`), '']
      : []),
    `  health: ${hub.url}/api/health · stop with Ctrl-C`,
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const { options, errors } = hubOptionsFromEnv(process.env);
  if (errors.length > 0) throw new Error(`bad environment:\n  ${errors.join('\n  ')}`);

  const reason = buildReason();
  if (reason) {
    console.log(`[start] building the wall: ${reason}`);
    await build();
  } else {
    console.log('[start] dist/ is up to date');
  }

  const hub = await startHub({ staticDir: DIST, ...options });
  printWelcome(
    hub,
    options.sim ? `simulated (Huế simulator, seed ${options.sim.seed})` : 'from producers only (SIM=off)',
  );

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void hub.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`[start] ${(err as Error).message}`);
  process.exit(1);
});
