import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian Chromium against the app started as `npm start` starts it. They run
// one file at a time: two Chromiums and a hub on two cores would make every timing meaningless.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
  },
});
