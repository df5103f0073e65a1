import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './app';

/** Newest modification time (ms) of a file or of anything below a folder; 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

/** Builds dist/ with Vite when it is missing or older than any of its inputs. */
export function ensureBuilt(): void {
  const built = resolve(ROOT, 'dist/index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const inputsAt = Math.max(...INPUTS.map((p) => newestMtime(resolve(ROOT, p))));
  if (builtAt > inputsAt) return;
  console.log(
    builtAt ? '[build] dist/ is older than its sources: vite build' : '[build] no dist/: vite build',
  );
  const run = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Vite keeps a NODE_ENV it inherits: from inside Vitest (NODE_ENV=test) it built React's development
    // JSX runtime, which builds an Error for every element; the benchmark then measured that.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status})`);
}
