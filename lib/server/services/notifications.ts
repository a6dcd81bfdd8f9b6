import "server-only";
import type { NotificationKind } from "@/lib/domain/notifications";
import * as repo from "../repos/notifications";

/** The in-app list, newest first, and how many are unread. */
export async function notificationList(options: { isUnreadOnly?: boolean; kind?: NotificationKind } = {}) {
  const [notifications, unread] = await Promise.all([repo.listNotifications({ ...options, limit: 200 }), repo.countUnread()]);
  return { notifications, unread };
}

export const unreadCount = repo.countUnread;

export async function markNotificationsRead(which: { ids: string[] } | { all: true }, now: Date): Promise<{ marked: number; unread: number }> {
  const marked = await repo.markRead("all" in which ? "all" : which.ids, now);
  return { marked, unread: await repo.countUnread() };
}
