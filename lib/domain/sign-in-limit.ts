/**
 * Failed sign-ins counted per key (an account's email, a client address) in fixed windows: once a
 * key reaches `maxFailures` within `windowMs` of its first failure, it is locked until that window
 * ends. Pure: the state is a Map the caller keeps, time is a parameter.
 */
export type FailureWindow = { startedAt: number; failures: number };

/** Milliseconds until the key may try again; 0 when it may try now. */
export function lockedForMs(state: Map<string, FailureWindow>, key: string, now: number, maxFailures: number, windowMs: number): number {
  const entry = state.get(key);
  if (!entry || now - entry.startedAt >= windowMs) return 0;
  return entry.failures >= maxFailures ? entry.startedAt + windowMs - now : 0;
}

export function recordFailure(state: Map<string, FailureWindow>, key: string, now: number, windowMs: number, maxKeys = 10_000): void {
  const entry = state.get(key);
  if (!entry || now - entry.startedAt >= windowMs) state.set(key, { startedAt: now, failures: 1 });
  else entry.failures += 1;
  // Bounded memory: drop finished windows when many keys pile up (an address-spraying attacker).
  if (state.size > maxKeys) for (const [k, v] of state) if (now - v.startedAt >= windowMs) state.delete(k);
}

/**
 * Takes back one failure: a sign-in counts as failed from the moment it is tried (so a burst of
 * attempts made at once cannot all pass the lock check before any of them is counted), and one
 * that succeeds is forgiven here.
 */
export function forgiveFailure(state: Map<string, FailureWindow>, key: string): void {
  const entry = state.get(key);
  if (!entry) return;
  if (entry.failures <= 1) state.delete(key);
  else entry.failures -= 1;
}
