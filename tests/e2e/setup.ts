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
  const app = await startApp({ logFile: resolve(ROOT, 'test-results/e2e-app.log') });
  console.log(`[e2e] app on ${app.baseUrl} (log: ${app.logFile})`);
  project.provide('baseUrl', app.baseUrl);
  return () => app.stop();
}
