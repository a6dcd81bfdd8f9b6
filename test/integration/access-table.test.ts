// Every route file's every method, called as anonymous, viewer, editor, admin and each token scope:
// the wrapper must allow exactly what the table says. A route missing from the table (or a table
// row without a route) fails the suite, so a new route cannot ship without a declared rule.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { allows, roleGrants, scopeGrants, type AccessRule, type Grant } from "@/lib/domain/access";
import { resetDatabase } from "../support/reset-db";
import { call } from "../support/http";
import { apiToken, signedIn } from "../support/accounts";

const ACCESS: Record<string, AccessRule> = {
  "GET /api/action-items": "read",
  "PATCH /api/action-items/[id]": "write",
  "GET /api/auth/me": "public",
  "POST /api/auth/sign-in": "public",
  "POST /api/auth/sign-out": "public",
  "GET /api/audit": "admin",
  "GET /api/breakers": "read",
  "GET /api/breakers/[id]": "read",
  "POST /api/breakers/events": "ingest",
  "GET /api/datasources": "admin",
  "POST /api/datasources": "admin",
  "GET /api/events": "read",
  "GET /api/fmea/modes/[id]": "read",
  "PATCH /api/fmea/modes/[id]": "write",
  "DELETE /api/fmea/modes/[id]": "write",
  "POST /api/fmea/modes": "write",
  "GET /api/fmea/top": "read",
  "GET /api/fmea/worksheets": "read",
  "POST /api/fmea/worksheets": "write",
  "GET /api/fmea/worksheets/[id]": "read",
  "PUT /api/fmea/worksheets/[id]": "write",
  "DELETE /api/fmea/worksheets/[id]": "write",
  "GET /api/fmea/worksheets/[id]/export": "read",
  "POST /api/fmea/worksheets/[id]/import": "write",
  "GET /api/health/live": "public",
  "GET /api/health/ready": "public",
  "POST /api/ingest": "ingest",
  "GET /api/notifications": "read",
  "POST /api/notifications/read": "write",
  "POST /api/notifications/run": "admin",
  "GET /api/notifications/unread": "read",
  "GET /api/postmortems": "read",
  "POST /api/postmortems": "write",
  "GET /api/postmortems/[id]": "read",
  "PUT /api/postmortems/[id]": "write",
  "POST /api/postmortems/[id]/comments": "write",
  "GET /api/postmortems/[id]/markdown": "read",
  "POST /api/postmortems/[id]/status": "write",
  "GET /api/postmortems/[id]/versions": "read",
  "GET /api/postmortems/budget": "read",
  "GET /api/postmortems/timeline": "read",
  "GET /api/replication/clusters": "read",
  "POST /api/replication/clusters": "admin",
  "GET /api/replication/clusters/[id]": "read",
  "DELETE /api/replication/clusters/[id]": "admin",
  "POST /api/replication/clusters/[id]/probe": "write",
  "GET /api/series": "read",
  "GET /api/services": "read",
  "POST /api/services": "write",
  "GET /api/services/[slug]": "read",
  "POST /api/setup": "public",
  "GET /api/slos": "read",
  "GET /api/slos/sparklines": "read",
  "GET /api/slos/[id]/activity": "read",
  "POST /api/slos": "write",
  "GET /api/slos/[id]": "read",
  "PUT /api/slos/[id]": "write",
  "DELETE /api/slos/[id]": "write",
  "GET /api/slos/[id]/alerts": "read",
  "GET /api/slos/[id]/exclusions": "read",
  "POST /api/slos/[id]/exclusions": "write",
  "DELETE /api/slos/[id]/exclusions/[exclusionId]": "write",
  "GET /api/slos/export": "read",
  "POST /api/slos/import": "write",
  "POST /api/slos/preview": "read",
  "GET /api/teams": "admin",
  "GET /api/tokens": "admin",
  "POST /api/tokens": "admin",
  "DELETE /api/tokens/[id]": "admin",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "POST /api/v1/write": "ingest",
  "GET /metrics": "public",
  "POST /otlp/v1/metrics": "ingest",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (req: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

async function discover(): Promise<{ key: string; path: string; method: string; handler: Handler }[]> {
  const found = [];
  for (const file of routeFiles(path.resolve("app"))) {
    // app/(group)/x/route.ts → /x: route groups are not part of the URL.
    const urlPath = "/" + path.relative(path.resolve("app"), path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/");
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === "function") found.push({ key: `${method} ${urlPath}`, path: urlPath, method, handler: mod[method] as Handler });
    }
  }
  return found;
}

type Caller = { name: string; grants: Grant[]; session?: string; token?: string | null };

describe("route access table", () => {
  let routes: Awaited<ReturnType<typeof discover>>;
  const callers: Caller[] = [{ name: "anonymous", grants: [], token: null }];

  beforeAll(async () => {
    await resetDatabase();
    routes = await discover();
    for (const role of ["viewer", "editor", "admin"] as const) callers.push({ name: role, grants: roleGrants(role), session: (await signedIn(role)).session });
    for (const scope of ["ingest", "read", "write", "admin"] as const) callers.push({ name: `token:${scope}`, grants: scopeGrants([scope]), token: (await apiToken([scope])).token });
  }, 120_000);

  it("has exactly one rule for every route method, and no rule without a route", () => {
    const keys = routes.map((r) => r.key).sort();
    expect(keys.filter((k) => !(k in ACCESS)), "routes missing from the table").toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !keys.includes(k)), "table rows without a route").toEqual([]);
  });

  it("allows and denies each caller exactly as the table says", async () => {
    const wrong: string[] = [];
    // Sign-out ends the callers' sessions, so it goes last.
    const ordered = [...routes].sort((a, b) => Number(a.key.endsWith("/sign-out")) - Number(b.key.endsWith("/sign-out")));
    for (const route of ordered) {
      const rule = ACCESS[route.key];
      if (!rule) continue;
      for (const caller of callers) {
        const res = await route.handler(...callArgs(route, caller));
        const allowed = allows(caller.grants, rule);
        const denied = res.status === 401 || res.status === 403;
        const expected = allowed ? "allowed" : caller.name === "anonymous" ? "401" : "403";
        const got = !denied ? "allowed" : String(res.status);
        // sign-in with no body answers 422, never 401/403; a denied caller must get exactly 401 or 403.
        if (expected !== got) wrong.push(`${route.key} as ${caller.name}: expected ${expected}, got ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);
});

function callArgs(route: { path: string; method: string; handler: Handler }, caller: Caller): Parameters<Handler> {
  const params = { id: "missing", slug: "missing", exclusionId: "missing" };
  // Built through call() so the request looks like the app's own page (same Origin) for sessions.
  let captured: Parameters<Handler> | undefined;
  const capture: Handler = async (...args) => ((captured = args), new Response());
  void call(capture, {
    method: route.method, path: route.path.replace(/\[(\w+)\]/g, "missing"), params,
    json: route.method === "GET" || route.method === "DELETE" ? undefined : {},
    token: caller.token ?? null, session: caller.session, origin: caller.session ? undefined : "http://localhost",
  });
  return captured!;
}
