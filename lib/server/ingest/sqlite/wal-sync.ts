import fs from "node:fs";

/**
 * Makes SQLite's write-ahead log durable off the event loop. The ingest connection commits with
 * `synchronous = NORMAL` (no fsync at commit; checkpoints still sync, so the database file is
 * never behind a log that is reset), and a request is acknowledged only after an fsync of the
 * `-wal` file that began after its commit: the same promise FULL gives, but the 2–4 ms the fsync
 * takes no longer stops the thread that decodes and judges the next requests, and every commit
 * made during one fsync shares the next (a larger group commit, for free).
 *
 * fsync flushes the file, whichever descriptor wrote it, so it covers Prisma's writes and the
 * applier's too. The `-wal` file lives while a connection to the database is open, and this
 * connection stays open until close().
 */
export class WalSync {
  private queued: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private isRunning = false;
  private isClosed = false;

  private constructor(private readonly fd: number) {}

  /** null when the log file is not there (then the connection must commit with FULL). */
  static open(walFile: string): WalSync | null {
    try {
      return new WalSync(fs.openSync(walFile, "r+"));
    } catch {
      return null;
    }
  }

  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.isClosed) return reject(new Error("the ingest log is closed"));
      this.queued.push({ resolve, reject });
      if (!this.isRunning) this.start();
    });
  }

  /** Syncs what is waiting, now, and lets go of the file. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    const waiting = this.queued;
    this.queued = [];
    let error: unknown = null;
    try {
      fs.fsyncSync(this.fd);
    } catch (e) {
      error = e;
    }
    for (const w of waiting) (error ? w.reject(error) : w.resolve());
    // An fsync still running closes the descriptor when it returns, so the number is not reused under it.
    if (!this.isRunning) fs.closeSync(this.fd);
  }

  private start(): void {
    // Whoever asks while this runs may have committed after it began: they wait for the next one.
    const batch = this.queued;
    this.queued = [];
    this.isRunning = true;
    fs.fsync(this.fd, (error) => {
      this.isRunning = false;
      for (const w of batch) (error ? w.reject(error) : w.resolve());
      if (this.isClosed) fs.close(this.fd, () => undefined);
      else if (this.queued.length > 0) this.start();
    });
  }
}
