import "server-only";
import { env } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import { breakerSeriesIn, observeBreakerSamples } from "./breaker-tap";
import { noteEverythingChanged, noteStored } from "./changes";
import { storeWithPrisma } from "./prisma-store";
import { SampleLog } from "./sqlite/sample-log";
import type { StoreResult, StoreSeries } from "./store-types";

export type { StoreResult, StoreSeries } from "./store-types";

// Which write path the database takes. SQLite: acknowledge on a durable log append, apply to the
// rollups in the background (sqlite/sample-log.ts). PostgreSQL: one Prisma transaction per request,
// which several app instances can share; it has not needed the log to meet its load so far.

const globalForStore = globalThis as unknown as { steadystateSampleLog?: SampleLog; steadystatePrismaTail?: Promise<unknown> };

function sampleLog(): SampleLog | null {
  const e = env();
  if (e.DATABASE_URL.provider !== "sqlite") return null;
  globalForStore.steadystateSampleLog ??= new SampleLog(e.DATABASE_URL.file, {
    applyIntervalMs: e.STEADYSTATE_INGEST_APPLY_INTERVAL_MS,
    // Well before the queue's bound, so a healthy applier never makes the queue refuse requests.
    applyAtSamples: Math.max(1, Math.floor(e.STEADYSTATE_INGEST_QUEUE_SAMPLES / 4)),
  });
  return globalForStore.steadystateSampleLog;
}

/**
 * Stores a batch: when this resolves, every accepted sample is durable (on SQLite in the ingest
 * log, in the rollups after flushIngest or the next apply); when it throws, nothing of the batch
 * is stored. Samples at or before a series' last accepted sample are dropped, so a retried batch
 * adds nothing. Breaker series also move their breakers' states (breaker-tap.ts) before it resolves.
 */
export async function storeSamples(batch: readonly StoreSeries[], now = new Date()): Promise<StoreResult> {
  const result = await storeDurably(batch, now);
  // Breakers' transitions, before the acknowledgement: see breaker-tap.ts for why here.
  const breakers = breakerSeriesIn(batch);
  if (breakers.length > 0) await observeBreakerSamples(breakers);
  return result;
}

function storeDurably(batch: readonly StoreSeries[], now: Date): Promise<StoreResult> {
  const appendLog = sampleLog();
  // Noted once acknowledged, so a reader that sees the note and then flushes finds the samples.
  const noted = (result: StoreResult) => (noteStored(batch), result);
  if (appendLog) return appendLog.store(batch).then(noted);
  // One transaction at a time, as before the log: concurrent ones would only queue on row locks.
  const run = (globalForStore.steadystatePrismaTail ?? Promise.resolve()).then(() => storeWithPrisma(batch, now));
  globalForStore.steadystatePrismaTail = run.catch(() => undefined);
  return run.then(noted);
}

/** Makes every acknowledged sample visible in the rollups; readers call it first. Throws when the rollups cannot be written. */
export async function flushIngest(): Promise<void> {
  await sampleLog()?.flush();
}

/**
 * For readers of the rollups: applies every sample acknowledged so far, so a read never shows a
 * gap where data was acknowledged (on SQLite the applier otherwise lags by up to
 * STEADYSTATE_INGEST_APPLY_INTERVAL_MS). UNAVAILABLE while the rollups cannot be written.
 */
export async function applyAcknowledgedSamples(): Promise<void> {
  try {
    await flushIngest();
  } catch (error) {
    log.error("ingest: acknowledged samples could not be applied", { error: error instanceof Error ? error.message : String(error) });
    throw new AppError("UNAVAILABLE", "recent samples cannot be written to the rollups yet; retry shortly");
  }
}

/** Samples acknowledged but not yet in the rollups (0 on PostgreSQL, which writes them at once). */
export function ingestBacklogSamples(): number {
  return globalForStore.steadystateSampleLog?.backlogSamples ?? 0;
}

/** At boot: opens the log, so whatever a crash left in it is applied before the first request. */
export function startIngest(): void {
  sampleLog();
}

/** Applies what it can and closes the log and its applier (scripts and tests; the server just exits). */
export async function closeIngest(): Promise<void> {
  const sampleLog = globalForStore.steadystateSampleLog;
  globalForStore.steadystateSampleLog = undefined;
  noteEverythingChanged();
  await sampleLog?.close();
}
