"use client";

import { useEffect, useState } from "react";
import { useViewer } from "./viewer-context";

async function signOut(everywhere: boolean): Promise<void> {
  await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ everywhere }), credentials: "same-origin" });
  window.location.assign("/sign-in");
}

/** Who is signed in, with which role, and the way out; the demo viewer is marked as such. */
export function AccountMenu() {
  const viewer = useViewer();
  const [busy, setBusy] = useState(false);
  // The buttons act from script: until it has hydrated they are disabled, not silently inert.
  const [isHydrated, setIsHydrated] = useState(false);
  useEffect(() => setIsHydrated(true), []);
  if (viewer.demo) {
    return (
      <div className="account" role="group" aria-label="Account">
        <span className="status" data-state="warning" role="note"><span aria-hidden="true">●</span> Demo viewer (read only)</span>
        <a className="button" href="/sign-in">Sign in</a>
      </div>
    );
  }
  const run = (everywhere: boolean) => () => {
    setBusy(true);
    void signOut(everywhere);
  };
  return (
    <div className="account" role="group" aria-label="Account">
      <span className="account-name">{viewer.name}</span>
      <span className="muted">Role: {viewer.role ?? "no team"}</span>
      <button type="button" className="button" disabled={busy || !isHydrated} onClick={run(false)}>Sign out</button>
      <button type="button" className="button" disabled={busy || !isHydrated} onClick={run(true)}>Sign out everywhere</button>
    </div>
  );
}
