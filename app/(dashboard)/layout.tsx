import Link from "next/link";
import type { ReactNode } from "react";
import { UnreadLink } from "@/components/notifications/unread-link";
import { Providers } from "@/components/providers";
import { Nav } from "@/components/ui/nav";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { env } from "@/lib/server/env";
import { unreadCount } from "@/lib/server/services/notifications";

// Reads runtime configuration (demo badge), so no page under it may be prerendered at build time.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const isDemo = env().STEADYSTATE_DEMO;
  // The badge is a convenience: a database hiccup must not take every page down with it.
  const unread = await unreadCount().catch(() => 0);
  return (
    <Providers>
      <a href="#main" className="skip-link">Skip to content</a>
      <div className="shell">
        <aside className="sidebar">
          <Link href="/" className="brand">steady<span>state</span></Link>
          <Nav />
          <UnreadLink initialUnread={unread} />
          <div className="sidebar-footer">
            {isDemo ? <span className="status" data-state="warning" role="note">● Demo data</span> : null}
            <ThemeToggle />
          </div>
        </aside>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </Providers>
  );
}
