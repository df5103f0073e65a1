import { describe, expect, it, vi } from 'vitest';
import type { CommandAck, StreamEvent } from '../../src/shared/protocol/events';
import { reported, useHarness, type Harness, type Viewer } from '../integration/harness';
import { SERVICES_INSTALLED, usePostgresAndRedis } from '../support/services';

// Two hub nodes sharing one log: a real PostgreSQL (the seqs, the durable city) and a real Redis (the
// fan-out), both from Debian's packages, started on free ports. CI installs both (.ci/run).

describe.runIf(SERVICES_INSTALLED)('several hub nodes on one log', () => {
  const h = useHarness();
  const services = usePostgresAndRedis();

  async function twoNodes(h: Harness) {
    const databaseUrl = await services.newDatabase();
    // A fresh Redis stream too: the last test's batches must not reach this one's nodes.
    await flushRedis();
    const opts = { storage: { databaseUrl }, cluster: { redisUrl: services.redis.url }, sim: false as const };
    const a = await h.start(opts);
    const b = await h.start(opts);
    return { a, b, databaseUrl, opts };
  }

  async function flushRedis(): Promise<void> {
    const { Redis } = await import('ioredis');
    const r = new Redis(services.redis.url);
    await r.flushall();
    r.disconnect();
  }

  const seqs = (v: Viewer) => v.events.map((e) => e.seq);
  const contiguous = (list: number[], from: number) => list.every((s, i) => s === from + i);
  const byId = (events: StreamEvent[]) =>
    events.map((e) => `${e.seq}:${e.type}:${(e.data as { id?: string }).id ?? ''}`);

  it('gives one contiguous seq order across nodes: what is ingested at one reaches the clients of both', async () => {
    const { a, b } = await twoNodes(h);
    expect(b.epoch).toBe(a.epoch);
    const onA = await h.connect(a, { token: 'dev-operator' });
    const onB = await h.connect(b, { token: 'dev-operator' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => h.ingest(i % 2 ? b : a, [reported(), reported(), reported()])),
    );
    expect(answers.every((r) => r.status === 202)).toBe(true);
    const given = answers.flatMap((r) => r.body.seqs ?? []).sort((x, y) => x - y);
    expect(given).toHaveLength(24);
    expect(contiguous(given, given[0]!)).toBe(true);
    const last = given[given.length - 1]!;
    await onA.untilSeq(last);
    await onB.untilSeq(last);
    // Both nodes' clients saw the same events at the same seqs.
    expect(byId(onA.events)).toEqual(byId(onB.events));
    expect(contiguous(seqs(onA), seqs(onA)[0]!)).toBe(true);
  });

  it('lets one of two operators on two nodes act on an incident; the other gets the clear error', async () => {
    const { a, b } = await twoNodes(h);
    const opA = await h.connect(a, { token: 'dev-operator' });
    const opB = await h.connect(b, { token: 'dev-operator' });
    for (let round = 0; round < 5; round++) {
      const id = `race-${round}`;
      const res = await h.ingest(a, [reported({ id })]);
      await opB.untilSeq(res.body.seqs![0]!);
      const send = (v: Viewer, n: string) =>
        v.socket.timeout(5000).emitWithAck('command', {
          id: `${id}-${n}`,
          type: 'incident.acknowledge',
          data: { incidentId: id },
        }) as Promise<CommandAck>;
      const acks = await Promise.all([send(opA, 'a'), send(opB, 'b')]);
      expect(acks.filter((x) => x.ok)).toHaveLength(1);
      expect(acks.find((x) => !x.ok)).toEqual({
        ok: false,
        error: 'illegal transition: incident.acknowledge already acknowledged',
      });
    }
  });

  it('answers a command retried on another node with its first answer, acting once', async () => {
    const { a, b } = await twoNodes(h);
    const opA = await h.connect(a, { token: 'dev-operator' });
    const opB = await h.connect(b, { token: 'dev-operator' });
    const res = await h.ingest(a, [reported({ id: 'retried' })]);
    await opB.untilSeq(res.body.seqs![0]!);
    const command = { id: 'cmd-retried', type: 'incident.acknowledge', data: { incidentId: 'retried' } };
    const first = (await opA.socket.timeout(5000).emitWithAck('command', command)) as CommandAck;
    expect(first).toEqual({ ok: true });
    await opB.untilSeq(res.body.seqs![0]! + 1);
    // The answer never reached the client (a dead node, say): it sends the same command to the next one.
    const again = (await opB.socket.timeout(5000).emitWithAck('command', command)) as CommandAck;
    expect(again).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(opB.events.filter((e) => e.type === 'incident.updated')).toHaveLength(1);
  });

  it('resumes a client on another node from its lastSeq: a replay, no gap, no duplicate', async () => {
    const { a, b } = await twoNodes(h);
    const first = await h.connect(a, { token: 'dev-operator' });
    const early = await h.ingest(a, [reported(), reported()]);
    await first.untilSeq(early.body.seqs![1]!);
    const lastSeq = first.lastSeq;
    first.socket.disconnect();
    const later = await h.ingest(a, [reported(), reported(), reported()]);
    const end = later.body.seqs![2]!;
    // Node b learns the batches over Redis. A client that reaches it before b holds its lastSeq gets a
    // snapshot instead (correct, not lossy): under load that happened once, so the test waits for b.
    await vi.waitFor(() => expect(b.seq).toBeGreaterThanOrEqual(end), { timeout: 10_000, interval: 50 });
    const moved = await h.connect(b, { token: 'dev-operator', lastSeq, epoch: a.epoch });
    await moved.untilSeq(end);
    expect(moved.snapshots).toHaveLength(0);
    expect(seqs(moved)).toEqual(Array.from({ length: end - lastSeq }, (_, i) => lastSeq + 1 + i));
  });

  it('brings a node that starts later up to the log, able to replay what came before it', async () => {
    const databaseUrl = await services.newDatabase();
    await flushRedis();
    const opts = { storage: { databaseUrl }, cluster: { redisUrl: services.redis.url }, sim: false as const };
    const a = await h.start(opts);
    const res = await h.ingest(
      a,
      Array.from({ length: 10 }, () => reported()),
    );
    const last = res.body.seqs![9]!;
    const b = await h.start(opts);
    expect(b.seq).toBe(last);
    const v = await h.connect(b, { token: 'dev-operator', lastSeq: last - 6, epoch: a.epoch });
    await v.untilSeq(last);
    expect(v.snapshots).toHaveLength(0);
    expect(seqs(v)).toEqual([last - 5, last - 4, last - 3, last - 2, last - 1, last]);
  });
});
