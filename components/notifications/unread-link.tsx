"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const UNREAD_QUERY_KEY = ["notifications", "unread"] as const;

/** The shell's way to the notifications, with how many are unread (polled, so it stays current). */
export function UnreadLink({ initialUnread }: { initialUnread: number }) {
  const pathname = usePathname();
  const { data } = useQuery({
    queryKey: UNREAD_QUERY_KEY,
    queryFn: async () => ((await (await fetch("/api/notifications/unread")).json()) as { unread: number }).unread,
    initialData: initialUnread,
    refetchInterval: 30_000,
  });
  const unread = data ?? 0;
  return (
    <Link href="/notifications" className="notify-link" aria-current={pathname === "/notifications" ? "page" : undefined}>
      Notifications
      {unread > 0 ? <span className="notify-count" aria-hidden="true">{unread > 99 ? "99+" : unread}</span> : null}
      <span className="visually-hidden">{unread > 0 ? ` (${unread} unread)` : " (none unread)"}</span>
    </Link>
  );
}
