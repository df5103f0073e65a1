import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startApp } from '../support/app';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts the app once for every e2e file, as a user would (`npm start`, which builds dist/ when it
 * is stale). E2E_BASE_URL points the tests at an app that already runs instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return async () => {};
  }
  // 20,000 lamps, not the default 50,000: at the simulator's ×720 clock a whole city's switching
  // (dusk, part-night dimming, dawn) reaches the pages within about a second of real time, and on the
  // two shared cores of CI, with two software-rendered walls, 50,000 lamps in that second push the
  // "within 1 s" timings of the operator test past their limit. Lighting at full scale is measured by
  // `npm run bench` instead.
  const app = await startApp({
    logFile: resolve(ROOT, 'test-results/e2e-app.log'),
    env: { SIM_LAMPS: process.env.SIM_LAMPS ?? '20000' },
  });
  console.log(`[e2e] app on ${app.baseUrl} (log: ${app.logFile})`);
  project.provide('baseUrl', app.baseUrl);
  return () => app.stop();
}
