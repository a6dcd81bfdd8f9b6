import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CounterSample, CounterState } from "@/lib/domain/counter-increase";
import type { SeriesMemo } from "@/lib/domain/ingest-limits";
import { judgeOne, judgeSeries, type SeriesVerdict } from "@/lib/domain/rollup";
import { labelsJson, seriesKey } from "@/lib/domain/series-key";
import { isNextServer } from "../../env";
import { log } from "../../log";
import type { StoreResult, StoreSeries } from "../store-types";
import { Applier, DEFAULT_MAX_CACHED_SERIES } from "./applier";
import type { ApplierOptions, FromApplier, ToApplier } from "./applier-worker";
import { encodeLogPayload } from "./log-codec";
import { LogDb } from "./log-db";
import { OwnerLock } from "./owner-lock";
import { type NewSeries, openRollupWriter, openSeriesReader, type SeriesReader, stateOf } from "./statements";

/**
 * A series as the acknowledged samples left it: the state the next request is judged against.
 * `fresh` until its first log row is committed; `loggedAt` is the newest log row with samples of
 * it; `seq` and `item` find it in the request being judged; `isGone` once it has left the cache
 * (a series memo still pointing at it must look it up again).
 */
type Entry = {
  id: number;
  key: string;
  last: CounterState | null;
  fresh: { metric: string; labels: string } | undefined;
  loggedAt: number;
  seq: number;
  item: number;
  isGone: boolean;
};
type Waiting = { batch: readonly StoreSeries[]; resolve: (result: StoreResult) => void; reject: (error: unknown) => void };
/** A series in the request being judged: its samples, how many were accepted, and the state they leave. */
type Item = { entry: Entry; samples: readonly CounterSample[]; accepted: number; last: CounterState | null; memo: SeriesMemo | undefined };

export type SampleLogOptions = { applyIntervalMs: number; applyAtSamples: number; maxCachedSeries?: number };

/** Before a worker that died is started again, so one that dies at once does not spin. */
const RESTART_DELAY_MS = 1_000;

/**
 * The SQLite write path (architecture.md "Ingest"): a request is acknowledged once its samples are
 * appended to the ingest log (log-db.ts, a SQLite file of its own), in one commit with the requests
 * that arrived alongside it, and the log file fsynced after it (off the event loop, shared by every
 * commit meanwhile: wal-sync.ts). Each row then goes to the applier on a worker thread
 * (applier-worker.ts), which folds it into the rollups on the other core and moves the main
 * database's log cursor in the same transaction; rows behind the cursor are deleted here. A crash
 * anywhere leaves each logged sample applied exactly once: the next start applies the rows after
 * the cursor before it judges anything.
 *
 * This object judges each request (duplicates, out of order) against series states it holds in
 * memory, which include samples logged but not yet applied, and it names new series' ids (the
 * applier writes their rows). So one process owns a SQLite file, which the embedded default is;
 * owner-lock.ts refuses a second one.
 *
 * The states are a cache of the Series rows: at most `maxCachedSeries` of them whose samples are
 * all applied (oldest first out, read back from the row when next seen), plus the series whose
 * samples await applying, which the ingest queue's bound limits.
 */
export class SampleLog {
  private readonly owner: OwnerLock;
  private readonly series: SeriesReader;
  private readonly log: LogDb;
  private readonly cache = new Map<string, Entry>();
  private readonly maxCachedSeries: number;
  private waiting: Waiting[] = [];
  private isCommitScheduled = false;
  private requestSeq = 0;
  /** The last id given to a series. */
  private lastSeriesId: number;
  /** Samples logged and not yet applied, the newest log row appended and the newest applied. */
  private backlog = 0;
  private loggedThrough = 0;
  private appliedThrough: number;
  private worker: Worker | null = null;
  private flushSeq = 0;
  private readonly flushes = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
  private closing: Promise<void> | null = null;
  private isApplierFailing = false;

