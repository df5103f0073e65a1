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

  it('tells each client who it is signed in as, before the snapshot; a visitor gets no name', async () => {
    const hub = await h.start();
    const first = async (token: string) => {
      const socket = io(hub.url, { auth: { token }, transports: ['websocket'], reconnection: false });
      try {
        return await new Promise<{ kind: string; msg: unknown }>((resolve, reject) => {
          socket.once('session', (msg: unknown) => resolve({ kind: 'session', msg }));
          socket.once('snapshot', (msg: unknown) => resolve({ kind: 'snapshot', msg }));
          socket.once('connect_error', reject);
        });
      } finally {
        socket.disconnect();
      }
    };
    // The harness's tokens carry no names: the hub names them by a pseudonym of the token.
    expect(await first('dev-operator')).toEqual({
      kind: 'session',
      msg: {
        role: 'operator',
        name: expect.stringMatching(/^operator-[0-9a-f]{6}$/) as unknown,
        epoch: hub.epoch,
      },
    });
    expect(await first('dev-leader')).toMatchObject({ kind: 'session', msg: { role: 'leader' } });
    expect(await first('dev-guest')).toEqual({
      kind: 'session',
      msg: { role: 'guest', name: '', epoch: hub.epoch },
    });
  });
});
