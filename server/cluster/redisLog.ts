import { Redis } from 'ioredis';
import { safeUrl } from '../store/db';
import type { CommandAck, StreamEvent } from '../../src/shared/protocol/events';

/** One committed batch as it travels between nodes. */
export interface LogMessage {
  first: number;
  last: number;
  events: StreamEvent[];
  /** the batch gave the hub its inventory (PUT /api/inventory): read it from the store */
  inventory?: true;
  /** the first answers to command ids in the batch: a retry on another node gets the same answer */
  answers?: CommandAnswer[];
}

export interface CommandAnswer {
  commandId: string;
  fingerprint: string;
  ack: CommandAck;
}

const STREAM = 'ioc:log';
/** Entries kept in the stream: a node further behind reads the store instead. */
const MAX_LEN = 10_000;

/**
 * The fan-out of committed batches between nodes on a Redis stream. Order and completeness come from
 * PostgreSQL (the log's head is locked by each commit); this only carries the news fast. A message
 * lost here (Redis restarted, a node died between its commit and its publish) shows as a hole in the
 * seqs, which the receiving node fills from the store.
 */
export class RedisLog {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private reading = false;
  private lastId = '$';

  constructor(
    readonly url: string,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    this.pub.on('error', onError);
    this.sub.on('error', onError);
  }

  /** The client socket.io's Redis adapter shares. */
  get client(): Redis {
    return this.pub;
  }

  async connect(): Promise<void> {
    try {
      await Promise.all([this.pub.connect(), this.sub.connect()]);
    } catch (err) {
      this.pub.disconnect();
      this.sub.disconnect();
      throw new Error(`could not reach Redis at ${safeUrl(this.url)}: ${(err as Error).message}`);
    }
  }

  async publish(msg: LogMessage): Promise<void> {
    await this.pub.xadd(STREAM, 'MAXLEN', '~', String(MAX_LEN), '*', 'm', JSON.stringify(msg));
  }

  /** Calls `onMessage` with every batch published from now on, by any node (this one's too). */
  subscribe(onMessage: (msg: LogMessage) => void): void {
    if (this.reading) return;
    this.reading = true;
    void (async () => {
      while (this.reading) {
        try {
          const res = await this.sub.xread('COUNT', 100, 'BLOCK', 1000, 'STREAMS', STREAM, this.lastId);
          if (!res) continue;
          for (const [, entries] of res) {
            for (const [id, fields] of entries) {
              this.lastId = id;
              const at = fields.indexOf('m');
              const raw = at >= 0 ? fields[at + 1] : undefined;
              if (raw === undefined) continue;
              try {
                onMessage(JSON.parse(raw) as LogMessage);
              } catch (err) {
                this.onError(err as Error);
              }
            }
          }
        } catch (err) {
          if (!this.reading) return;
          this.onError(err as Error);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();
  }

  async close(): Promise<void> {
    this.reading = false;
    this.sub.disconnect();
    await this.pub.quit().catch(() => undefined);
  }
}
