"use client";

import { useState, type FormEvent } from "react";

/** The first admin: works only while no admin exists (the server answers 409 after). */
export function SetupForm() {
  const [values, setValues] = useState({ email: "", name: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const res = await fetch("/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(values), credentials: "same-origin" });
    if (res.ok) {
      window.location.assign("/sign-in");
      return;
    }
    const body = await res.json().catch(() => null);
    const issues: { path: (string | number)[]; message: string }[] = body?.error?.issues ?? [];
    setError(issues.length ? issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (body?.error?.message ?? "Setup failed."));
    setBusy(false);
  }
  return (
    <form className="card auth-form" onSubmit={submit} aria-label="Create the first admin">
      <h1>Create the first admin</h1>
      <div className="field"><label htmlFor="setup-name">Name</label><input id="setup-name" required value={values.name} onChange={set("name")} /></div>
      <div className="field"><label htmlFor="setup-email">Email</label><input id="setup-email" type="email" autoComplete="username" required value={values.email} onChange={set("email")} /></div>
      <div className="field"><label htmlFor="setup-password">Password (12 characters or more)</label><input id="setup-password" type="password" autoComplete="new-password" required minLength={12} value={values.password} onChange={set("password")} /></div>
      {error ? <p role="alert" className="status" data-state="danger"><span aria-hidden="true">✖</span> {error}</p> : null}
      <button type="submit" className="button primary" disabled={busy}>Create admin</button>
    </form>
  );
}
