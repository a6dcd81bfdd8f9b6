"use client";

import { refusalMessage } from "@/components/ui/api-client";

export type ApiIssue = { path: (string | number)[]; message: string };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; issues: ApiIssue[] };

/** A write to the API through the session cookie; errors come back as the API's message and issues. */
export async function apiWrite<T>(path: string, init: { method: string; json?: unknown; body?: string; contentType?: string }): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] = "application/json";
  } else if (init.contentType) headers["content-type"] = init.contentType;
  try {
    const res = await fetch(path, { method: init.method, headers, body, credentials: "same-origin" });
    if (res.status === 204) return { ok: true, data: undefined as T };
    const data = await res.json();
    if (res.ok) return { ok: true, data: data as T };
    const message = refusalMessage(res.status, data?.error?.message) ?? `request failed (${res.status})`;
    return { ok: false, status: res.status, message, issues: data?.error?.issues ?? [] };
  } catch {
    return { ok: false, status: 0, message: "The server did not answer; nothing was saved.", issues: [] };
  }
}
