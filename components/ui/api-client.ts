"use client";

// The browser writes through its session cookie (same-origin fetch, so the server's Origin check
// passes); no token is ever typed into or kept by the page.

export type ApiIssue = { path: (string | number)[]; message: string };
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly issues: ApiIssue[] = []) {
    super(message);
  }
}

/** What a refused write means to the person at the screen. */
export function refusalMessage(status: number, serverMessage: string | undefined): string | undefined {
  if (status === 401) return "You are signed out: sign in again, then retry.";
  if (status === 403) return serverMessage ? `Not allowed: ${serverMessage}.` : "Your role does not allow this.";
  return serverMessage;
}

/** JSON in, JSON out; an error body becomes an ApiError with the server's message and field issues. */
export async function apiFetch<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, { method: init.method ?? "GET", headers, credentials: "same-origin", body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = body?.error;
    throw new ApiError(res.status, refusalMessage(res.status, error?.message) ?? `HTTP ${res.status}`, error?.issues ?? []);
  }
  return body as T;
}
