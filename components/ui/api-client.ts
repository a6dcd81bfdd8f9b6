"use client";

// Until accounts exist (issue #9), the browser writes with the API token, like any other client:
// the person types it once per tab and it stays in sessionStorage, never in a cookie or the URL.
const KEY = "steadystate-api-token";

export function storedApiToken(): string {
  return typeof window === "undefined" ? "" : (sessionStorage.getItem(KEY) ?? "");
}

export function storeApiToken(token: string): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

export type ApiIssue = { path: (string | number)[]; message: string };
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly issues: ApiIssue[] = []) {
    super(message);
  }
}

/** JSON in, JSON out; an error body becomes an ApiError with the server's message and field issues. */
export async function apiFetch<T>(path: string, init: { method?: string; json?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(path, { method: init.method ?? "GET", headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = body?.error;
    throw new ApiError(res.status, error?.message ?? `HTTP ${res.status}`, error?.issues ?? []);
  }
  return body as T;
}
