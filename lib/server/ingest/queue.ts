import "server-only";

export class QueueFullError extends Error {}

/**
 * Ingest's backpressure: the samples not yet durable plus those acknowledged but not yet applied
 * (the store's backlog) are bounded, so a flood, or an applier that falls behind, gets 429s
 * instead of an unbounded memory climb. Writing order is the store's business (group commit on
 * SQLite, one transaction at a time on PostgreSQL); this only admits.
 */
export class WriteQueue {
  private waiting = 0;

  constructor(
    private readonly maxPendingSamples: number,
    private readonly backlog: () => number = () => 0,
  ) {}

  get pendingSamples(): number {
    return this.waiting + this.backlog();
  }

  run<T>(samples: number, work: () => Promise<T>): Promise<T> {
    const pending = this.pendingSamples;
    // A single batch larger than the whole queue still runs when the queue is empty.
    if (pending > 0 && pending + samples > this.maxPendingSamples) {
      throw new QueueFullError(`ingest queue is full (${pending} samples waiting)`);
    }
    this.waiting += samples;
    return Promise.resolve()
      .then(work)
      .finally(() => {
        this.waiting -= samples;
      });
  }
}
