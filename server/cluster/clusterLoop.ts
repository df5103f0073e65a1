import type { StreamEvent } from '../../src/shared/protocol/events';
import { settle, StorageUnavailable, type CommitDeps, type Committer, type Job } from '../commit';
import type { CityStore } from '../store/cityStore';
import { LogGap, type StreamCheckpoint } from '../stream';
import type { CommandAnswer, LogMessage, RedisLog } from './redisLog';

/** Telemetry kept in the store for nodes that catch up: about as much as a node's replay log. */
const TELEMETRY_KEPT = 200_000;
/** How often a node asks the store whether it missed a batch (a message lost on Redis). */
const HEAD_CHECK_MS = 1000;

export interface ClusterDeps extends Omit<CommitDeps, 'store' | 'seqHigh'> {
  store: CityStore;
  redis: RedisLog;
  /** a batch brought an inventory another node adopted: load it into the stream */
  adoptStoredInventory(): Promise<void>;
  /** other nodes' first answers to command ids: a command retried here gets the same answer */
  rememberAnswers(answers: CommandAnswer[]): void;
}

/**
 * The commit path of a node among several (REDIS_URL). Every batch runs inside one PostgreSQL
 * transaction that locks the log's head: the node first applies what other nodes committed since it
 * last looked, then runs its changes against that state, gives them the next seqs, writes them and
 * moves the head. So seqs are one contiguous order across nodes, and of two operators acting on one
 * incident from two nodes, the second is checked against the first's result. After the commit the
 * batch goes out to this node's sockets and, through Redis, to the other nodes, which apply it in
 * seq order and fill any hole from the store.
 */
export class ClusterLoop implements Committer {
  private jobs: Job[] = [];
  private remote: LogMessage[] = [];
  private running = false;
  private closed = false;
  private batches = 0;
  private failures = 0;
  private readonly headTimer: ReturnType<typeof setInterval>;
  private readonly pruneTimer: ReturnType<typeof setInterval>;

  constructor(private readonly deps: ClusterDeps) {
    deps.redis.subscribe((msg) => {
      this.remote.push(msg);
      this.kick();
    });
    this.headTimer = setInterval(() => void this.checkHead(), HEAD_CHECK_MS);
    this.pruneTimer = setInterval(() => {
      void deps.store.pruneTelemetry(deps.stream.seq, TELEMETRY_KEPT).catch(() => undefined);
    }, 30_000);
  }

  change<T>(run: () => T): Promise<T> {
    return this.enqueue('change', run);
  }

  read<T>(run: () => T): Promise<T> {
    return this.enqueue('read', run);
  }

  idle(): Promise<void> {
    return this.read(() => undefined);
  }

  get stats(): { batches: number; failures: number; queued: number } {
    return { batches: this.batches, failures: this.failures, queued: this.jobs.length };
  }

  async close(): Promise<void> {
    await this.idle();
    this.closed = true;
    clearInterval(this.headTimer);
    clearInterval(this.pruneTimer);
  }

  private enqueue<T>(kind: Job['kind'], run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ kind, run, resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = true;
    setImmediate(() => void this.loop());
  }

  private async loop(): Promise<void> {
    try {
      while (this.jobs.length > 0 || this.remote.length > 0) {
        await this.absorbRemote();
        const jobs = this.jobs.splice(0);
        if (jobs.length > 0) await this.runBatch(jobs);
      }
    } catch (err) {
      console.error('[cluster] the commit loop failed:', err);
    } finally {
      this.running = false;
    }
  }

  /** A message lost on the way would leave this node behind forever: the store's head tells. */
  private async checkHead(): Promise<void> {
    if (this.running || this.closed) return;
    try {
      const head = await this.deps.store.head();
      if (head !== null && head > this.deps.stream.seq) {
        this.remote.push({ first: head + 1, last: head, events: [] });
        this.kick();
      }
    } catch {
      // The store is away; the next commit reports it.
    }
  }

