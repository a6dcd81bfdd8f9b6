import "server-only";
import CircuitBreaker from "opossum";
import { AbortError } from "p-retry";

/**
 * A failed call to a dependency (Prometheus, a webhook receiver), saying whether trying again may
 * help (timeouts, network errors, 5xx, 429) or not (4xx: the request itself is wrong).
 */
export class DependencyError extends Error {
  constructor(message: string, readonly isRetryable: boolean) {
    super(message);
  }
}

/** Inside a p-retry attempt: a retryable failure is thrown on to be retried; anything else stops the retries. */
export function retryOrAbort(error: unknown): never {
  if (error instanceof DependencyError && error.isRetryable) throw error;
  throw new AbortError(error as Error);
}

export type BreakerOptions = { volumeThreshold: number; rollingCountTimeout: number; resetTimeout: number };

/**
 * One circuit breaker per key (a data source, a webhook URL) and process around `call`, which keeps
 * its own timeout: after repeated failures, calls fail at once for a while instead of each waiting
 * out its timeout. A refused request (a DependencyError that is not retryable) says nothing about
 * the dependency's health and does not count towards opening the circuit.
 */
export function keyedBreakers<A extends unknown[], R>(call: (...args: A) => Promise<R>) {
  const breakers = new Map<string, CircuitBreaker<A, R>>();
  return (key: string, options: BreakerOptions): CircuitBreaker<A, R> => {
    let breaker = breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(call, {
        ...options,
        timeout: false,
        errorThresholdPercentage: 50,
        errorFilter: (error: unknown) => error instanceof DependencyError && !error.isRetryable,
      });
      breakers.set(key, breaker);
    }
    return breaker;
  };
}
