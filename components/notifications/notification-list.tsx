"use client";

import { IfCanWrite } from "@/components/auth/viewer-context";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markReadAction } from "@/app/(dashboard)/notifications/actions";
import type { NotificationRecord } from "@/lib/server/repos/notifications";
import { UNREAD_QUERY_KEY } from "./unread-link";

const KIND: Record<string, { icon: string; label: string }> = {
  reminder: { icon: "◷", label: "Reminder" },
  alert: { icon: "▲", label: "Alert" },
  breaker: { icon: "⚡", label: "Breaker" },
  failover: { icon: "⇄", label: "Failover" },
};

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function WebhookState({ n, hasWebhook }: { n: NotificationRecord; hasWebhook: boolean }) {
  const w = n.webhook;
  if (w.status === "none") return <span className="muted">{hasWebhook ? "not sent (created before the webhook was set)" : "in app only"}</span>;
  if (w.status === "delivered") return <span className="status" data-state="ok"><span aria-hidden="true">✔</span> sent to webhook</span>;
  if (w.status === "pending") return <span className="status" data-state="muted"><span aria-hidden="true">…</span> webhook pending</span>;
  return <span className="status" data-state="danger" title={w.at ? `last try ${utc(w.at)}` : undefined}><span aria-hidden="true">✖</span> webhook failed ({w.tries} {w.tries === 1 ? "run" : "runs"}): {w.error}</span>;
}

/** The notifications, newest first, each marked read on its own or all at once. */
export function NotificationList({ notifications, unread, hasWebhook }: { notifications: NotificationRecord[]; unread: number; hasWebhook: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function mark(which: { ids: string[] } | { all: true }) {
    startTransition(async () => {
      const result = await markReadAction(which);
      if (!result.ok) return setError(result.message);
      setError(null);
      queryClient.setQueryData(UNREAD_QUERY_KEY, result.unread);
      router.refresh();
    });
  }
  return (
    <>
      <div className="notify-toolbar">
        <IfCanWrite><button type="button" className="button" disabled={unread === 0 || isPending} onClick={() => mark({ all: true })}>Mark all read</button></IfCanWrite>
        {error ? <span role="alert" className="status" data-state="danger">{error}</span> : null}
      </div>
      <ul className="notify-list" aria-label="Notifications">
        {notifications.map((n) => {
          const kind = KIND[n.kind] ?? { icon: "•", label: n.kind };
          return (
            <li key={n.id} className="card notify-item" data-unread={n.readAt ? undefined : "true"}>
              <div className="notify-main">
                <div className="notify-head">
                  <span className="notify-kind"><span aria-hidden="true">{kind.icon}</span> {kind.label}</span>
                  {n.readAt ? null : <span className="status" data-state="warning"><span aria-hidden="true">●</span> unread</span>}
                </div>
                <h2 className="notify-title">{n.link ? <Link href={n.link}>{n.title}</Link> : n.title}</h2>
                <p className="notify-body">{n.body}</p>
              </div>
              <div className="notify-side">
                <time dateTime={n.at} className="muted">{utc(n.at)}</time>
                <WebhookState n={n} hasWebhook={hasWebhook} />
                {n.readAt ? null : (
                  <IfCanWrite><button type="button" className="button" disabled={isPending} onClick={() => mark({ ids: [n.id] })} aria-label={`Mark read: ${n.title}`}>Mark read</button></IfCanWrite>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
