import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/notifications/route";
import { POST as readRoute } from "@/app/api/notifications/read/route";
import { POST as createPostmortemRoute } from "@/app/api/postmortems/route";
import { POST as statusRoute } from "@/app/api/postmortems/[id]/status/route";
import { PATCH as itemRoute } from "@/app/api/action-items/[id]/route";
import { db } from "@/lib/server/db";
import { notify, type NotifyConfig } from "@/lib/server/jobs/notify";
import { recordEvents } from "@/lib/server/repos/events";
import { listNotifications } from "@/lib/server/repos/notifications";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";
import { startReceiver } from "../support/webhook-receiver";

const NOW = new Date("2026-11-23T10:00:00Z");
const DAY = 86_400_000;
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const quiet: NotifyConfig = { reminderEveryDays: 7, webhook: null, publicUrl: null };
const fastRetry = { retries: 2, minTimeout: 10, maxTimeout: 50 };

beforeEach(async () => {
  await db().notification.deleteMany();
  await db().notificationCursor.deleteMany();
  await resetDatabase();
});

/** A resolved postmortem with three action items: 21.5 days overdue, due in 10 days, done. */
async function seedPostmortem() {
  const res = await call(createPostmortemRoute, {
    method: "POST", path: "/api/postmortems",
    json: {
      author: "Dana", title: "Checkout outage", severity: "sev2", startedAt: days(-30).toISOString(), detectedAt: days(-30).toISOString(),
      resolvedAt: new Date(days(-30).getTime() + 3_600_000).toISOString(), sections: { summary: "Checkout failed for an hour." },
      actionItems: [
        { id: "late", title: "Rate-limit reindexing", type: "prevent", owner: "Sam", dueDate: new Date(days(-21).getTime() - 12 * 3_600_000).toISOString() },
        { id: "later", title: "Alert on index size", type: "detect", owner: "Ana", dueDate: days(10).toISOString() },
        { id: "done", title: "Write the runbook", type: "process", owner: "Lee", dueDate: days(-25).toISOString(), status: "done" },
      ],
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

const keys = async () => (await listNotifications()).map((n) => n.key).sort();

describe("reminders for action items", () => {
  it("reminds once per item per period, until the item is done, also after publication", async () => {
    const pm = await seedPostmortem();
    // due −21.5 d, every 7 d: period floor(21.5 / 7) = 3
    expect(await notify(NOW, quiet)).toEqual({ reminders: 1, events: 0, delivered: 0, failed: 0 });
    expect(await keys()).toEqual(["reminder:late:3"]);
    const [first] = await listNotifications();
    expect(first).toMatchObject({ kind: "reminder", title: "Action item 21 days overdue: Rate-limit reindexing", link: `/postmortems/${pm.id}`, webhook: { status: "none" } });
    expect(first!.at).toBe(new Date(days(-21).getTime() - 12 * 3_600_000 + 3 * 7 * DAY).toISOString());

    // Rerun the same day, and six days later: still period 3, nothing new.
    expect((await notify(NOW, quiet)).reminders).toBe(0);
    expect((await notify(days(6), quiet)).reminders).toBe(0);

    // Published (closed) postmortems keep reminding.
    for (const to of ["in-review", "published"]) expect((await call(statusRoute, { method: "POST", params: { id: pm.id }, json: { to, author: "Dana" } })).status).toBe(200);
    expect((await notify(days(7), quiet)).reminders).toBe(1);
    // 10 days on, the second item is due today: period 0.
    expect((await notify(days(10), quiet)).reminders).toBe(1);
    expect(await keys()).toEqual(["reminder:late:3", "reminder:late:4", "reminder:later:0"]);

    // Done: no more reminders for it.
    expect((await call(itemRoute, { method: "PATCH", params: { id: "late" }, json: { status: "done", author: "Sam" } })).status).toBe(200);
    expect((await notify(days(30), quiet)).reminders).toBe(1); // "later" only, period 2
    expect(await keys()).toContain("reminder:later:2");
    expect(await keys()).not.toContain("reminder:late:7");
  });

  it("two instances running at once create each reminder once", async () => {
    await seedPostmortem();
    const [a, b] = await Promise.all([notify(NOW, quiet), notify(NOW, quiet)]);
    expect(a.reminders + b.reminders).toBe(1);
    expect(await keys()).toEqual(["reminder:late:3"]);
  });
});

describe("forwarded events", () => {
  it("forwards firing/resolved alerts, breaker opens/closes and failovers once each", async () => {
    const m = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    await recordEvents([
      { at: m(-5), kind: "alert", subject: "slo-1", service: null, title: "checkout / availability: page firing", detail: { to: "firing", severity: "page" } },
      { at: m(-6), kind: "alert", subject: "slo-1", service: null, title: "checkout / availability: page pending", detail: { to: "pending" } },
      { at: m(-4), kind: "breaker", subject: "checkout/payments/pay", service: null, title: "checkout → payments: breaker pay open", detail: { from: "closed", to: "open" } },
      { at: m(-3), kind: "breaker", subject: "checkout/payments/pay", service: null, title: "half-open", detail: { from: "open", to: "half-open" } },
      { at: m(-2), kind: "failover", subject: "cluster-1", service: null, title: "orders-db: failover", detail: { from: "db-1", to: "db-2" } },
      { at: m(-1), kind: "replication", subject: "cluster-1", service: null, title: "lagging", detail: { to: "lagging" } },
      { at: days(-3), kind: "alert", subject: "slo-1", service: null, title: "old news", detail: { to: "firing" } },
    ]);
    expect((await notify(NOW, quiet)).events).toBe(3);
    expect((await listNotifications()).map((n) => n.kind).sort()).toEqual(["alert", "breaker", "failover"]);
    // Recorded late, with a time just before the last run: the overlap still finds it; the rest are not repeated.
    await recordEvents([{ at: m(-1), kind: "breaker", subject: "checkout/payments/pay", service: null, title: "closed", detail: { from: "half-open", to: "closed" } }]);
    expect((await notify(m(1), quiet)).events).toBe(1);
    expect((await notify(m(2), quiet)).events).toBe(0);
  });

  it("reads a burst larger than one run's page over the next runs, losing none", async () => {
    // 1,001 breaker openings within the last 10 minutes: a page is 1,000 events.
    await recordEvents(Array.from({ length: 1001 }, (_, i) => ({
      at: new Date(NOW.getTime() - 600_000 + i * 100), kind: "breaker" as const, subject: `s/d/b${i}`, service: null, title: `b${i} open`, detail: { to: "open" },
    })));
    expect((await notify(NOW, quiet)).events).toBe(1000);
    expect((await notify(new Date(NOW.getTime() + 60_000), quiet)).events).toBe(1);
    expect(await db().notification.count()).toBe(1001);
  });
});

describe("the in-app list", () => {
  it("counts unread, marks read by id or all, and refuses bad input without changing anything", async () => {
    await seedPostmortem();
    await notify(days(10), quiet);
    const list = await (await call(listRoute, { path: "/api/notifications" })).json();
    expect(list.unread).toBe(2);
    const bad = await call(readRoute, { method: "POST", json: { ids: [] } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.code).toBe("UNPROCESSABLE");
    expect((await call(readRoute, { method: "POST", json: { all: true }, token: null })).status).toBe(401);
    expect((await (await call(listRoute, { path: "/api/notifications?unread=1" })).json()).notifications).toHaveLength(2);
    expect(await (await call(readRoute, { method: "POST", json: { ids: [list.notifications[0].id] } })).json()).toEqual({ marked: 1, unread: 1 });
    expect(await (await call(readRoute, { method: "POST", json: { all: true } })).json()).toEqual({ marked: 1, unread: 0 });
    expect((await (await call(listRoute, { path: "/api/notifications?kind=reminder" })).json()).notifications).toHaveLength(2);
  });
});

describe("the webhook", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => (receiver = await startReceiver()));
  afterEach(async () => receiver.close());

  const config = (timeoutMs = 2_000): NotifyConfig => ({
    reminderEveryDays: 7, publicUrl: "https://steadystate.example", retry: fastRetry,
    webhook: { url: receiver.url, timeoutMs, breakerResetMs: 300 },
  });

  it("delivers Slack-compatible JSON and records it delivered", async () => {
    const pm = await seedPostmortem();
    expect(await notify(NOW, config())).toEqual({ reminders: 1, events: 0, delivered: 1, failed: 0 });
    expect(receiver.received).toEqual([expect.objectContaining({
      text: `Action item 21 days overdue: Rate-limit reindexing\nOwner Sam, due 2026-11-01, from the postmortem "Checkout outage". Reminders repeat until it is done.\nhttps://steadystate.example/postmortems/${pm.id}`,
      kind: "reminder",
    })]);
    expect((await listNotifications())[0]!.webhook).toMatchObject({ status: "delivered", tries: 1, error: null });
    // Delivered ones are not sent again.
    await notify(NOW, config());
    expect(receiver.received).toHaveLength(1);
  });

  it("records a 500 as failed with the reason, opens the circuit, and delivers after the receiver recovers", async () => {
    await seedPostmortem();
    receiver.mode = "fail";
    const m = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    await recordEvents([1, 2, 3].map((i) => ({ at: m(-i), kind: "failover" as const, subject: `c${i}`, service: null, title: `failover ${i}`, detail: {} })));
    const run = await notify(NOW, config());
    expect(run).toMatchObject({ reminders: 1, events: 3, delivered: 0, failed: 4 });
    // The first one tried 3 times (2 retries) and opened the circuit; the rest failed at once.
    expect(receiver.requests).toBe(3);
    const failed = await listNotifications();
    expect(failed.every((n) => n.webhook.status === "failed")).toBe(true);
    expect(failed.map((n) => n.webhook.error).sort()).toEqual(["HTTP 500", ...Array(3).fill("circuit open after repeated failures; later runs retry")]);
    expect(failed.filter((n) => n.webhook.tries === 1)).toHaveLength(1);

    receiver.mode = "ok";
    await new Promise((r) => setTimeout(r, 350)); // the circuit's reset time
    expect(await notify(NOW, config())).toMatchObject({ delivered: 4, failed: 0 });
    expect(receiver.received).toHaveLength(4);
    expect((await listNotifications()).every((n) => n.webhook.status === "delivered" && n.webhook.error === null)).toBe(true);
  });

  it("a receiver that never answers costs the job its timeouts, not a hang, and loses nothing", async () => {
    await seedPostmortem();
    receiver.mode = "hang";
    const started = Date.now();
    expect(await notify(NOW, config(150))).toMatchObject({ reminders: 1, delivered: 0, failed: 1 });
    // 3 tries × 150 ms plus at most 2 × 50 ms of backoff, with room for a slow machine.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await listNotifications())[0]!.webhook).toMatchObject({ status: "failed", tries: 1, error: "no answer within 150 ms" });

    receiver.mode = "ok";
    await new Promise((r) => setTimeout(r, 350));
    expect(await notify(days(1), config(150))).toMatchObject({ reminders: 0, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
  });
});
