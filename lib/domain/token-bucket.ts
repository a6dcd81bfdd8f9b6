/**
 * A token bucket: `capacity` tokens at most, refilled at `ratePerSec`; a request costs `cost`
 * tokens and is let through only when that many are there. Time is a parameter (ms), so the
 * same state answers the same way in tests and in production.
 */
export type BucketState = { tokens: number; updatedMs: number };
export type BucketLimits = { ratePerSec: number; capacity: number };
export type BucketDecision = { isAllowed: boolean; state: BucketState; retryAfterSec: number };

export function fullBucket(limits: BucketLimits, nowMs: number): BucketState {
  return { tokens: limits.capacity, updatedMs: nowMs };
}

/**
 * Takes `cost` tokens if they are there. Refused: the state only refills, and retryAfterSec is
 * the whole seconds until `cost` tokens will be (at least 1; a cost above capacity can never pass,
 * so it is told to wait for a full bucket and will be refused again: the caller should cap cost).
 */
export function takeTokens(state: BucketState, limits: BucketLimits, cost: number, nowMs: number): BucketDecision {
  // A clock stepping backwards refills nothing rather than draining the bucket.
  const elapsedMs = Math.max(0, nowMs - state.updatedMs);
  const tokens = Math.min(limits.capacity, state.tokens + (elapsedMs / 1000) * limits.ratePerSec);
  const refilled = { tokens, updatedMs: Math.max(nowMs, state.updatedMs) };
  if (tokens >= cost) return { isAllowed: true, state: { ...refilled, tokens: tokens - cost }, retryAfterSec: 0 };
  const missing = Math.min(cost, limits.capacity) - tokens;
  return { isAllowed: false, state: refilled, retryAfterSec: Math.max(1, Math.ceil(missing / limits.ratePerSec)) };
}
