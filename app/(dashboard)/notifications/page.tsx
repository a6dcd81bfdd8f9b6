import Link from "next/link";
import { NotificationFilters } from "@/components/notifications/notification-filters";
import { NotificationList } from "@/components/notifications/notification-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { notificationQuerySchema } from "@/lib/schemas/notification";
import { env } from "@/lib/server/env";
import { notificationList } from "@/lib/server/services/notifications";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await guardPage();
  const parsed = notificationQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : { unread: false, kind: undefined };
  const { notifications, unread } = await notificationList({ isUnreadOnly: query.unread, kind: query.kind });
  const hasWebhook = Boolean(env().STEADYSTATE_WEBHOOK_URL);
  const isFiltered = query.unread || query.kind !== undefined;
  return (
    <>
      <PageHeader
        title="Notifications"
        description={`${unread} unread. Reminders for open action items every ${env().STEADYSTATE_REMINDER_EVERY_DAYS} days until done; alerts firing or resolved, breakers opening or closing, failovers. ${hasWebhook ? "Also sent to the configured webhook." : "Set STEADYSTATE_WEBHOOK_URL to also send them to chat."}`}
        actions={<Link className="button notify-action" href="/postmortems/action-items">Action items</Link>}
      />
      <NotificationFilters isUnreadOnly={query.unread} kind={query.kind} />
      {notifications.length === 0 ? (
        isFiltered ? (
          <EmptyState title="Nothing matches these filters">
            <p>{query.unread ? "Everything here has been read." : "No notification of this kind yet."} <Link href="/notifications">Show all notifications</Link>.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No notifications yet">
            <p>They appear here when an action item of a postmortem falls due, when an SLO&apos;s alert fires or resolves, when a circuit breaker opens or closes, and when a database fails over. Add action items with due dates to your <Link href="/postmortems">postmortems</Link> to be reminded of them.</p>
          </EmptyState>
        )
      ) : (
        <NotificationList notifications={notifications} unread={unread} hasWebhook={hasWebhook} />
      )}
    </>
  );
}
