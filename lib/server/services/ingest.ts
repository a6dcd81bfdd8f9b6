import "server-only";
import { ingestViolation } from "@/lib/domain/ingest-limits";
import type { IngestResult } from "@/lib/schemas/ingest";
import { AppError } from "../errors";
import { env } from "../env";
import { QueueFullError, WriteQueue } from "../ingest/queue";
import { ingestBacklogSamples, storeSamples, type StoreSeries } from "../ingest/store";
import { log } from "../log";
import { metrics } from "../metrics";

export type IngestFormat = "remote-write" | "otlp" | "json";

const globalForQueue = globalThis as unknown as { steadystateIngestQueue?: WriteQueue };
function queue(): WriteQueue {
  globalForQueue.steadystateIngestQueue ??= new WriteQueue(env().STEADYSTATE_INGEST_QUEUE_SAMPLES, ingestBacklogSamples);
  return globalForQueue.steadystateIngestQueue;
}

/** Seconds a sender should wait when the queue is full: about one batch's write. */
const RETRY_AFTER_SECONDS = "1";

function reject(format: IngestFormat, error: AppError): never {
  metrics().ingestRejected.inc({ format, status: String(error.status) });
  throw error;
}

export type Decoded = { series: StoreSeries[]; dropped: Partial<Record<string, number>> };

/**
 * Decodes, validates and stores one request. Resolves only once the samples are committed (on
 * SQLite to the ingest log, which survives a crash and is applied to the rollups soon after); a
 * rejected request stores nothing. Storage failures are 503 so senders retry (the retry is
 * idempotent, see storeSamples). Every refusal, decoding included, is counted on /metrics.
 */
export async function ingest(format: IngestFormat, decode: () => Promise<Decoded> | Decoded, now = Date.now()): Promise<IngestResult> {
  let decoded: Decoded;
  try {
    decoded = await decode();
  } catch (error) {
    if (error instanceof AppError || (error as Error).name === "ZodError") {
      metrics().ingestRejected.inc({ format, status: String(error instanceof AppError ? error.status : 422) });
    }
    throw error;
  }
  const { series: batch } = decoded;
  const e = env();
  const limits = {
    maxSeries: e.STEADYSTATE_INGEST_MAX_SERIES,
    maxLabels: e.STEADYSTATE_INGEST_MAX_LABELS,
    maxLabelLength: e.STEADYSTATE_INGEST_MAX_LABEL_LENGTH,
    maxFutureMs: e.STEADYSTATE_INGEST_MAX_FUTURE_MS,
  };
  const violation = ingestViolation(batch, limits, now);
  if (violation) reject(format, new AppError(violation.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", violation.message));

  const samples = batch.reduce((n, s) => n + s.samples.length, 0);
  const m = metrics();
  let result: IngestResult;
  try {
    const run = queue().run(samples, () => storeSamples(batch));
    m.ingestQueue.set(queue().pendingSamples);
    result = await run;
  } catch (error) {
    if (error instanceof QueueFullError) {
      reject(format, new AppError("RATE_LIMITED", error.message, { headers: { "retry-after": RETRY_AFTER_SECONDS } }));
    }
    log.error("ingest: storage failed", { format, samples, error: error instanceof Error ? error.message : String(error) });
    reject(format, new AppError("UNAVAILABLE", "storage failed; nothing from this request was stored, retry it"));
  } finally {
    m.ingestQueue.set(queue().pendingSamples);
  }
  for (const [reason, count] of Object.entries(decoded.dropped)) result.dropped[reason] = (result.dropped[reason] ?? 0) + (count ?? 0);
  m.ingestAccepted.inc({ format }, result.accepted);
  for (const [reason, count] of Object.entries(result.dropped)) m.ingestDropped.inc({ format, reason }, count);
  return result;
}