  constructor(
    private readonly file: string,
    private readonly options: SampleLogOptions,
  ) {
    this.maxCachedSeries = options.maxCachedSeries ?? DEFAULT_MAX_CACHED_SERIES;
    this.owner = OwnerLock.acquire(file);
    try {
      this.series = openSeriesReader(file);
      this.appliedThrough = this.series.appliedThrough();
      this.log = LogDb.open(file, this.appliedThrough);
      this.recover();
      this.loggedThrough = this.appliedThrough;
      this.lastSeriesId = this.series.lastSeriesId();
    } catch (error) {
      this.owner.release();
      throw error;
    }
    this.startWorker();
  }

  /** Samples acknowledged but not yet in the rollups. */
  get backlogSamples(): number {
    return this.backlog;
  }

  /** Resolves once the batch's samples are durable in the log; rejects with nothing of it stored. */
  store(batch: readonly StoreSeries[]): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      if (this.closing) return reject(new Error("the ingest log is closed"));
      this.waiting.push({ batch, resolve, reject });
      if (this.isCommitScheduled) return;
      this.isCommitScheduled = true;
      // Every request that reaches this point in the same turn of the event loop shares the commit.
      setImmediate(() => this.commitGroup());
    });
  }

  /** Resolves once every sample logged so far is in the rollups; rejects when writing them fails. */
  flush(): Promise<void> {
    if (this.closing) return this.closing;
    // Readers flush before every read: with nothing unapplied that costs no round trip.
    if (this.appliedThrough >= this.loggedThrough) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const seq = ++this.flushSeq;
      this.flushes.set(seq, { resolve, reject });
      this.worker?.ref(); // a script awaiting this has nothing else keeping it alive
      this.post({ type: "flush", seq });
    });
  }

  /** Applies what is logged, stops the applier and lets go of the files. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      let isDone = false;
      const finish = () => {
        if (isDone) return;
        isDone = true;
        this.log.close();
        this.series.close();
        this.owner.release();
        resolve();
      };
      const worker = this.worker;
      this.worker = null;
      if (!worker) return finish();
      // It applies what it holds, says so after its last "applied", and ends; should it die
      // instead, the log keeps what it had not applied for the next start.
      worker.ref();
      worker.on("message", (message: FromApplier) => message.type === "closed" && finish());
      worker.once("exit", finish);
      worker.postMessage({ type: "close" } satisfies ToApplier);
    });
    return this.closing;
  }

  /** Series states held in memory (for tests of the bound). */
  get cachedSeries(): number {
    return this.cache.size;
  }

  /** For tests: the applier dies as a crash would end it; the log keeps what it had not applied. */
  async terminateApplier(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // Resolves after this object's own exit handler (registered first) has seen it go.
    await new Promise<void>((resolve) => {
      worker.once("exit", () => resolve());
      void worker.terminate();
    });
  }

  private startWorker(): void {
    const options: ApplierOptions = {
      file: this.file,
      applyIntervalMs: this.options.applyIntervalMs,
      applyAtSamples: this.options.applyAtSamples,
      maxCachedSeries: this.maxCachedSeries,
      appliedThrough: this.appliedThrough,
    };
    const worker = isNextServer()
      ? // Next bundles the worker's module graph as its own chunk from this very expression.
        new Worker(new URL("./applier-worker.ts", import.meta.url), { workerData: options })
      : // Run from source (tests, scripts): the worker compiles it with tsx as this thread does.
        new Worker(`require("tsx/cjs"); require(${JSON.stringify(path.join(path.dirname(fileURLToPath(import.meta.url)), "applier-worker.ts"))});`, {
          eval: true,
          workerData: options,
        });
    worker.unref(); // the process may end with it: the log keeps what it had not applied
    worker.on("message", (message: FromApplier) => this.onApplier(message));
    worker.on("error", (error) => log.error("ingest: the applier stopped", { error: error.message }));
    worker.on("exit", () => {
      if (this.closing || this.worker !== worker) return;
      this.worker = null;
      for (const [seq, flush] of this.flushes) (this.flushes.delete(seq), flush.reject(new Error("the ingest applier stopped; it is starting again")));
      setTimeout(() => {
        if (this.closing) return;
        // It reads what its predecessor left from the log file, from the cursor on.
        this.appliedThrough = this.series.appliedThrough();
        this.startWorker();
      }, RESTART_DELAY_MS).unref();
    });
    this.worker = worker;
  }

  private post(message: ToApplier, transfer?: ArrayBuffer[]): void {
    // With no worker (it died and is starting again), rows are read back from the log file.
    if (this.worker) this.worker.postMessage(message, transfer);
    else if (message.type === "flush") this.flushes.get(message.seq)?.reject(new Error("the ingest applier is starting again; retry shortly"));
  }

  private onApplier(message: FromApplier): void {
    if (message.type === "applied") {
      this.backlog -= message.samples;
      this.appliedThrough = message.through;
      this.log.deleteThrough(message.through);
      this.trimCache();
      if (this.isApplierFailing) log.info("ingest: rollups are written again");
      this.isApplierFailing = false;
    } else if (message.type === "failed") {
      if (!this.isApplierFailing) log.error("ingest: writing rollups failed; will retry", { error: message.message });
      this.isApplierFailing = true;
    } else if (message.type === "flushed") {
      const flush = this.flushes.get(message.seq);
      this.flushes.delete(message.seq);
      if (this.flushes.size === 0) this.worker?.unref();
      if (message.error === undefined) flush?.resolve();
      else flush?.reject(new Error(message.error));
    }
  }

  private commitGroup(): void {
    this.isCommitScheduled = false;
    const group = this.waiting;
    this.waiting = [];
    // Cache entries are updated in place as each request is judged, so the next request in the
    // group sees them; `undo` (entry, state before, entry, state before, …) puts them back if the
    // group's append fails.
    const undo: (Entry | CounterState | null)[] = [];
    const judged: { waiting: Waiting; result: StoreResult; items: Item[] }[] = [];
    for (const waiting of group) {
      try {
        judged.push({ waiting, ...this.judge(waiting.batch, undo) });
      } catch (error) {
        waiting.reject(error); // a bad sample fails its own request, not the group
      }
    }
    if (judged.length === 0) return;
    const ids: number[] = [];
    const logged: (readonly CounterSample[])[] = [];
    let samples = 0;
    for (const j of judged) {
      samples += j.result.accepted;
      for (const item of j.items) {
        if (item.accepted === 0) continue;
        ids.push(item.entry.id);
        logged.push(item.samples);
      }
    }
    // A new series judged in several requests of the group is in `undo` once per request.
    const named = new Map<number, NewSeries>();
    for (let i = 0; i < undo.length; i += 2) {
      const entry = undo[i] as Entry;
      if (entry.fresh) named.set(entry.id, { id: entry.id, key: entry.key, ...entry.fresh });
    }
    const series = named.size > 0 ? JSON.stringify([...named.values()]) : null;
    let logId = 0;
    let payload: Buffer | null = null;
    try {
      if (ids.length > 0) {
        payload = encodeLogPayload(ids, logged);
        logId = this.log.append(samples, payload, series);
      }
    } catch (error) {
      for (let i = undo.length - 2; i >= 0; i -= 2) {
        const entry = undo[i] as Entry;
        entry.last = undo[i + 1] as CounterState | null;
        if (entry.fresh) this.forget(entry);
      }
      for (const j of judged) j.waiting.reject(error);
      return;
    }
    if (logId) {
      this.loggedThrough = logId;
      // Every series judged here stays in memory until the row is applied, new ones' rows included.
      for (let i = 0; i < undo.length; i += 2) {
        const entry = undo[i] as Entry;
        entry.loggedAt = logId;
        entry.fresh = undefined; // not `delete`: the entry keeps its shape, and property reads stay fast
      }
      this.backlog += samples;
      // In log order, before the fsync: applying a row that a power cut then takes from the log
      // is harmless, as its request was never acknowledged and its retry is judged a duplicate.
      this.post({ type: "row", row: { id: logId, samples, payload: payload!, series } }, [payload!.buffer as ArrayBuffer]);
    }
    // With no row (every sample dropped), a new series stays fresh and is named by a later one.
    // Appended: later requests are judged against it at once; acknowledged once it is on disk.
    // Should the fsync fail, the append may or may not survive a power cut: the senders get the
    // error (503) and retry, and a retry of samples that did survive is dropped as duplicates.
    this.log.sync().then(
      () => judged.forEach((j) => j.waiting.resolve(j.result)),
      (error: unknown) => judged.forEach((j) => j.waiting.reject(error)),
    );
  }

  /**
   * Judges a request against the states before it. Throws before changing anything when a
   * sample is invalid; otherwise moves the cache entries on, recording their old states in `undo`.
   */
  private judge(batch: readonly StoreSeries[], undo: (Entry | CounterState | null)[]) {
    const seq = ++this.requestSeq;
    const items: Item[] = [];
    // New series live here until the request has passed, so a failed request leaves no trace.
    const fresh = new Map<string, Entry>();
    for (const s of batch) {
      // A series the decoder hands out every request carries the entry it had last time.
      const memo = s.memo;
      let entry = memo !== undefined && memo.owner === this ? (memo.entry as Entry) : null;
      if (entry === null || entry.isGone) {
        const key = s.key ?? seriesKey(s.metric, s.labels);
        entry = fresh.get(key) ?? this.lookup(key);
        if (!entry) {
          entry = { id: ++this.lastSeriesId, key, last: null, fresh: { metric: s.metric, labels: labelsJson(s.labels) }, loggedAt: 0, seq: 0, item: 0, isGone: false };
          fresh.set(key, entry);
        }
      }
      if (entry.seq === seq) {
        // A second entry for one series in a request: merged, so the series is judged once.
        const item = items[entry.item]!;
        item.samples = [...item.samples, ...s.samples];
        continue;
      }
      entry.seq = seq;
      entry.item = items.length;
      items.push({ entry, samples: s.samples, accepted: 0, last: null, memo });
    }
    const result: StoreResult = { series: items.length, accepted: 0, dropped: {} };
    for (const item of items) {
      const { entry, samples } = item;
      if (samples.length === 1) {
        const outcome = judgeOne(entry.last, samples[0]!);
        if (typeof outcome === "string") result.dropped[outcome] = (result.dropped[outcome] ?? 0) + 1;
        else {
          item.accepted = 1;
          item.last = outcome;
        }
        continue;
      }
      const verdict = judgeSeries(entry.last, samples);
      item.accepted = verdict.accepted;
      item.last = verdict.last;
      for (const reason in verdict.dropped) {
        result.dropped[reason] = (result.dropped[reason] ?? 0) + verdict.dropped[reason as keyof SeriesVerdict["dropped"]]!;
      }
    }
    for (const entry of fresh.values()) this.cache.set(entry.key, entry);
    for (const item of items) {
      undo.push(item.entry, item.entry.last);
      if (item.memo) {
        item.memo.owner = this;
        item.memo.entry = item.entry;
      }
      if (item.accepted === 0) continue;
      result.accepted += item.accepted;
      item.entry.last = item.last;
    }
    return { result, items };
  }

  private lookup(key: string): Entry | null {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Not in the cache: no logged sample of it awaits applying, so the stored state is current.
    const row = this.series.findSeries(key);
    if (!row) return null;
    const entry: Entry = { id: row.id, key, last: stateOf(row), fresh: undefined, loggedAt: 0, seq: 0, item: 0, isGone: false };
    this.cache.set(key, entry);
    return entry;
  }

  /** After a crash: applies the rows after the cursor here, before anything is judged against the rows. */
  private recover(): void {
    const sql = openRollupWriter(this.file);
    try {
      const applier = new Applier(sql, 0);
      for (const row of this.log.rowsAfter(this.appliedThrough)) applier.add(row);
      const applied = applier.apply();
      if (!applied) return;
      log.info("ingest: applied the log left by the last run", { samples: applied.samples, throughLogId: applied.through });
      this.appliedThrough = applied.through;
      this.log.deleteThrough(applied.through);
    } finally {
      sql.close();
    }
  }

  /** Drops states whose samples are all applied (their rows are current) past the bound, oldest first. */
  private trimCache(): void {
    let excess = this.cache.size - this.maxCachedSeries;
    if (excess <= 0) return;
    for (const entry of this.cache.values()) {
      if (excess <= 0) break;
      if (entry.loggedAt > this.appliedThrough || entry.fresh) continue;
      this.forget(entry);
      excess--;
    }
  }

  private forget(entry: Entry): void {
    this.cache.delete(entry.key);
    entry.isGone = true;
  }
}
