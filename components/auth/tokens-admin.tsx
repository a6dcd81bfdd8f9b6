"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/ui/api-client";
import type { PublicApiToken } from "@/lib/schemas/accounts";

const SCOPES = [
  { scope: "ingest", hint: "send metrics and breaker events" },
  { scope: "read", hint: "read every API" },
  { scope: "write", hint: "read, and change SLOs, postmortems, FMEA" },
  { scope: "admin", hint: "everything but ingest: people, tokens, data sources" },
] as const;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

function state(t: PublicApiToken): { label: string; tone: string } {
  if (t.revokedAt) return { label: "⊘ revoked", tone: "muted" };
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return { label: "⌛ expired", tone: "warning" };
  return { label: "✔ active", tone: "ok" };
}

/** Scoped API tokens: create (the token is shown once), list with last use, revoke. */
export function TokensAdmin({ tokens }: { tokens: PublicApiToken[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["ingest"]);
  const [days, setDays] = useState("90");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const res = await apiFetch<{ token: string; apiToken: PublicApiToken }>("/api/tokens", { method: "POST", json: { name, scopes, expiresInDays: days === "" ? null : Number(days) } });
      setCreated({ name: res.apiToken.name, token: res.token });
      setName("");
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? (e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") || e.message) : String(e));
    }
  }
  async function revoke(t: PublicApiToken) {
    try {
      await apiFetch(`/api/tokens/${t.id}`, { method: "DELETE" });
      router.refresh();
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }
  return (
    <>
      {created ? (
        <div className="banner" role="status">
          <p>Token <strong>{created.name}</strong> created. Copy it now: it is not shown again.</p>
          <p className="token-once" aria-label="New token">{created.token}</p>
        </div>
      ) : null}
      {error ? <p role="alert" className="status" data-state="danger">✖ {error}</p> : null}
      {tokens.length === 0 ? <p className="muted">No API tokens yet. Collectors (Prometheus remote write, OpenTelemetry) need one with the ingest scope: create it below.</p> : (
        <table className="data">
          <thead><tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {tokens.map((t) => {
              const s = state(t);
              return (
                <tr key={t.id}>
                  <th scope="row">{t.name}<div className="muted">{t.prefix}… by {t.createdBy}</div></th>
                  <td>{t.scopes.join(", ")}</td>
                  <td>{day(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? t.lastUsedAt.replace("T", " ").slice(0, 16) : "never"}</td>
                  <td>{t.expiresAt ? day(t.expiresAt) : "never"}</td>
                  <td><span className="status" data-state={s.tone}>{s.label}</span></td>
                  <td>{t.revokedAt ? null : <button type="button" className="button danger" onClick={() => void revoke(t)}>Revoke {t.name}</button>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form className="card auth-form" onSubmit={create} aria-label="Create an API token" style={{ marginTop: 16 }}>
        <h2 style={{ margin: 0, fontSize: "1.05rem" }}>Create an API token</h2>
        <div className="field"><label htmlFor="token-name">Name (what uses it)</label><input id="token-name" required value={name} onChange={(e) => setName(e.target.value)} /></div>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map(({ scope, hint }) => (
            <label key={scope} style={{ display: "block" }}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))} /> {scope} <span className="muted">({hint})</span>
            </label>
          ))}
        </fieldset>
        <div className="field"><label htmlFor="token-days">Expires after (days; empty: never)</label><input id="token-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} /></div>
        <button type="submit" className="button primary">Create token</button>
      </form>
    </>
  );
}
