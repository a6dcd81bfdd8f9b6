import { describe, expect, it } from "vitest";
import type { EventRecord } from "@/lib/domain/events";
import { dueReminders, eventNotification, reminderNotification, webhookPayload, type ReminderItem } from "@/lib/domain/notifications";

const d = (s: string) => new Date(`${s}Z`);
const item = (id: string, due: string, status: ReminderItem["status"] = "open"): ReminderItem => ({
  id, title: `fix ${id}`, owner: "sam", dueDate: d(due), status, postmortem: { id: "pm1", title: "Checkout outage" },
});

describe("dueReminders (every 7 days, UTC)", () => {
  const now = d("2026-11-23T10:00:00");
  it.each([
    // due at midnight today: period 0, 0 days overdue
    ["due today", item("a", "2026-11-23T00:00:00"), { period: 0, dueAt: "2026-11-23T00:00:00.000Z", daysOverdue: 0 }],
    // due exactly now
    ["due this instant", item("b", "2026-11-23T10:00:00"), { period: 0, dueAt: "2026-11-23T10:00:00.000Z", daysOverdue: 0 }],
    // 6 days 10 h late: still the first period
    ["overdue less than one period", item("c", "2026-11-17T00:00:00"), { period: 0, dueAt: "2026-11-17T00:00:00.000Z", daysOverdue: 6 }],
    // exactly 7 days: the second period starts
    ["one period to the minute", item("d", "2026-11-16T10:00:00"), { period: 1, dueAt: "2026-11-23T10:00:00.000Z", daysOverdue: 7 }],
    // 2026-11-02 → 21 days 10 h: period floor(21.4/7) = 3, due 2026-11-23 00:00
    ["overdue 3 periods", item("e", "2026-11-02T00:00:00"), { period: 3, dueAt: "2026-11-23T00:00:00.000Z", daysOverdue: 21 }],
    ["in progress is still reminded", item("f", "2026-11-20T00:00:00", "in-progress"), { period: 0, dueAt: "2026-11-20T00:00:00.000Z", daysOverdue: 3 }],
  ])("%s", (_name, it_, expected) => {
    const [r] = dueReminders([it_], now, 7);
    expect(r && { period: r.period, dueAt: r.dueAt.toISOString(), daysOverdue: r.daysOverdue }).toEqual(expected);
  });

  it.each([
    ["done items", item("g", "2026-11-01T00:00:00", "done")],
    ["items due later today", item("h", "2026-11-23T10:00:01")],
    ["items due next month", item("i", "2026-12-23T00:00:00")],
  ])("leaves out %s", (_name, it_) => expect(dueReminders([it_], now, 7)).toEqual([]));

  it("uses the period length given", () => {
    // 21 days 10 h with a 1-day period: period 21
    expect(dueReminders([item("e", "2026-11-02T00:00:00")], now, 1)[0]?.period).toBe(21);
    expect(() => dueReminders([], now, 0)).toThrow(RangeError);
  });

  it("keys each reminder by item and period, so a rerun in the same period is the same reminder", () => {
    const [a] = dueReminders([item("e", "2026-11-02T00:00:00")], now, 7);
    const [b] = dueReminders([item("e", "2026-11-02T00:00:00")], d("2026-11-29T23:59:59"), 7);
    const [c] = dueReminders([item("e", "2026-11-02T00:00:00")], d("2026-11-30T00:00:00"), 7);
    expect(reminderNotification(a!).key).toBe("reminder:e:3");
    expect(reminderNotification(b!).key).toBe("reminder:e:3");
    expect(reminderNotification(c!).key).toBe("reminder:e:4");
    expect(reminderNotification(a!)).toMatchObject({ kind: "reminder", title: "Action item 21 days overdue: fix e", link: "/postmortems/pm1" });
  });
});

const event = (kind: EventRecord["kind"], detail: Record<string, unknown>, subject = "s1"): EventRecord => ({
  id: "ev1", at: "2026-11-23T09:00:00.000Z", kind, subject, service: "checkout", title: "t", detail,
});

describe("eventNotification", () => {
  it.each([
    ["alert", { to: "firing", severity: "page", long: { burnRate: 14.4 } }, { kind: "alert", body: "page alert started firing; long-window burn rate 14.4×.", link: "/slos/s1" }],
    ["alert", { to: "resolved", severity: "ticket" }, { kind: "alert", body: "ticket alert resolved.", link: "/slos/s1" }],
    ["alert", { to: "pending" }, null],
    ["alert", { to: "inactive" }, null],
    ["breaker", { from: "closed", to: "open" }, { kind: "breaker", body: "Breaker s1 is open (was closed)." }],
    ["breaker", { from: "half-open", to: "closed" }, { kind: "breaker", body: "Breaker s1 is closed (was half-open)." }],
    ["breaker", { from: "open", to: "half-open" }, null],
    ["failover", { from: "db-1", to: "db-2" }, { kind: "failover", body: "Primary moved from db-1 to db-2.", link: "/replication/s1" }],
    ["replication", { to: "lagging" }, null],
    ["postmortem", { status: "published" }, null],
  ] as const)("%s %j", (kind, detail, expected) => {
    const n = eventNotification(event(kind, detail));
    if (expected === null) expect(n).toBeNull();
    else expect(n).toMatchObject({ ...expected, key: "event:ev1", at: new Date("2026-11-23T09:00:00Z") });
  });
});

describe("webhookPayload", () => {
  it("is Slack-compatible text with an absolute link when the app's URL is known", () => {
    const n = { kind: "alert", title: "checkout: page firing", body: "b", link: "/slos/s1", at: d("2026-11-23T09:00:00") };
    expect(webhookPayload(n, "https://ss.example/")).toEqual({
      text: "checkout: page firing\nb\nhttps://ss.example/slos/s1", kind: "alert", title: "checkout: page firing", body: "b", link: "https://ss.example/slos/s1", at: "2026-11-23T09:00:00.000Z",
    });
    expect(webhookPayload(n, null).text).toBe("checkout: page firing\nb");
  });
});
