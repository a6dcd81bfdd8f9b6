import "server-only";
import { dueReminders, eventNotification, reminderNotification, webhookPayload, type NotificationDraft } from "@/lib/domain/notifications";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { env } from "../env";
import { log } from "../log";
import { listEvents } from "../repos/events";
import * as repo from "../repos/notifications";
import { listActionItems } from "../repos/postmortems";
import { sendWebhook, type WebhookTarget } from "../webhook";

export type NotifyConfig = {
  reminderEveryDays: number;
  webhook: WebhookTarget | null;
  publicUrl: string | null;
  /** Backoff between the tries of one delivery (tests shorten it). */
  retry?: { retries: number; minTimeout: number; maxTimeout: number };
};

export const notifyConfigFromEnv = (): NotifyConfig => {
  const e = env();
  return {
    reminderEveryDays: e.STEADYSTATE_REMINDER_EVERY_DAYS,
    webhook: e.STEADYSTATE_WEBHOOK_URL ? { url: e.STEADYSTATE_WEBHOOK_URL, timeoutMs: e.STEADYSTATE_WEBHOOK_TIMEOUT_MS } : null,
    publicUrl: e.STEADYSTATE_PUBLIC_URL ?? null,
  };
};

/** A delivery that failed this many runs is left failed, with its reason, for a person to see. */
export const MAX_DELIVERY_RUNS = 5;
const DELIVERIES_PER_RUN = 100;
const EVENTS_PER_RUN = 1000;
/** Events are read again this far behind the cursor: a breaker sample can be recorded after its time. */
const EVENT_OVERLAP_MS = 15 * MINUTE_MS;
/** On the first run, or after a long stop, older events are history, not news. */
const EVENT_LOOKBACK_MS = 24 * HOUR_MS;

async function store(drafts: NotificationDraft[], config: NotifyConfig): Promise<number> {
  let created = 0;
  for (const draft of drafts) if (await repo.insertNotification(draft, config.webhook ? "pending" : "none")) created += 1;
  return created;
}

async function forwardEvents(now: Date, config: NotifyConfig): Promise<number> {
  const cursor = await repo.readCursor("events");
  const from = new Date(Math.max((cursor?.getTime() ?? now.getTime() - HOUR_MS) - EVENT_OVERLAP_MS, now.getTime() - EVENT_LOOKBACK_MS));
  const events = await listEvents({ from, to: now, kinds: ["alert", "breaker", "failover"], limit: EVENTS_PER_RUN });
  const created = await store(events.flatMap((e) => eventNotification(e) ?? []), config);
  // A full page means more are waiting: resume from the last one read (without the overlap, so a
  // burst of more than a page within the overlap still moves forward) rather than skip them.
  await repo.writeCursor("events", events.length === EVENTS_PER_RUN ? new Date(new Date(events.at(-1)!.at).getTime() + EVENT_OVERLAP_MS) : now);
  return created;
}

/**
 * Delivers what the webhook still owes, oldest first. Each notification is recorded delivered or
 * failed with the reason, so an outage loses nothing: failed ones are tried again on later runs.
 */
async function deliver(config: NotifyConfig): Promise<{ delivered: number; failed: number }> {
  if (!config.webhook) return { delivered: 0, failed: 0 };
  const owed = await repo.listUndelivered({ maxTries: MAX_DELIVERY_RUNS, limit: DELIVERIES_PER_RUN });
  let delivered = 0;
  let failed = 0;
  for (const n of owed) {
    const outcome = await sendWebhook(config.webhook, webhookPayload({ ...n, at: new Date(n.at) }, config.publicUrl), config.retry);
    // A run that never reached the receiver (circuit open) does not use up one of its tries.
    const addTries = outcome.attempts > 0 ? 1 : 0;
    if (outcome.isDelivered) delivered += 1;
    else failed += 1;
    await repo.recordDelivery(n.id, { status: outcome.isDelivered ? "delivered" : "failed", error: outcome.isDelivered ? null : outcome.error, at: new Date(), addTries });
  }
  if (failed > 0) log.warn("webhook deliveries failed", { failed, delivered });
  return { delivered, failed };
}

/** One run: reminders due now, events recorded since the last run, then the webhook's deliveries. */
export async function notify(now: Date, config: NotifyConfig = notifyConfigFromEnv()) {
  const items = await listActionItems();
  const reminders = await store(dueReminders(items, now, config.reminderEveryDays).map(reminderNotification), config);
  const events = await forwardEvents(now, config);
  const webhook = await deliver(config);
  return { reminders, events, ...webhook };
}

/** The job as the runner knows it: every minute, under the "notify" lease. */
export const NOTIFY_JOB = { name: "notify", intervalMs: MINUTE_MS, run: (now: Date) => notify(now) };
