import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck, Snapshot } from '../../src/shared/protocol/events';
import { startApp, type RunningApp } from '../support/app';
import { reported } from './harness';

// `kill -9` in the middle of the work: the hub (server/main.ts, as `npm run hub` runs it) with the
// simulator, producers and an operator all busy, killed without any shutdown, then started again
// on the same data directory. Every report answered 202 and every command answered ok is there.

const TOKENS = 'dev-operator:operator,dev-producer:producer';
const running: RunningApp[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
});

async function hub(env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp({
    script: 'server/main.ts',
    env: { HUB_TOKENS: TOKENS, SIM_LAMPS: '2000', STATIC_DIR: '/nonexistent', ...env },
    readyTimeoutMs: 60_000,
    logFile: `test-results/restart-${running.length}.log`,
  });
  running.push(app);
  return app;
}

async function ingest(url: string, events: unknown[]): Promise<{ status: number; seqs: number[] }> {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-producer' },
    body: JSON.stringify({ events }),
  });
  const body = (await res.json()) as { seqs?: number[] };
  return { status: res.status, seqs: body.seqs ?? [] };
}

async function snapshot(url: string): Promise<Snapshot> {
  const res = await fetch(`${url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
  return (await res.json()) as Snapshot;
}

describe('kill -9 and a restart', () => {
  it('loses no report answered 202 and no command answered ok; seq goes on above the old run', async () => {
    const first = await hub({});
    const before = await snapshot(first.baseUrl);
    const operator = io(first.baseUrl, { auth: { token: 'dev-operator' }, transports: ['websocket'] });
    await new Promise<void>((done) => operator.once('connect', () => done()));

    const accepted: string[] = [];
    let maxSeq = 0;
    const acked: { id: string; incidentId: string }[] = [];
    // Reports in batches and an operator's commands at once, while the simulator runs its city.
    for (let round = 0; round < 15; round++) {
      const batch = Array.from({ length: 10 }, (_, i) => reported({ id: `k9-${round}-${i}` }));
      const [res, ack] = await Promise.all([
        ingest(first.baseUrl, batch),
        round > 0
          ? (operator.timeout(5000).emitWithAck('command', {
              id: `k9-cmd-${round}`,
              type: 'incident.acknowledge',
              data: { incidentId: `k9-${round - 1}-0` },
            }) as Promise<CommandAck>)
          : Promise.resolve(null),
      ]);
      expect(res.status).toBe(202);
      accepted.push(...batch.map((e) => e.data.id));
      maxSeq = Math.max(maxSeq, ...res.seqs);
      if (ack?.ok) acked.push({ id: `k9-cmd-${round}`, incidentId: `k9-${round - 1}-0` });
    }
    // One more, in flight when the process dies: it may or may not be kept, but never half.
    const inFlight = ingest(first.baseUrl, [reported({ id: 'k9-in-flight' })]).catch(() => null);
    operator.disconnect();
    await first.kill();
    await inFlight;
    expect(acked.length).toBe(14);

    const second = await hub({ DATA_DIR: first.dataDir });
    const after = await snapshot(second.baseUrl);
    expect(after.epoch).toBe(before.epoch);
    const byId = new Map(after.state.incidents.map((i) => [i.id, i]));
    expect(accepted.filter((id) => !byId.has(id))).toEqual([]);
    for (const { incidentId } of acked) expect(byId.get(incidentId)?.acknowledgedAt).toBeTruthy();
    expect(after.state.lamps.count).toBe(before.state.lamps.count);
    // The city's clock goes on from where it was, not from the simulator's first day.
    expect(after.state.clock.now).toBeGreaterThan(before.state.clock.now);
    const next = await ingest(second.baseUrl, [reported({ id: 'k9-after' })]);
    expect(next.status).toBe(202);
    expect(next.seqs[0]).toBeGreaterThan(maxSeq);
  }, 120_000);
});
