import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const hubPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // In `npm run dev` the hub runs beside Vite; the SPA talks to it through these proxies.
    proxy: {
      '/api': `http://127.0.0.1:${hubPort}`,
      '/socket.io': { target: `http://127.0.0.1:${hubPort}`, ws: true },
    },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2500 },
  test: {
    testTimeout: 20_000,
    // Two kinds of test: component tests (*.test.tsx) render into a DOM, everything else runs in plain
    // Node, where a DOM would only slow it down and hide a stray use of `window`.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'src/**/*.test.ts',
            'server/**/*.test.ts',
            'mocks/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/faults/**/*.test.ts',
            'tests/cluster/**/*.test.ts',
            'tests/support/**/*.test.ts',
            'tests/bench/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['src/**/*.test.tsx', 'tests/support/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/support/domSetup.ts'],
        },
      },
    ],
  },
});
