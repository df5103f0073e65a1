import { hubOptionsFromEnv } from '../server/env';
import { startHub, type Hub } from '../server/hub';
import { loadTokens } from '../server/tokens';
import { build, buildReason, DIST } from './build';

// `npm start`: build the SPA when dist/ is missing or older than its sources, then serve it with the
// hub and the simulator on one port (PORT, default 8080).

function printWelcome(hub: Hub, simulated: string, kept: string): void {
  // Tokens are credentials and the console may be a log: only the shipped dev tokens, which the
  // README lists anyway, are printed, and none at all once a deployment brings its own.
  const ownTokens = Boolean(process.env.HUB_TOKENS || process.env.HUB_TOKENS_FILE);
  const tokens = ownTokens ? [] : Object.entries(loadTokens()).filter(([token]) => token.startsWith('dev-'));
  const lines = [
    '',
    `  IOC Wall · Huế is live at ${hub.url}/`,
    `  data: ${simulated}`,
    `  kept: ${kept}`,
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
  const { storage } = options;
  const where = !storage
    ? 'in memory only (STORE=memory): a restart starts a new city'
    : storage.databaseUrl
      ? `in PostgreSQL (DATABASE_URL)`
      : `in ${storage.dataDir ?? 'data'}/ (embedded PostgreSQL)`;
  printWelcome(
    hub,
    options.sim ? `simulated (Huế simulator, seed ${options.sim.seed})` : 'from producers only (SIM=off)',
    `${where}; ${hub.started.restored ? 'restored' : 'new'}, ready in ${(hub.started.readyMs / 1000).toFixed(1)} s`,
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
