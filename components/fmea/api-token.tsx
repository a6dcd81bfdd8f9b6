"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { storeApiToken, storedApiToken } from "@/components/ui/api-client";

/**
 * Writes need the API token until accounts land (README "Configuration"). The browser keeps it for
 * this tab only (sessionStorage), never in a cookie, so it is not sent anywhere but the API calls.
 */
const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => (listeners.add(fn), () => listeners.delete(fn));
const read = storedApiToken;
function write(token: string) {
  storeApiToken(token);
  listeners.forEach((fn) => fn());
}

export function useApiToken(): string {
  return useSyncExternalStore(subscribe, read, () => "");
}

export type ApiIssue = { path: (string | number)[]; message: string };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; issues: ApiIssue[] };

/** A write to the API with the tab's token; errors come back as the API's message and issues. */
export async function apiWrite<T>(path: string, init: { method: string; json?: unknown; body?: string; contentType?: string }): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${read()}` };
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] = "application/json";
  } else if (init.contentType) headers["content-type"] = init.contentType;
  try {
    const res = await fetch(path, { method: init.method, headers, body });
    if (res.status === 204) return { ok: true, data: undefined as T };
    const data = await res.json();
    if (res.ok) return { ok: true, data: data as T };
    const message = res.status === 401 ? "The API token is missing or wrong: enter it above." : (data?.error?.message ?? `request failed (${res.status})`);
    return { ok: false, status: res.status, message, issues: data?.error?.issues ?? [] };
  } catch {
    return { ok: false, status: 0, message: "The server did not answer; nothing was saved.", issues: [] };
  }
}

export function ApiTokenField() {
  const token = useApiToken();
  const [draft, setDraft] = useState("");
  if (token) {
    return (
      <p className="fmea-token">
        <span className="status" data-state="ok"><span aria-hidden="true">✔</span> API token set for this tab</span>{" "}
        <button type="button" className="button" onClick={() => write("")}>Forget token</button>
      </p>
    );
  }
  const save = (e: FormEvent) => {
    e.preventDefault();
    write(draft.trim());
    setDraft("");
  };
  return (
    <form className="fmea-token" onSubmit={save}>
      <label htmlFor="fmea-api-token">API token (edits need <code>STEADYSTATE_API_TOKEN</code>)</label>
      <input id="fmea-api-token" type="password" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit" className="button">Use token</button>
    </form>
  );
}
