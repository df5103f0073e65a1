import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hubOptionsFromEnv } from '../server/env';
import { startHub } from '../server/hub';

// `npm run dev`: the hub (API and stream only) plus the Vite dev server with HMR, which proxies /api
// and /socket.io to the hub (vite.config.ts reads the same PORT). Ctrl-C stops both.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Vite's own bin under node, not `npx vite`: npm exec does not pass signals on, so Vite would outlive us.
const VITE_BIN = resolve(ROOT, 'node_modules/vite/bin/vite.js');

async function main(): Promise<void> {
  const { options, errors } = hubOptionsFromEnv(process.env);
  if (errors.length > 0) throw new Error(`bad environment:\n  ${errors.join('\n  ')}`);
  const hub = await startHub({ ...options, staticDir: false });
  console.log(
    `[dev] hub on ${hub.url} (tokens: dev-operator, dev-leader, dev-guest; producer: dev-producer)`,
  );

  const vite = spawn(process.execPath, [VITE_BIN], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(hub.port) },
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (vite.exitCode === null && vite.signalCode === null) vite.kill(signal);
    void hub.close();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  vite.once('error', (err) => {
    console.error(`[dev] could not start vite: ${err.message}`);
    stop('SIGTERM');
    process.exitCode = 1;
  });
  vite.once('exit', (code) => {
    // Vite ending on its own (a crash, a bad config) takes the hub down too, with Vite's exit code.
    const requested = stopping;
    stop('SIGTERM');
    void hub.close().then(() => process.exit(requested ? 0 : (code ?? 1)));
  });
}

main().catch((err: unknown) => {
  console.error(`[dev] ${(err as Error).message}`);
  process.exit(1);
});
