import "server-only";
import type { CounterSample, CounterState } from "@/lib/domain/counter-increase";
import { rollupSeries, type SeriesRollup } from "@/lib/domain/rollup";
import { labelsJson, seriesKey } from "@/lib/domain/series-key";
import { log } from "../../log";
import type { StoreResult, StoreSeries } from "../store-types";
import { decodeLogPayload, encodeLogPayload } from "./log-codec";
import { OwnerLock } from "./owner-lock";
import { PendingRollups } from "./pending-rollups";
import { openSampleDb, type SampleDb, stateOf } from "./statements";

/**
 * A series as the acknowledged samples left it: the state the next request is judged against.
 * `fresh` until its row is committed; `seq` and `item` find it in the request being judged.
 */
type Entry = { id: number; key: string; last: CounterState | null; fresh?: { metric: string; labels: string }; seq: number; item: number };
type Waiting = { batch: readonly StoreSeries[]; resolve: (result: StoreResult) => void; reject: (error: unknown) => void };
type Item = { entry: Entry; samples: readonly CounterSample[]; rollup: SeriesRollup };

const NO_ROLLUP: SeriesRollup = { minutes: [], hours: [], last: null, accepted: 0, dropped: {} };

export type SampleLogOptions = { applyIntervalMs: number; applyAtSamples: number; maxCachedSeries?: number };

/** About 250 bytes each with its key: some 125 MB for half a million active series. */
export const DEFAULT_MAX_CACHED_SERIES = 500_000;

/**
 * The SQLite write path (architecture.md "Ingest"): a request is acknowledged once its samples are
 * committed to IngestLog, in one transaction with the requests that arrived alongside it, and
 * the log file fsynced after it (off the event loop, shared by every commit meanwhile: wal-sync.ts);
 * an applier later folds them into the rollups and deletes the log rows in
 * one transaction, so a crash anywhere leaves each logged sample applied exactly once.
 *
 * This object is the only writer of Series state and rollups on SQLite: it judges each request
 * (duplicates, out of order) against series states it holds in memory, which include samples
 * logged but not yet applied. So one process owns a SQLite file, which the embedded default is;
 * owner-lock.ts refuses a second one.
 *
 * The states are a cache of the Series rows: at most `maxCachedSeries` of them once the log is
 * applied (oldest first out, read back from the row when next seen), plus, between applies, the
 * series whose samples await applying, which the ingest queue's bound limits.
 */
export class SampleLog {
  private readonly owner: OwnerLock;
  private readonly sql: SampleDb;
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new PendingRollups();
  private waiting: Waiting[] = [];
  private isCommitScheduled = false;
  private requestSeq = 0;
  /** The newest log row whose samples are in `pending`. */
  private loggedThrough = 0;
  private applyError: unknown = null;
  private readonly timer: NodeJS.Timeout;

  constructor(file: string, private readonly options: SampleLogOptions) {
    this.owner = OwnerLock.acquire(file);
    try {
      this.sql = openSampleDb(file);
      this.recover();
    } catch (error) {
      this.owner.release();
      throw error;
    }
    this.timer = setInterval(() => this.tryApply(), options.applyIntervalMs);
    this.timer.unref();
  }

  /** Samples acknowledged but not yet in the rollups. */
  get backlogSamples(): number {
    return this.pending.samples;
  }

