import type { StreamEvent } from '../src/shared/protocol/events';
import type { AuditRecord, Batch } from './store/cityStore';
import type { CityStream } from './stream';

/** Seqs are reserved in the store this many at a time: a restart goes on above the reservation. */
export const SEQ_BLOCK = 100_000;

/** A change could not be stored: nothing of it happened, and the caller may retry. */
export class StorageUnavailable extends Error {
  constructor(cause: unknown) {
    super(`storage unavailable: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

export interface CommitDeps {
  stream: CityStream;
  /** null: memory only (SIM tests, DATA_DIR=memory) */
  store: { write(batch: Batch): Promise<void> } | null;
  /** the seq reserved so far (the store's seq_high) */
  seqHigh: number;
  /** sends a committed batch to the sockets */
  broadcast(events: StreamEvent[]): void;
  /** the audit records made since the last call (the command desk's) */
  takeAudit(): AuditRecord[];
  /** a batch failed to store: forget its audit records and answers */
  forgetAudit(records: AuditRecord[]): void;
  cityNow(): number;
  onStoreError?(err: unknown): void;
}

/** What the hub asks of its commit path, one node (CommitLoop) or several (cluster/clusterLoop.ts). */
export interface Committer {
  change<T>(run: () => T): Promise<T>;
  read<T>(run: () => T): Promise<T>;
  idle(): Promise<void>;
  readonly stats: { batches: number; failures: number; queued: number };
  close(): Promise<void>;
}

export interface Job {
  kind: 'change' | 'read';
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * The one door to the stream. Changes (an ingest, a command, the simulator's tick) run in arrival
 * order, each seeing the ones before; whatever queued while the store was busy goes in one
 * transaction (group commit). Only then are the events sent and the callers answered: a 202 or an
 * `ok` means stored, and no client ever sees an event a restart would lose.
 * Reads (a client's catch-up) run right after a batch is sent, when nothing is unsent, so their
 * answer ends exactly where the next broadcast begins.
 */
export class CommitLoop implements Committer {
  private jobs: Job[] = [];
  private running = false;
  private seqHigh: number;
  private batches = 0;
  private failures = 0;

  constructor(private readonly deps: CommitDeps) {
    this.seqHigh = deps.seqHigh;
  }

  change<T>(run: () => T): Promise<T> {
    return this.enqueue('change', run);
  }

  read<T>(run: () => T): Promise<T> {
    return this.enqueue('read', run);
  }

  get stats(): { batches: number; failures: number; queued: number } {
    return { batches: this.batches, failures: this.failures, queued: this.jobs.length };
  }

  /** Resolves when everything queued so far has been committed and answered. */
  idle(): Promise<void> {
    return this.read(() => undefined);
  }

  close(): Promise<void> {
    return this.idle();
  }

  private enqueue<T>(kind: Job['kind'], run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ kind, run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // After the current task: what arrives with it joins the same batch.
        setImmediate(() => void this.loop());
      }
    });
  }

  private async loop(): Promise<void> {
    try {
      while (this.jobs.length > 0) await this.runBatch(this.jobs.splice(0));
    } finally {
      this.running = false;
    }
  }

  private async runBatch(jobs: Job[]): Promise<void> {
    const { stream } = this.deps;
    const cp = stream.checkpoint();
    const results: { ok: boolean; value: unknown }[] = [];
    for (const job of jobs) {
      if (job.kind !== 'change') {
        results.push({ ok: true, value: undefined });
        continue;
      }
      try {
        results.push({ ok: true, value: job.run() });
      } catch (err) {
        results.push({ ok: false, value: err });
      }
    }
    const events = stream.takePending();
    const audit = this.deps.takeAudit();
    const inventory = stream.takeAdopted();
    let failed: StorageUnavailable | null = null;
    if (this.deps.store && (events.length > 0 || audit.length > 0 || inventory)) {
      const reserve = stream.seq > this.seqHigh ? stream.seq + SEQ_BLOCK : undefined;
      try {
        await this.deps.store.write({
          events,
          state: stream.state,
          audit,
          cityNow: this.deps.cityNow(),
          ...(inventory ? { inventory: { inventory, seq: stream.seq } } : {}),
          ...(reserve === undefined ? {} : { seqHigh: reserve }),
        });
        if (reserve !== undefined) this.seqHigh = reserve;
      } catch (err) {
        failed = new StorageUnavailable(err);
        this.failures++;
        this.deps.onStoreError?.(err);
      }
    }
    if (failed) {
      stream.rollback(cp, events);
      this.deps.forgetAudit(audit);
    } else {
      this.batches++;
      if (events.length > 0) this.deps.broadcast(events);
    }
    const byJob = new Map(jobs.map((job, i) => [job, results[i]]));
    settle(jobs, (job) => byJob.get(job), failed);
  }
}

/**
 * Answers a batch's jobs once it is stored and sent: the changes with their results (or all with
 * the store's refusal), the reads run now, when nothing is committed and unsent.
 */
export function settle(
  jobs: readonly Job[],
  resultOf: (job: Job) => { ok: boolean; value: unknown } | undefined,
  failed: Error | null,
): void {
  for (const job of jobs) {
    if (job.kind === 'read') {
      try {
        job.resolve(job.run());
      } catch (err) {
        job.reject(err);
      }
      continue;
    }
    const r = resultOf(job);
    if (failed) job.reject(failed);
    else if (r?.ok) job.resolve(r.value);
    else job.reject(r?.value);
  }
}
