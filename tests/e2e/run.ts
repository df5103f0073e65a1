import { resolve } from 'node:path';
import { startVitest } from 'vitest/node';
import { ROOT } from '../support/app';

// `npm run test:e2e [filter...]`: Vitest with the e2e config, so the unit-test run never starts a browser.
const vitest = await startVitest('test', process.argv.slice(2), {
  config: resolve(ROOT, 'tests/e2e/vitest.config.ts'),
  root: ROOT,
  run: true,
  watch: false,
});
await vitest.close();
// Vitest sets process.exitCode on failure; a handle the app or the browser left open must not hang CI.
process.exit(process.exitCode ?? 0);
