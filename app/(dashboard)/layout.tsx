import Link from "next/link";
import type { ReactNode } from "react";
import { UnreadLink } from "@/components/notifications/unread-link";
import { Providers } from "@/components/providers";
import { Nav } from "@/components/ui/nav";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { AccountMenu } from "@/components/auth/account-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { ViewerProvider } from "@/components/auth/viewer-context";
import { requirePageRole } from "@/lib/server/auth/session-page";
import { env } from "@/lib/server/env";
import { unreadCount } from "@/lib/server/services/notifications";

// Reads runtime configuration (demo badge), so no page under it may be prerendered at build time.
export const dynamic = "force-dynamic";

// Every dashboard page needs at least a viewer: nobody signed in goes to /sign-in?next=…
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const isDemo = env().STEADYSTATE_DEMO;
  const { principal, allowed } = await requirePageRole("viewer");
  const viewer = { name: principal.actor.name, role: principal.role, demo: principal.via === "demo" };
  // The badge is a convenience: a database hiccup must not take every page down with it.
  const unread = await unreadCount().catch(() => 0);
  return (
    <Providers>
      <ViewerProvider viewer={viewer}>
      <a href="#main" className="skip-link">Skip to content</a>
      <div className="shell">
        <aside className="sidebar">
          <Link href="/" className="brand">steady<span>state</span></Link>
          <Nav />
          <UnreadLink initialUnread={unread} />
          <div className="sidebar-footer">
            {isDemo ? <span className="status" data-state="warning" role="note">● Demo data</span> : null}
            <AccountMenu />
            <ThemeToggle />
          </div>
        </aside>
        <main id="main" className="main" tabIndex={-1}>
          {allowed ? children : (
            <EmptyState title="No team yet">
              <p>You are signed in but belong to no team, so there is nothing you may see. Ask an admin to give you a role in a team.</p>
            </EmptyState>
          )}
        </main>
      </div>
      </ViewerProvider>
    </Providers>
  );
}
