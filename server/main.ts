import { hubOptionsFromEnv } from './env';
import { startHub, type Hub } from './hub';

// `npm run hub`: the reference upstream hub on its own, configured from the environment (env.ts).

const { options, errors } = hubOptionsFromEnv(process.env);
if (errors.length > 0) {
  console.error(`[hub] bad environment:\n  ${errors.join('\n  ')}`);
  process.exit(2);
}

let hub: Hub;
try {
  hub = await startHub(options);
} catch (err) {
  console.error(`[hub] could not start: ${(err as Error).message}`);
  process.exit(1);
}
const sim = options.sim ? `simulator seed ${options.sim.seed}` : 'no simulator';
const kept = hub.started.storage === 'memory' ? 'kept in memory only' : `kept in ${hub.started.storage}`;
console.log(
  `[hub] listening on ${hub.url} (${sim}; ${kept}, ${hub.started.restored ? 'restored' : 'new'}; epoch ${hub.epoch})`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`[hub] ${signal}: closing`);
  void hub.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
