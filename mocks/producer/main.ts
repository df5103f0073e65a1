import { parseArgs } from 'node:util';
import { startProducer } from './producer';

// `npm run sim -- --hub URL --token TOKEN [--seed 1] [--lamps 50000] [--scale 720]`: the Huế
// simulator as its own process, pushing to a hub through /api/ingest like any city system.

const { values } = parseArgs({
  options: {
    hub: { type: 'string', default: process.env.HUB_URL ?? 'http://127.0.0.1:8080' },
    token: { type: 'string', default: process.env.PRODUCER_TOKEN ?? 'dev-producer' },
    seed: { type: 'string', default: process.env.SIM_SEED ?? '1' },
    lamps: { type: 'string', default: process.env.SIM_LAMPS },
    scale: { type: 'string', default: process.env.SIM_SCALE },
  },
});

const num = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`[sim] --${name} must be a non-negative number, got ${raw}`);
    process.exit(2);
  }
  return n;
};

const producer = await startProducer({
  hub: values.hub,
  token: values.token,
  seed: num('seed', values.seed),
  lamps: num('lamps', values.lamps),
  timeScale: num('scale', values.scale),
}).catch((err: unknown) => {
  console.error(`[sim] ${(err as Error).message}`);
  process.exit(1);
});

const report = setInterval(() => {
  const s = producer.stats;
  console.log(
    `[sim] sent ${s.sent}, queued ${s.queued}, retries ${s.retries}, refused ${s.refused}, telemetry dropped ${s.droppedTelemetry}`,
  );
}, 60_000);
report.unref();

const stop = () => {
  clearInterval(report);
  void producer.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
