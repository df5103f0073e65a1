import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// When dist/ must be built, and the build itself: for `npm start`, the e2e tests (which start the app
// that way) and the benchmark.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
// Vite's own bin under node rather than `npx vite`: npm exec does not pass Ctrl-C on to its child.
const VITE_BIN = join(ROOT, 'node_modules/vite/bin/vite.js');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(ROOT, p));

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

/** Why dist/ must be built again, or null when it is newer than all its sources. */
export function buildReason(): string | null {
  const built = join(DIST, 'index.html');
  if (!existsSync(built)) return 'dist/ is missing';
  const builtAt = statSync(built).mtimeMs;
  const stale = SOURCES.find((p) => newestMtime(p) > builtAt);
  return stale ? `${stale.slice(ROOT.length + 1)} changed since the last build` : null;
}

/**
 * `vite build`, always for production. Vite keeps a NODE_ENV it inherits: started from inside Vitest
 * (NODE_ENV=test), as the e2e tests start the app, it built React's development runtime, which checks
 * and builds an Error for every element; the walls under test, and once the benchmark, ran that.
 */
export function build(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITE_BIN, 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}
