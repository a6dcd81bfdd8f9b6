/**
 * Notifications: which reminders for action items are due at a time, and which recorded events
 * are worth telling someone about. Pure: the job passes the items, the events and the time.
 */
import type { EventRecord } from "./events";
import { DAY_MS } from "./slo-math";

export const NOTIFICATION_KINDS = ["reminder", "alert", "breaker", "failover"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification says, before it is stored: `key` makes it happen once. */
export type NotificationDraft = { key: string; kind: NotificationKind; at: Date; title: string; body: string; link: string | null };

export type ReminderItem = {
  id: string;
  title: string;
  owner: string;
  dueDate: Date;
  status: "open" | "in-progress" | "done";
  postmortem: { id: string; title: string };
};

export type DueReminder = {
  item: ReminderItem;
  /** 0 on the due date, 1 one reminder period later, and so on. */
  period: number;
  /** When this period's reminder became due: dueDate + period × every. */
  dueAt: Date;
  /** Whole days past the due date (0 on the day it is due). */
  daysOverdue: number;
};

/**
 * The reminders due at `now`: one for each item not done whose due date has come, for the period
 * `now` is in (a period lasts `everyDays`; period 0 starts on the due date). Only the current
 * period counts: an item three periods overdue that was never reminded gets one reminder, for
 * period 3, not four. Whether the postmortem is published does not matter: reminders keep going
 * until the item is done. The caller records `reminder:<item>:<period>` so each is sent once.
 */
export function dueReminders(items: readonly ReminderItem[], now: Date, everyDays: number): DueReminder[] {
  if (!(everyDays > 0)) throw new RangeError("everyDays must be positive");
  const everyMs = everyDays * DAY_MS;
  return items.flatMap((item) => {
    const since = now.getTime() - item.dueDate.getTime();
    if (item.status === "done" || since < 0) return [];
    const period = Math.floor(since / everyMs);
    return [{ item, period, dueAt: new Date(item.dueDate.getTime() + period * everyMs), daysOverdue: Math.floor(since / DAY_MS) }];
  });
}

export const reminderKey = (itemId: string, period: number) => `reminder:${itemId}:${period}`;

export function reminderNotification(r: DueReminder): NotificationDraft {
  const due = r.item.dueDate.toISOString().slice(0, 10);
  const when = r.daysOverdue === 0 ? "due today" : `${r.daysOverdue} day${r.daysOverdue === 1 ? "" : "s"} overdue`;
  return {
    key: reminderKey(r.item.id, r.period),
    kind: "reminder",
    at: r.dueAt,
    title: `Action item ${when}: ${r.item.title}`,
    body: `Owner ${r.item.owner || "unassigned"}, due ${due}, from the postmortem "${r.item.postmortem.title}". Reminders repeat until it is done.`,
    link: `/postmortems/${r.item.postmortem.id}`,
  };
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * The notification an event is worth, or null: alert tiers that start or stop firing, breakers
 * that open or close (half-open is a probe, not news), and failovers.
 */
export function eventNotification(event: EventRecord): NotificationDraft | null {
  const to = str(event.detail.to);
  const base = { key: `event:${event.id}`, at: new Date(event.at), title: event.title };
  switch (event.kind) {
    case "alert":
      if (to !== "firing" && to !== "resolved") return null;
      return { ...base, kind: "alert", body: alertBody(event.detail, to), link: `/slos/${encodeURIComponent(event.subject)}` };
    case "breaker":
      if (to !== "open" && to !== "closed") return null;
      return { ...base, kind: "breaker", body: `Breaker ${event.subject} is ${to}${str(event.detail.from) ? ` (was ${str(event.detail.from)})` : ""}.`, link: "/breakers" };
    case "failover":
      return { ...base, kind: "failover", body: `Primary moved${str(event.detail.from) ? ` from ${str(event.detail.from)}` : ""}${str(event.detail.to) ? ` to ${str(event.detail.to)}` : ""}.`, link: `/replication/${encodeURIComponent(event.subject)}` };
    default:
      return null;
  }
}

function alertBody(detail: Record<string, unknown>, to: "firing" | "resolved"): string {
  const severity = str(detail.severity);
  const long = detail.long as { burnRate?: unknown } | undefined;
  const rate = typeof long?.burnRate === "number" ? `; long-window burn rate ${long.burnRate.toFixed(1)}×` : "";
  return `${severity ? `${severity} ` : ""}alert ${to === "firing" ? "started firing" : "resolved"}${rate}.`;
}

/** Slack-compatible incoming-webhook body: `text` is what every receiver shows. */
export function webhookPayload(n: { kind: string; title: string; body: string; link: string | null; at: Date }, baseUrl: string | null) {
  const url = n.link && baseUrl ? `${baseUrl.replace(/\/$/, "")}${n.link}` : null;
  return { text: `${n.title}\n${n.body}${url ? `\n${url}` : ""}`, kind: n.kind, title: n.title, body: n.body, link: url ?? n.link, at: n.at.toISOString() };
}
