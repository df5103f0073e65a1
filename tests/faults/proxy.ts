import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

// A TCP proxy to put between a real client and the hub, so that tests can break the network the way
// networks break: a link cut in the middle of a stream, an outage that refuses reconnects, a client
// that stops reading. Plain node:net, byte for byte: it knows nothing of HTTP, WebSocket or socket.io.

export interface ProxyTarget {
  host?: string;
  port: number;
}

/** One client connection and the upstream connection the proxy opened for it. */
class Link {
  /** while set, nothing from upstream is read, so the upstream's writes back up as they would for a client that stops reading */
  private held: boolean;
  private closed = false;

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
    held: boolean,
    onClose: () => void,
  ) {
    this.held = held;
    // Client → upstream always flows (a stalled reader still sends); backpressure is passed on.
    client.on('data', (chunk: Buffer) => {
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => {
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => {
      if (!this.held) upstream.resume();
    });
    if (held) upstream.pause();
    const end = () => {
      if (this.closed) return;
      this.closed = true;
      client.destroy();
      upstream.destroy();
      onClose();
    };
    // A side that finishes sends its FIN on after what is still buffered for the other side;
    // a side that closes or fails takes the other down at once, as a broken path would.
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    for (const s of [client, upstream]) {
      s.on('close', end);
      s.on('error', end);
    }
  }

  hold(): void {
    this.held = true;
    this.upstream.pause();
  }

  release(): void {
    this.held = false;
    // A client still backed up resumes the upstream itself on its 'drain'.
    if (!this.client.writableNeedDrain) this.upstream.resume();
  }

  destroy(): void {
    this.client.destroy();
    this.upstream.destroy();
  }
}

export class FaultProxy {
  private readonly links = new Set<Link>();
  private refusing = false;
  private refuseTimer: ReturnType<typeof setTimeout> | undefined;
  private held = false;
  /** connections accepted and forwarded */
  accepted = 0;
  /** connections refused while the link was cut */
  refused = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: Required<ProxyTarget>,
    readonly port: number,
  ) {
    server.on('connection', (client) => this.onConnection(client));
  }

  /** A proxy on a free port of 127.0.0.1 in front of `target`. */
  static async start(target: ProxyTarget): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', fail);
        done();
      });
    });
    const { port } = server.address() as AddressInfo;
    return new FaultProxy(server, { host: target.host ?? '127.0.0.1', port: target.port }, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Links open now. */
  get linkCount(): number {
    return this.links.size;
  }

  get isCut(): boolean {
    return this.refusing;
  }

  /**
   * Cuts the network: every open link is destroyed on both sides, and new connections are refused
   * (reset as soon as they are accepted) until restore(), or until `forMs` has passed when given.
   */
  cut(forMs?: number): void {
    this.refusing = true;
    clearTimeout(this.refuseTimer);
    if (forMs !== undefined) this.refuseTimer = setTimeout(() => this.restore(), forMs);
    for (const link of this.links) link.destroy();
  }

  /** Lets connections through again. Links cut before stay cut: clients reconnect on their own. */
  restore(): void {
    clearTimeout(this.refuseTimer);
    this.refusing = false;
  }

  /**
   * Stops forwarding upstream → client on every link, open now or opened later: the client looks
   * like one that stopped reading. The client's own writes still go through.
   */
  pause(): void {
    this.held = true;
    for (const link of this.links) link.hold();
  }

  /** Forwards again everything held, in order, and whatever follows. */
  resume(): void {
    this.held = false;
    for (const link of this.links) link.release();
  }

  async close(): Promise<void> {
    clearTimeout(this.refuseTimer);
    for (const link of this.links) link.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private onConnection(client: Socket): void {
    if (this.refusing) {
      this.refused++;
      client.on('error', () => {});
      client.resetAndDestroy();
      return;
    }
    this.accepted++;
    client.setNoDelay(true);
    const upstream = connect({ host: this.target.host, port: this.target.port, noDelay: true });
    const link: Link = new Link(client, upstream, this.held, () => this.links.delete(link));
    this.links.add(link);
  }
}
