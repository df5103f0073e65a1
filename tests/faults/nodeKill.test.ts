import { describe, expect, it } from 'vitest';
import { connectRealtime } from '../../src/realtime/connect';
import { makeStore } from '../../src/app/store';
import { LampColumns } from '../../src/features/lights/lampColumns';
import type { UnknownAction } from '@reduxjs/toolkit';
import { startApp, type RunningApp } from '../support/app';
import { SERVICES_INSTALLED, usePostgresAndRedis } from '../support/services';
import { reported } from '../integration/harness';
import { cityChecksum } from './checksum';
import { Cleanup, clientCityState, hubSnapshot, waitFor } from './harness';
import { ApplyLedger } from './ledger';

// A node of two killed (kill -9) under load: the wall, given both nodes (?hub=URL1,URL2), moves to
// the other and resumes there by replay, since both hold one log. Nothing lost, nothing applied
// twice, and its city equals the surviving node's.

const TOKENS = 'dev-operator:operator,dev-producer:producer';

describe.runIf(SERVICES_INSTALLED)('a node of two killed', () => {
  const services = usePostgresAndRedis();

  it('moves the wall to the other node, which replays what it missed: nothing lost or twice', async () => {
    const cleanup = new Cleanup();
    try {
      const env = {
        HUB_TOKENS: TOKENS,
        DATABASE_URL: await services.newDatabase(),
        REDIS_URL: services.redis.url,
        SIM: 'off',
        STATIC_DIR: '/nonexistent',
        INGEST_RATE: '0',
        INGEST_EVENTS_RATE: '0',
      };
      const node = async (name: string): Promise<RunningApp> => {
        const app = await startApp({
          script: 'server/main.ts',
          env,
          readyTimeoutMs: 60_000,
          logFile: `test-results/node-kill-${name}.log`,
        });
        cleanup.add(() => app.stop());
        return app;
      };
      const a = await node('a');
      const b = await node('b');

      globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
        setTimeout(() => cb(performance.now()), 16) as unknown as number;
      const store = makeStore();
      const lamps = new LampColumns();
      const ledger = new ApplyLedger();
      const conn = connectRealtime({
        urls: [a.baseUrl, b.baseUrl],
        token: 'dev-operator',
        dispatch: (action: UnknownAction) => {
          ledger.record(action);
          return store.dispatch(action);
        },
        lamps,
      });
      cleanup.add(() => conn.close());
      await waitFor(() => store.getState().connection.status === 'live', 'the wall live on node a', 15_000);

      // A producer pushing to both nodes in turn, like the simulator in `npm run cluster`.
      let stop = false;
      let sent = 0;
      const pushing = (async () => {
        for (let i = 0; !stop; i++) {
          const url = (i % 2 ? b : a).baseUrl;
          const res = await fetch(`${url}/api/ingest`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer dev-producer' },
            body: JSON.stringify({ events: [reported({ id: `nk-${i}-1` }), reported({ id: `nk-${i}-2` })] }),
          }).catch(() => null);
          if (res?.status === 202) sent += 2;
          await res?.arrayBuffer();
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await waitFor(() => sent >= 100, 'reports before the kill', 30_000);
      const snapshotsBefore = store.getState().connection.snapshots;
      await a.kill();
      await waitFor(() => sent >= 300, 'reports through node b after the kill', 30_000);
      stop = true;
      await pushing;

      // The producer is stopped: the surviving node's seq stays put while the wall catches up.
      const health = (await (await fetch(`${b.baseUrl}/api/health`)).json()) as { seq: number };
      await waitFor(() => store.getState().connection.lastSeq === health.seq, 'the wall at node b', 30_000);
      const snap = await hubSnapshot({ url: b.baseUrl });
      expect(store.getState().connection.hub?.url).toBe(b.baseUrl);
      expect(store.getState().connection.failovers).toBeGreaterThanOrEqual(1);
      // Resumed by replay on node b: no second snapshot, so nothing was papered over.
      expect(store.getState().connection.snapshots).toBe(snapshotsBefore);
      expect(ledger.problems).toEqual([]);
      expect(cityChecksum(clientCityState(store, lamps)).parts).toEqual(cityChecksum(snap.state).parts);
    } finally {
      await cleanup.run();
    }
  }, 120_000);
});
