import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';

describe('socket handshake', () => {
  const h = useHarness();

  it('refuses a connection without a token', async () => {
    const hub = await h.start();
    expect(await h.refused(hub)).toBe('unauthorized');
    expect(await h.refused(hub, {})).toBe('unauthorized');
  });

  it('refuses an unknown token and a token that is not a string', async () => {
    const hub = await h.start();
    expect(await h.refused(hub, { token: 'dev-nobody' })).toBe('unauthorized');
    expect(await h.refused(hub, { token: 42 })).toBe('unauthorized');
    expect(await h.refused(hub, { token: 'toString' })).toBe('unauthorized');
  });

  it('refuses a producer token on the stream: producers only ingest', async () => {
    const hub = await h.start();
    expect(await h.refused(hub, { token: 'dev-producer' })).toBe('unauthorized');
  });

  it('works over HTTP long-polling as well as WebSocket', async () => {
    const hub = await h.start();
    const socket = io(hub.url, {
      auth: { token: 'dev-leader' },
      transports: ['polling'],
      reconnection: false,
    });
    try {
      const snapshot = await new Promise<{ seq: number }>((resolve, reject) => {
        socket.once('snapshot', resolve);
        socket.once('connect_error', reject);
      });
      expect(snapshot.seq).toBe(0);
    } finally {
      socket.disconnect();
    }
  });

  it('accepts each viewer role and counts only accepted clients', async () => {
    const hub = await h.start();
    await h.refused(hub, { token: 'bad' });
    for (const token of ['dev-operator', 'dev-leader', 'dev-guest']) await h.connect(hub, { token });
    expect(hub.clientCount()).toBe(3);
    const health = await h.get<{ clients: number }>(hub, '/api/health');
    expect(health.body.clients).toBe(3);
  });
});
