import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { type BucketLimits, type BucketState, fullBucket, takeTokens } from "@/lib/domain/token-bucket";
import { AppError } from "../errors";
import { env } from "../env";
import type { StoreSeries } from "./store";

/**
 * The per-token ingest limit: each token (ctx.actor.id) has a bucket of samples refilled at
 * STEADYSTATE_INGEST_RATE_SAMPLES per second up to STEADYSTATE_INGEST_BURST_SAMPLES. Samples, not
 * requests, because samples are what the store pays for. Buckets live in this process's memory:
 * a restart forgives everyone, which errs on the side of accepting data.
 */
const globalForBuckets = globalThis as unknown as { steadystateIngestBuckets?: Map<string, BucketState> };
const buckets = () => (globalForBuckets.steadystateIngestBuckets ??= new Map());

function limits(): BucketLimits | null {
  const e = env();
  return e.STEADYSTATE_INGEST_RATE_SAMPLES === 0 ? null : { ratePerSec: e.STEADYSTATE_INGEST_RATE_SAMPLES, capacity: e.STEADYSTATE_INGEST_BURST_SAMPLES };
}

function refuse(actor: Actor, retryAfterSec: number): never {
  throw new AppError("RATE_LIMITED", `${actor.name} is over its ingest limit (README "Audit log and security"); nothing from this request was stored, retry after ${retryAfterSec} s`, {
    headers: { "retry-after": String(retryAfterSec) },
  });
}

/**
 * Wraps an ingest route's decode step: a token already out of samples is refused before its body is
 * read; otherwise the decoded samples are taken from its bucket, and a request that does not fit is
 * refused (429 with Retry-After) before anything is stored. A request larger than the burst is
 * charged the burst, so it passes with a full bucket instead of never.
 */
export function limitIngest<T extends { series: StoreSeries[] }>(actor: Actor, decode: () => Promise<T> | T, now = Date.now): () => Promise<T> {
  return async () => {
    const bucketLimits = limits();
    if (!bucketLimits) return decode();
    const map = buckets();
    const before = takeTokens(map.get(actor.id) ?? fullBucket(bucketLimits, now()), bucketLimits, 1, now());
    if (!before.isAllowed) refuse(actor, before.retryAfterSec);
    const decoded = await decode();
    let samples = 0;
    for (const s of decoded.series) samples += s.samples.length;
    const state = map.get(actor.id) ?? fullBucket(bucketLimits, now());
    const decision = takeTokens(state, bucketLimits, Math.min(Math.max(samples, 1), bucketLimits.capacity), now());
    map.set(actor.id, decision.state);
    if (!decision.isAllowed) refuse(actor, decision.retryAfterSec);
    return decoded;
  };
}

/** Tests: every bucket full again. */
export function resetIngestLimits(): void {
  buckets().clear();
}
