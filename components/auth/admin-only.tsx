import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { currentPrincipal } from "@/lib/server/auth/session-page";

/** Admin pages: anyone else sees why the page is empty instead of the controls. */
export async function AdminOnly({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  if (principal.role === "admin" && principal.via === "session") return <>{children}</>;
  return (
    <EmptyState title="Admins only">
      <p>This page (people, API tokens, the audit log) needs the admin role. Ask an admin, or sign in as one.</p>
    </EmptyState>
  );
}
