import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const hubPort = Number(process.env.PORT ?? 8080);

/**
 * Each build's own id: the page carries it (`__BUILD_ID__`) and the build writes it to
 * dist/version.json, which the hub serves as GET /api/version. A wall that finds the hub serving
 * another build reloads itself (src/app/buildCheck.ts). `npm run dev` is 'dev', which never reloads.
 */
const BUILD_ID = `${new Date().toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;

function buildVersion(): Plugin {
  return {
    name: 'ioc-build-version',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'version.json', source: JSON.stringify({ build: BUILD_ID }) });
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react(), buildVersion()],
  define: { __BUILD_ID__: JSON.stringify(command === 'build' ? BUILD_ID : 'dev') },
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
}));
