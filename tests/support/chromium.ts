import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT } from './app';
import { launchChromium } from './browser';

/** Where the end-to-end tests leave their screenshots, logs and summaries. */
export const RESULTS = resolve(ROOT, 'test-results');

/**
 * A test file's Chromium (SwiftShader WebGL): launched before its tests, with the results folder made,
 * and closed after them. Returns the browser's getter, as it exists only once the tests run.
 */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium({ gl: 'swiftshader' });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: chromiumForFile() launches it before the tests');
    return browser;
  };
}