  /** Resolves once the batch's samples are durable in the log; rejects with nothing of it stored. */
  store(batch: readonly StoreSeries[]): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      if (this.isCommitScheduled) return;
      this.isCommitScheduled = true;
      // Every request that reaches this point in the same turn of the event loop shares the commit.
      setImmediate(() => this.commitGroup());
    });
  }

  /** Writes every acknowledged sample into the rollups now; throws when that fails. */
  flush(): void {
    this.apply();
  }

  close(): void {
    clearInterval(this.timer);
    this.tryApply();
    this.sql.close();
    this.owner.release();
  }

  private commitGroup(): void {
    this.isCommitScheduled = false;
    const group = this.waiting;
    this.waiting = [];
    // Cache entries are updated in place as each request is judged, so the next request in the
    // group sees them; `undo` puts them back if the group's commit fails.
    const undo: { entry: Entry; last: CounterState | null }[] = [];
    const judged: { waiting: Waiting; result: StoreResult; items: Item[] }[] = [];
    for (const waiting of group) {
      try {
        judged.push({ waiting, ...this.judge(waiting.batch, undo) });
      } catch (error) {
        waiting.reject(error); // a bad sample fails its own request, not the group
      }
    }
    if (judged.length === 0) return;
    const logged = judged.flatMap((j) => j.items.filter((item) => item.rollup.accepted > 0));
    const samples = logged.reduce((n, item) => n + item.rollup.accepted, 0);
    let logId = 0;
    try {
      logId = this.sql.db.transaction(() => {
        const createdAt = new Date();
        // A new series judged in several requests of the group is in `undo` once per request.
        for (const { entry } of undo) if (entry.fresh && entry.id === 0) entry.id = this.sql.insertSeries({ key: entry.key, ...entry.fresh }, createdAt);
        if (logged.length === 0) return 0;
        return this.sql.appendLog(samples, encodeLogPayload(logged.map((item) => ({ id: item.entry.id, samples: item.samples }))));
      })();
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) {
        const { entry, last } = undo[i]!;
        entry.last = last;
        if (entry.fresh) this.cache.delete(entry.key);
      }
      for (const j of judged) j.waiting.reject(error);
      return;
    }
    for (const { entry } of undo) delete entry.fresh;
    for (const item of logged) this.pending.add(item.entry.id, item.rollup);
    if (logId) this.loggedThrough = logId;
    // Committed: later requests are judged against it at once; acknowledged once it is on disk.
    // Should the fsync fail, the commit may or may not survive a power cut: the senders get the
    // error (503) and retry, and a retry of samples that did survive is dropped as duplicates.
    this.sql.sync().then(
      () => judged.forEach((j) => j.waiting.resolve(j.result)),
      (error: unknown) => judged.forEach((j) => j.waiting.reject(error)),
    );
    if (this.pending.samples >= this.options.applyAtSamples) setImmediate(() => this.tryApply());
  }

  /**
   * Rolls a request up against the states before it. Throws before changing anything when a
   * sample is invalid; otherwise moves the cache entries on, recording their old states in `undo`.
   */
  private judge(batch: readonly StoreSeries[], undo: { entry: Entry; last: CounterState | null }[]) {
    const seq = ++this.requestSeq;
    const items: Item[] = [];
    // New series live here until the request has passed, so a failed request leaves no trace.
    const fresh = new Map<string, Entry>();
    for (const s of batch) {
      const key = s.key ?? seriesKey(s.metric, s.labels);
      let entry = fresh.get(key) ?? this.lookup(key);
      if (!entry) {
        entry = { id: 0, key, last: null, fresh: { metric: s.metric, labels: labelsJson(s.labels) }, seq: 0, item: 0 };
        fresh.set(key, entry);
      }
      if (entry.seq === seq) {
        // A second entry for one series in a request: merged, so the series is judged once.
        const item = items[entry.item]!;
        item.samples = [...item.samples, ...s.samples];
        continue;
      }
      entry.seq = seq;
      entry.item = items.length;
      items.push({ entry, samples: s.samples, rollup: NO_ROLLUP });
    }
    const result: StoreResult = { series: items.length, accepted: 0, dropped: {} };
    for (const item of items) {
      item.rollup = rollupSeries(item.entry.last, item.samples);
      result.accepted += item.rollup.accepted;
      for (const reason in item.rollup.dropped) {
        const count = item.rollup.dropped[reason as keyof SeriesRollup["dropped"]]!;
        result.dropped[reason] = (result.dropped[reason] ?? 0) + count;
      }
    }
    for (const entry of fresh.values()) this.cache.set(entry.key, entry);
    for (const item of items) {
      undo.push({ entry: item.entry, last: item.entry.last });
      item.entry.last = item.rollup.last;
    }
    return { result, items };
  }

  private lookup(key: string): Entry | null {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Not in the cache: no logged sample of it awaits applying, so the stored state is current.
    const row = this.sql.findSeries(key);
    if (!row) return null;
    const entry = { id: row.id, key, last: stateOf(row), seq: 0, item: 0 };
    this.cache.set(key, entry);
    return entry;
  }

  /** After a crash: rolls the unapplied log up again, against the states it was judged against. */
  private recover(): void {
    const byId = new Map<number, Entry>();
    for (const row of this.sql.readLog()) {
      for (const { id, samples } of decodeLogPayload(row.payload)) {
        let entry = byId.get(id);
        if (!entry) {
          const stored = this.sql.getSeriesById(id);
          if (!stored) throw new Error(`IngestLog row ${row.id} names series ${id}, which does not exist`);
          entry = { id, key: stored.key, last: stateOf(stored), seq: 0, item: 0 };
          byId.set(id, entry);
          this.cache.set(entry.key, entry);
        }
        const rollup = rollupSeries(entry.last, samples);
        entry.last = rollup.last;
        this.pending.add(id, rollup);
      }
      this.loggedThrough = row.id;
    }
    if (this.loggedThrough === 0) return;
    log.info("ingest: applying the log left by the last run", { samples: this.pending.samples, throughLogId: this.loggedThrough });
    this.tryApply();
  }

  private apply(): void {
    if (this.pending.samples === 0) return this.trimCache();
    const ids = [...this.pending.series.keys()].sort((a, b) => a - b); // in key order: fewer B-tree pages touched
    this.sql.db.transaction(() => {
      const minutes = this.sql.minuteCells();
      const hours = this.sql.hourCells();
      for (const id of ids) {
        const p = this.pending.series.get(id)!;
        for (const cell of p.minutes.values()) minutes.add(id, cell);
        for (const cell of p.hours.values()) hours.add(id, cell);
        this.sql.saveState(id, p.last);
      }
      minutes.end();
      hours.end();
      this.sql.deleteLogThrough(this.loggedThrough);
    })();
    this.pending.clear();
    this.trimCache();
    if (this.applyError) log.info("ingest: rollups are written again");
    this.applyError = null;
  }

  /** Every state now matches its Series row (nothing awaits applying), so any may go. */
  private trimCache(): void {
    let excess = this.cache.size - (this.options.maxCachedSeries ?? DEFAULT_MAX_CACHED_SERIES);
    for (const key of this.cache.keys()) {
      if (excess-- <= 0) break;
      this.cache.delete(key);
    }
  }

  /** Series states held in memory (for tests of the bound). */
  get cachedSeries(): number {
    return this.cache.size;
  }

  private tryApply(): void {
    try {
      this.apply();
    } catch (error) {
      // The samples stay in the log and in memory; the next tick retries, and the queue's bound
      // (which counts them) turns a lasting failure into 429s.
      if (!this.applyError) log.error("ingest: writing rollups failed; will retry", { error: error instanceof Error ? error.message : String(error) });
      this.applyError = error;
    }
  }
}
