import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/harness';
import { FaultProxy } from './proxy';

// The proxy the fault suite stands on, against plain TCP: if it lost, reordered or leaked bytes, the
// suite would blame the hub for it.

interface Upstream {
  server: Server;
  port: number;
  /** the upstream's side of every connection the proxy opened, in order */
  sockets: Socket[];
  /** bytes each connection received, by index */
  received: Buffer[][];
}

async function upstream(echo = false): Promise<Upstream> {
  const sockets: Socket[] = [];
  const received: Buffer[][] = [];
  const server = createServer((s) => {
    const i = sockets.push(s) - 1;
    received[i] = [];
    s.on('error', () => {});
    s.on('data', (chunk: Buffer) => {
      received[i]!.push(chunk);
      if (echo) s.write(chunk);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port, sockets, received };
}

interface Client {
  socket: Socket;
  chunks: Buffer[];
  bytes(): number;
  closed: boolean;
}

function client(port: number): Client {
  const socket = connect({ host: '127.0.0.1', port });
  const c: Client = {
    socket,
    chunks: [],
    bytes: () => c.chunks.reduce((n, b) => n + b.length, 0),
    closed: false,
  };
  socket.on('data', (chunk: Buffer) => c.chunks.push(chunk));
  socket.on('error', () => {});
  socket.on('close', () => (c.closed = true));
  return c;
}

/**
 * Writes `data` a chunk at a time, each after the last was flushed to the kernel: flushed() is then
 * what the kernel has taken, and it stops growing when the reader's side is full.
 */
function pumpInto(socket: Socket, data: Buffer, chunkBytes = 64 * 1024): { flushed(): number } {
  let flushed = 0;
  const next = () => {
    if (flushed >= data.length || socket.destroyed) return;
    const chunk = data.subarray(flushed, flushed + chunkBytes);
    socket.write(chunk, (err) => {
      if (err) return;
      flushed += chunk.length;
      next();
    });
  };
  next();
  return { flushed: () => flushed };
}

const digest = (chunks: Buffer[]) => createHash('sha256').update(Buffer.concat(chunks)).digest('hex');

describe('FaultProxy', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup(echo = false) {
    const up = await upstream(echo);
    const proxy = await FaultProxy.start({ port: up.port });
    cleanup.push(
      () => new Promise<void>((done) => up.server.close(() => done())),
      () => {
        for (const s of up.sockets) s.destroy();
      },
      () => proxy.close(),
    );
    return { up, proxy };
  }

  it('forwards bytes both ways, unchanged and in order', async () => {
    const { proxy } = await setup(true);
    const c = client(proxy.port);
    const sent = randomBytes(2 * 1024 * 1024);
    c.socket.write(sent);
    await waitFor(() => c.bytes() === sent.length, 'the echo', 15_000);
    expect(digest(c.chunks)).toBe(digest([sent]));
    expect(proxy.linkCount).toBe(1);
  });

  it('cuts every link on both sides and refuses new connections until restored', async () => {
    const { up, proxy } = await setup();
    const c = client(proxy.port);
    await waitFor(() => up.sockets.length === 1, 'the upstream connection');
    const upSide = up.sockets[0]!;
    let upClosed = false;
    upSide.on('close', () => (upClosed = true));

    proxy.cut();
    await waitFor(() => c.closed && upClosed, 'both sides closed');
    expect(proxy.linkCount).toBe(0);

    // While cut, a connection is accepted by the kernel and reset at once; nothing reaches upstream.
    const during = client(proxy.port);
    await waitFor(() => during.closed, 'the refused connection to close');
    expect(during.bytes()).toBe(0);
    expect(proxy.refused).toBe(1);
    expect(up.sockets).toHaveLength(1);

    proxy.restore();
    const after = client(proxy.port);
    after.socket.write('hello');
    await waitFor(() => up.received[1]?.length === 1, 'a connection after restore');
    expect(Buffer.concat(up.received[1]!).toString()).toBe('hello');
  });

  it('restores by itself after the time given to cut()', async () => {
    const { up, proxy } = await setup();
    proxy.cut(300);
    expect(proxy.isCut).toBe(true);
    await waitFor(() => !proxy.isCut, 'the cut to end', 5000);
    const c = client(proxy.port);
    c.socket.write('back');
    await waitFor(() => up.received[0]?.length === 1, 'a connection after the cut');
  });

  it('holds what upstream sends while paused, lets the client write, and delivers it all on resume', async () => {
    const { up, proxy } = await setup();
    const c = client(proxy.port);
    await waitFor(() => up.sockets.length === 1, 'the upstream connection');
    const upSide = up.sockets[0]!;

    proxy.pause();
    // More than loopback's kernel buffers take, so that the writer itself has to queue: that is the
    // backpressure a hub sees from a client that stopped reading.
    const sent = randomBytes(48 * 1024 * 1024);
    const pump = pumpInto(upSide, sent);
    // Some of it has reached the proxy's side of the kernel, and a round trip through the proxy has
    // run since: a proxy still forwarding would have passed bytes on by now.
    await waitFor(() => pump.flushed() > 1024 * 1024, 'bytes into the kernel', 15_000);
    c.socket.write('still talking');
    await waitFor(() => up.received[0]?.length === 1, 'the client to upstream direction');
    expect(c.bytes()).toBe(0);
    expect(pump.flushed()).toBeLessThan(sent.length);

    proxy.resume();
    await waitFor(() => c.bytes() === sent.length, 'everything held', 30_000);
    expect(digest(c.chunks)).toBe(digest([sent]));
  });

  it('holds links opened while paused too', async () => {
    const { up, proxy } = await setup();
    proxy.pause();
    const c = client(proxy.port);
    await waitFor(() => up.sockets.length === 1, 'the upstream connection');
    up.sockets[0]!.write('queued');
    c.socket.write('ping');
    await waitFor(() => up.received[0]?.length === 1, 'the client to upstream direction');
    expect(c.bytes()).toBe(0);
    proxy.resume();
    await waitFor(() => c.bytes() === 6, 'the held bytes');
    expect(Buffer.concat(c.chunks).toString()).toBe('queued');
  });

  it('passes an orderly close on after the bytes before it', async () => {
    const { up, proxy } = await setup();
    const c = client(proxy.port);
    await waitFor(() => up.sockets.length === 1, 'the upstream connection');
    up.sockets[0]!.end('last words');
    await waitFor(() => c.closed, 'the client to see the close');
    expect(Buffer.concat(c.chunks).toString()).toBe('last words');
  });
});
