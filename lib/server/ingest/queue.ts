import "server-only";

export class QueueFullError extends Error {}

/**
 * Ingest's backpressure: one batch is written at a time (SQLite has one writer anyway) and the
 * samples waiting are bounded, so a flood gets 429s instead of an unbounded memory climb.
 */
export class WriteQueue {
  private pending = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly maxPendingSamples: number) {}

  get pendingSamples(): number {
    return this.pending;
  }

  run<T>(samples: number, work: () => Promise<T>): Promise<T> {
    // A single batch larger than the whole queue still runs when the queue is empty.
    if (this.pending > 0 && this.pending + samples > this.maxPendingSamples) {
      throw new QueueFullError(`ingest queue is full (${this.pending} samples waiting)`);
    }
    this.pending += samples;
    const result = this.tail.then(work).finally(() => {
      this.pending -= samples;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
