import Link from "next/link";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";

const LABELS: Record<string, string> = { reminder: "Reminders", alert: "Alerts", breaker: "Breakers", failover: "Failovers" };

/** Filters as links, so the URL keeps the view (`?unread=1&kind=reminder`). */
export function NotificationFilters({ isUnreadOnly, kind }: { isUnreadOnly: boolean; kind: string | undefined }) {
  const href = (next: { unread?: boolean; kind?: string }) => {
    const q = new URLSearchParams();
    if (next.unread) q.set("unread", "1");
    if (next.kind) q.set("kind", next.kind);
    const s = q.toString();
    return s ? `/notifications?${s}` : "/notifications";
  };
  const current = (is: boolean) => (is ? ("page" as const) : undefined);
  return (
    <nav aria-label="Filter notifications" className="notify-filters">
      <Link href={href({ kind })} aria-current={current(!isUnreadOnly)}>All</Link>
      <Link href={href({ unread: true, kind })} aria-current={current(isUnreadOnly)}>Unread</Link>
      <span aria-hidden="true" className="muted">·</span>
      <Link href={href({ unread: isUnreadOnly })} aria-current={current(!kind)}>Every kind</Link>
      {NOTIFICATION_KINDS.map((k) => <Link key={k} href={href({ unread: isUnreadOnly, kind: k })} aria-current={current(kind === k)}>{LABELS[k]}</Link>)}
    </nav>
  );
}
