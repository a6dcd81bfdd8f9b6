import "server-only";
import type { NotificationDraft, NotificationKind } from "@/lib/domain/notifications";
import { db } from "../db";

export const WEBHOOK_STATUSES = ["none", "pending", "delivered", "failed"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["notification"]["findFirst"]>>>;

const toRecord = (r: Row) => ({
  id: r.id, key: r.key, kind: r.kind as NotificationKind, at: r.at.toISOString(), title: r.title, body: r.body, link: r.link,
  readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
  webhook: { status: r.webhookStatus as WebhookStatus, tries: r.webhookTries, error: r.webhookError, at: r.webhookAt?.toISOString() ?? null },
});
export type NotificationRecord = ReturnType<typeof toRecord>;

/**
 * Stores a notification unless one with its key exists: true when this call created it. The key is
 * unique in the database, so two instances (or a rerun after a crash) cannot both create it.
 */
export async function insertNotification(draft: NotificationDraft, webhookStatus: "none" | "pending"): Promise<boolean> {
  try {
    await db().notification.create({ data: { ...draft, webhookStatus } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Newest first. */
export async function listNotifications(options: { isUnreadOnly?: boolean; kind?: NotificationKind; limit?: number } = {}) {
  const rows = await db().notification.findMany({
    where: { ...(options.isUnreadOnly ? { readAt: null } : {}), ...(options.kind ? { kind: options.kind } : {}) },
    orderBy: [{ createdAt: "desc" }, { at: "desc" }, { id: "asc" }],
    take: options.limit ?? 200,
  });
  return rows.map(toRecord);
}

export async function countUnread(): Promise<number> {
  return db().notification.count({ where: { readAt: null } });
}

/** Marks the ones named (or every unread one) read; returns how many changed. */
export async function markRead(ids: string[] | "all", at: Date): Promise<number> {
  const result = await db().notification.updateMany({ where: { readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) }, data: { readAt: at } });
  return result.count;
}

/** What the webhook still owes: new ones, and failed ones with tries left, oldest first. */
export async function listUndelivered(options: { maxTries: number; limit: number }) {
  const rows = await db().notification.findMany({
    where: { OR: [{ webhookStatus: "pending" }, { webhookStatus: "failed", webhookTries: { lt: options.maxTries } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.limit,
  });
  return rows.map(toRecord);
}

export async function recordDelivery(id: string, outcome: { status: "delivered" | "failed"; error: string | null; at: Date; addTries: number }): Promise<void> {
  await db().notification.update({
    where: { id },
    data: { webhookStatus: outcome.status, webhookError: outcome.error, webhookAt: outcome.at, webhookTries: { increment: outcome.addTries } },
  });
}

export async function readCursor(name: string): Promise<Date | null> {
  return (await db().notificationCursor.findUnique({ where: { name } }))?.at ?? null;
}

export async function writeCursor(name: string, at: Date): Promise<void> {
  await db().notificationCursor.upsert({ where: { name }, create: { name, at }, update: { at } });
}

/** Per action item: how many reminders were sent and when the latest was (keys `reminder:<item>:<period>`). */
export async function remindersByItem(): Promise<Map<string, { count: number; last: string }>> {
  const rows = await db().notification.findMany({ where: { kind: "reminder" }, select: { key: true, createdAt: true }, orderBy: { createdAt: "asc" } });
  const byItem = new Map<string, { count: number; last: string }>();
  for (const r of rows) {
    const item = r.key.split(":")[1] ?? "";
    byItem.set(item, { count: (byItem.get(item)?.count ?? 0) + 1, last: r.createdAt.toISOString() });
  }
  return byItem;
}
