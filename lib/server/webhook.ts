import "server-only";
import CircuitBreaker from "opossum";
import pRetry, { AbortError } from "p-retry";

/** `breakerResetMs`: how long the circuit stays open before one delivery may probe the receiver. */
export type WebhookTarget = { url: string; timeoutMs: number; breakerResetMs?: number };
export type WebhookOutcome = { isDelivered: true; attempts: number } | { isDelivered: false; attempts: number; error: string };

class WebhookError extends Error {
  constructor(message: string, readonly isRetryable: boolean) {
    super(message);
  }
}

/** One POST with its own timeout; 4xx (a payload the receiver refuses) is not worth retrying. */
async function post(target: WebhookTarget, body: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    throw new WebhookError(name === "TimeoutError" || name === "AbortError" ? `no answer within ${target.timeoutMs} ms` : (error as Error).message, true);
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new WebhookError(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
}

// One breaker per webhook URL and process: while the receiver is down, deliveries fail at once
// (and are retried by a later run) instead of each waiting out its timeouts and holding up the job.
const breakers = new Map<string, CircuitBreaker<[WebhookTarget, string], void>>();

function breakerFor(target: WebhookTarget) {
  let breaker = breakers.get(target.url);
  if (!breaker) {
    breaker = new CircuitBreaker(post, {
      timeout: false, // post has its own
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      rollingCountTimeout: 60_000,
      resetTimeout: target.breakerResetMs ?? 30_000,
      // A refused payload says nothing about the receiver's health.
      errorFilter: (error: unknown) => error instanceof WebhookError && !error.isRetryable,
    });
    breakers.set(target.url, breaker);
  }
  return breaker;
}

export const isWebhookCircuitOpen = (url: string) => breakers.get(url)?.opened ?? false;

/**
 * Sends one payload through the breaker, retried with exponential backoff and full jitter when a
 * retry may help. Never throws: the caller records what happened, with the reason.
 */
export async function sendWebhook(target: WebhookTarget, payload: object, retry = { retries: 2, minTimeout: 200, maxTimeout: 2_000 }): Promise<WebhookOutcome> {
  const breaker = breakerFor(target);
  const body = JSON.stringify(payload);
  let attempts = 0;
  try {
    await pRetry(
      async () => {
        if (breaker.opened) throw new AbortError("circuit open after repeated failures; later runs retry");
        attempts += 1;
        try {
          await breaker.fire(target, body);
        } catch (error) {
          if (error instanceof WebhookError && error.isRetryable) throw error;
          throw new AbortError(error as Error);
        }
      },
      { ...retry, factor: 3, randomize: true },
    );
    return { isDelivered: true, attempts };
  } catch (error) {
    return { isDelivered: false, attempts, error: (error as Error).message };
  }
}
