import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProducer, type Producer } from '../../mocks/producer/producer';
import type { Snapshot } from '../../src/shared/protocol/events';
import { reported, useHarness, waitFor } from './harness';

// The simulator as a producer of its own (`npm run sim`): it gives a hub without a simulator its
// cameras and lamps, pushes the city through /api/ingest, and rides out a restart of the hub.

const producers: Producer[] = [];
afterEach(async () => {
  await Promise.all(producers.splice(0).map((p) => p.stop()));
});

async function snapshot(url: string): Promise<Snapshot> {
  const res = await fetch(`${url}/api/snapshot`, { headers: { authorization: 'Bearer dev-operator' } });
  return (await res.json()) as Snapshot;
}

describe('the simulator as a producer', () => {
  const h = useHarness();

  it('describes the city to an empty hub, then pushes its life through ingest, across a hub restart', async () => {
    const storage = { dataDir: mkdtempSync(join(tmpdir(), 'ioc-prod-')) };
    const hub = await h.start({ storage });
    const viewer = await h.connect(hub, { token: 'dev-operator' });
    // A fast city: about ten reports a real second.
    const producer = await startProducer({
      hub: hub.url,
      token: 'dev-producer',
      lamps: 500,
      timeScale: 200_000,
      tickMs: 50,
      log: () => undefined,
    });
    producers.push(producer);
    expect(producer.joined.adopted).toBe(true);
    await waitFor(
      () => viewer.events.some((e) => e.type === 'incident.reported'),
      'a report from the producer',
      10_000,
    );
    const before = await snapshot(hub.url);
    expect(before.state.lamps.count).toBe(500);
    expect(before.state.cameras.length).toBeGreaterThan(0);
    expect(before.state.kpis.length).toBeGreaterThan(0);
    expect(before.state.lamps.state.some((s) => s !== 0)).toBe(true);
    // Another producer's different city is refused: the stored events are about this one.
    const other = await fetch(`${hub.url}/api/inventory`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-producer' },
      body: JSON.stringify({
        city: 'Đà Nẵng',
        cameras: [],
        lamps: { count: 0, lon: [], lat: [], cabinet: [], watts: [], cabinets: [] },
      }),
    });
    expect(other.status).toBe(409);
    expect(producer.stats.refused).toBe(0);

    const port = hub.port;
    await hub.close();
    const sentBefore = producer.stats.sent;
    const again = await h.start({ storage, port });
    expect(again.epoch).toBe(hub.epoch);
    // The producer retries into the restarted hub: reports keep arriving, as new ids.
    const known = new Set(before.state.incidents.map((i) => i.id));
    await waitFor(() => producer.stats.sent > sentBefore + 50, 'pushes after the restart', 15_000);
    await h.ingest(again, [reported({ id: 'after-restart' })]);
    const after = await snapshot(again.url);
    const fresh = after.state.incidents.filter((i) => !known.has(i.id) && i.id !== 'after-restart');
    expect(fresh.length).toBeGreaterThan(0);
    expect(after.state.lamps.count).toBe(500);
    expect(producer.stats.refused).toBe(0);
  }, 60_000);
});
