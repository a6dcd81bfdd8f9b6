import "server-only";
import pRetry, { AbortError } from "p-retry";
import { DependencyError, keyedBreakers, retryOrAbort } from "./resilience";

/** `breakerResetMs`: how long the circuit stays open before one delivery may probe the receiver. */
export type WebhookTarget = { url: string; timeoutMs: number; breakerResetMs?: number };
export type WebhookOutcome = { isDelivered: true; attempts: number } | { isDelivered: false; attempts: number; error: string };

/** One POST with its own timeout; 4xx (a payload the receiver refuses) is not worth retrying. */
async function post(target: WebhookTarget, body: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    throw new DependencyError(name === "TimeoutError" || name === "AbortError" ? `no answer within ${target.timeoutMs} ms` : (error as Error).message, true);
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new DependencyError(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
}

// One breaker per webhook URL and process: while the receiver is down, deliveries fail at once
// (and are retried by a later run) instead of each waiting out its timeouts and holding up the job.
const breakerFor = keyedBreakers(post);

/**
 * Sends one payload through the breaker, retried with exponential backoff and full jitter when a
 * retry may help. Never throws: the caller records what happened, with the reason.
 */
export async function sendWebhook(target: WebhookTarget, payload: object, retry = { retries: 2, minTimeout: 200, maxTimeout: 2_000 }): Promise<WebhookOutcome> {
  const breaker = breakerFor(target.url, { volumeThreshold: 3, rollingCountTimeout: 60_000, resetTimeout: target.breakerResetMs ?? 30_000 });
  const body = JSON.stringify(payload);
  let attempts = 0;
  try {
    await pRetry(
      async () => {
        if (breaker.opened) throw new AbortError("circuit open after repeated failures; later runs retry");
        attempts += 1;
        await breaker.fire(target, body).catch(retryOrAbort);
      },
      { ...retry, factor: 3, randomize: true },
    );
    return { isDelivered: true, attempts };
  } catch (error) {
    return { isDelivered: false, attempts, error: (error as Error).message };
  }
}
