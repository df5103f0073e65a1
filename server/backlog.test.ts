import { describe, expect, it } from 'vitest';
import { BacklogGuard, backlogBytes } from './backlog';

// The guard against clients that stop reading, on sockets shaped like socket.io's (conn = engine.io
// Socket, conn.transport.socket = the `ws` WebSocket). tests/faults/slowClient.test.ts runs it on real ones.

const MB = 1024 * 1024;

function fake(opts: { queued?: unknown[]; buffered?: number; polling?: boolean } = {}) {
  const ws = {
    bufferedAmount: opts.buffered ?? 0,
    terminated: false,
    terminate() {
      this.terminated = true;
    },
  };
  const conn = {
    writeBuffer: opts.queued ?? [],
    transport: opts.polling ? { name: 'polling' } : { name: 'websocket', socket: ws },
    closedWith: undefined as boolean | undefined,
    close(discard?: boolean) {
      this.closedWith = discard;
    },
  };
  return { socket: { conn }, ws, conn };
}

/** A packet as engine.io queues it: a string, or a broadcast with its WebSocket frame made once. */
const text = (bytes: number) => ({ type: 'message', data: 'x'.repeat(bytes), options: { compress: true } });
const framed = (bytes: number) => ({
  type: 'message',
  data: 'ignored',
  options: { wsPreEncodedFrame: [Buffer.alloc(10), Buffer.alloc(bytes - 10)] },
});

describe('backlogBytes', () => {
  it("adds engine.io's queued packets and what ws has not handed to the kernel", () => {
    const { socket } = fake({ queued: [text(1000), framed(5000), { type: 'ping' }], buffered: 700 });
    expect(backlogBytes(socket)).toBe(1000 + 5000 + 700);
  });

  it('reads 0 from a connection without those fields, and from none', () => {
    expect(backlogBytes({ conn: {} })).toBe(0);
    expect(backlogBytes({ conn: null })).toBe(0);
    expect(backlogBytes(fake({ polling: true }).socket)).toBe(0);
  });
});

describe('BacklogGuard', () => {
  it('drops only the sockets over the bound, terminating their TCP connection, and counts them', () => {
    const drops: number[] = [];
    const guard = new BacklogGuard(MB, (bytes) => drops.push(bytes));
    const slow = fake({ queued: [text(MB)], buffered: 200 });
    const fine = fake({ queued: [text(MB - 1)], buffered: 1 });
    expect(guard.check([slow.socket, fine.socket])).toBe(1);
    expect(slow.ws.terminated).toBe(true);
    expect(fine.ws.terminated).toBe(false);
    expect(drops).toEqual([MB + 200]);
    expect(guard.stats()).toEqual({ maxBytes: MB, dropped: 1, peakBytes: MB + 200 });
  });

  it('discards a long-polling transport, which has no TCP socket of its own to end', () => {
    const guard = new BacklogGuard(MB);
    const poller = fake({ queued: [text(2 * MB)], polling: true });
    guard.check([poller.socket]);
    expect(poller.conn.closedWith).toBe(true);
  });

  it('lets a catch-up larger than the bound drain, but not live bytes beyond the bound on top of it', () => {
    const guard = new BacklogGuard(MB);
    const client = fake();
    const before = guard.beforeCatchUp(client.socket);
    client.conn.writeBuffer.push(text(20 * MB)); // a replay of the whole log
    guard.afterCatchUp(client.socket, before);
    expect(guard.check([client.socket])).toBe(0);

    // The client reads: 5 MB of the replay are left, then live batches arrive behind it.
    client.conn.writeBuffer = [text(5 * MB)];
    expect(guard.check([client.socket])).toBe(0);
    client.conn.writeBuffer.push(text(MB / 2));
    expect(guard.check([client.socket])).toBe(0);
    client.conn.writeBuffer.push(text(MB));
    expect(guard.check([client.socket])).toBe(1);
    expect(client.ws.terminated).toBe(true);
  });

  it('forgets the allowance once the catch-up has drained', () => {
    const guard = new BacklogGuard(MB);
    const client = fake();
    client.conn.writeBuffer.push(text(20 * MB));
    guard.afterCatchUp(client.socket, 0);
    client.conn.writeBuffer = [];
    guard.check([client.socket]);
    client.conn.writeBuffer = [text(2 * MB)];
    expect(guard.check([client.socket])).toBe(1);
  });

  it('drops a client that keeps asking for catch-ups without reading them', () => {
    const guard = new BacklogGuard(MB);
    const client = fake();
    let dropped = 0;
    for (let i = 0; i < 3 && dropped === 0; i++) {
      const before = guard.beforeCatchUp(client.socket);
      client.conn.writeBuffer.push(text(20 * MB));
      guard.afterCatchUp(client.socket, before);
      dropped = guard.check([client.socket]);
    }
    expect(dropped).toBe(1);
    expect(client.conn.writeBuffer.length).toBe(2);
  });

  it('takes only a positive bound', () => {
    expect(() => new BacklogGuard(0)).toThrow(/positive/);
    expect(() => new BacklogGuard(Number.NaN)).toThrow(/positive/);
  });
});