  /** Applies other nodes' batches in seq order, reading any hole back from the store. */
  private async absorbRemote(): Promise<void> {
    const { stream, store } = this.deps;
    const msgs = this.remote.splice(0).sort((a, b) => a.first - b.first);
    for (const msg of msgs) {
      if (msg.inventory) await this.deps.adoptStoredInventory();
      if (msg.answers) this.deps.rememberAnswers(msg.answers);
      if (msg.last <= stream.seq && msg.events.length > 0) continue;
      const missing =
        msg.first - 1 > stream.seq ? await store.readLog(store.db, stream.seq, msg.first - 1) : [];
      if (missing === null) {
        console.error(
          `[cluster] the store no longer holds seqs ${stream.seq + 1}-${msg.first - 1}: restart this node`,
        );
        continue;
      }
      this.deliver([...missing, ...msg.events]);
    }
  }

  private deliver(events: StreamEvent[]): void {
    if (events.length === 0) return;
    try {
      const applied = this.deps.stream.applyCommitted(events);
      if (applied.length > 0) this.deps.broadcast(applied);
    } catch (err) {
      if (!(err instanceof LogGap)) throw err;
      // Out of order on the wire: the head check or the next batch's catch-up brings the rest.
      this.remote.push({
        first: err.got,
        last: events[events.length - 1]!.seq,
        events: events.filter((e) => e.seq >= err.got),
      });
    }
  }

  private async runBatch(jobs: Job[]): Promise<void> {
    const { stream, store } = this.deps;
    const changes = jobs.filter((j) => j.kind === 'change');
    const results = new Map<Job, { ok: boolean; value: unknown }>();
    let cp: StreamCheckpoint | null = null;
    let events: StreamEvent[] = [];
    let audit: ReturnType<CommitDeps['takeAudit']> = [];
    let adopted = false;
    let failed: StorageUnavailable | null = null;
    if (changes.length > 0) {
      try {
        await store.db.transaction(async (tx) => {
          const head = await store.lockHead(tx);
          if (head > stream.seq) {
            const missing = await store.readLog(tx, stream.seq, head);
            if (missing === null) throw new Error(`the store no longer holds seqs ${stream.seq + 1}-${head}`);
            this.deliver(missing);
          }
          if (head !== stream.seq) throw new Error(`this node is at seq ${stream.seq}, the log at ${head}`);
          cp = stream.checkpoint();
          for (const job of changes) {
            try {
              results.set(job, { ok: true, value: job.run() });
            } catch (err) {
              results.set(job, { ok: false, value: err });
            }
          }
          events = stream.takePending();
          audit = this.deps.takeAudit();
          const inventory = stream.takeAdopted();
          adopted = inventory !== null;
          if (events.length === 0 && audit.length === 0 && !inventory) return;
          await store.writeIn(
            tx,
            {
              events,
              state: stream.state,
              audit,
              cityNow: this.deps.cityNow(),
              ...(inventory ? { inventory: { inventory, seq: stream.seq } } : {}),
            },
            true,
          );
          if (events.length > 0) await store.setHead(tx, stream.seq);
        });
      } catch (err) {
        failed = new StorageUnavailable(err);
        this.failures++;
        this.deps.onStoreError?.(err);
        if (cp) stream.rollback(cp, events);
        this.deps.forgetAudit(audit);
      }
      if (!failed) {
        this.batches++;
        const answers = audit.flatMap((r) =>
          r.fingerprint && r.ack && r.entry.commandId
            ? [{ commandId: r.entry.commandId, fingerprint: r.fingerprint, ack: r.ack }]
            : [],
        );
        if (events.length > 0 || adopted || answers.length > 0) {
          if (events.length > 0) this.deps.broadcast(events);
          const msg: LogMessage = {
            first: events[0]?.seq ?? stream.seq + 1,
            last: events[events.length - 1]?.seq ?? stream.seq,
            events,
            ...(adopted ? { inventory: true as const } : {}),
            ...(answers.length > 0 ? { answers } : {}),
          };
          this.deps.redis.publish(msg).catch((err: unknown) => this.deps.onStoreError?.(err));
        }
      }
    }
    settle(jobs, (job) => results.get(job), failed);
  }
}
