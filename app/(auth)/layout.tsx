import type { ReactNode } from "react";

// Sign-in and setup read the session and the database, so they are never prerendered.
export const dynamic = "force-dynamic";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <p className="brand">steady<span>state</span></p>
      {children}
    </main>
  );
}
