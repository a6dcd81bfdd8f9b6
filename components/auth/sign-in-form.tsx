"use client";

import { useState, type FormEvent } from "react";

type Issue = { path: (string | number)[]; message: string };

/** Posts JSON to /api/auth/sign-in (same origin, so the server's Origin check passes), then goes to `next`. */
export function SignInForm({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }), credentials: "same-origin" });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      const body = await res.json().catch(() => null);
      const issues: Issue[] = body?.error?.issues ?? [];
      const wait = res.headers.get("retry-after");
      setError(res.status === 429 ? `Too many failed attempts: try again in ${Math.ceil(Number(wait ?? 60) / 60)} minutes.` : issues.length ? issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (body?.error?.message ?? "Sign-in failed."));
    } catch {
      setError("The server did not answer.");
    }
    setBusy(false);
  }
  return (
    <form className="card auth-form" onSubmit={submit} aria-label="Sign in">
      <h1>Sign in</h1>
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input id="signin-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {error ? <p role="alert" className="status" data-state="danger"><span aria-hidden="true">✖</span> {error}</p> : null}
      <button type="submit" className="button primary" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
    </form>
  );
}
