// No secret in any API response: every GET route of the app, called with the ids of a seeded
// database that holds a data source credential and a database password, must answer without the
// configured API token, the secret key, the header value or the password. A new GET route is
// picked up by the file scan, so it is checked without anyone remembering to add it here.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createSource } from "@/app/api/datasources/route";
import { POST as createPostmortem } from "@/app/api/postmortems/route";
import { POST as registerCluster } from "@/app/api/replication/clusters/route";
import { POST as createSlo } from "@/app/api/slos/route";
import { POST as createWorksheet } from "@/app/api/fmea/worksheets/route";
import { POST as createMode } from "@/app/api/fmea/modes/route";
import { createService } from "@/lib/server/services/services";
import { call } from "../support/http";
import { TEST_SECRET_KEY } from "../support/replication";
import { resetDatabase } from "../support/reset-db";
import { TEST_API_TOKEN } from "../support/setup-db";

process.env.STEADYSTATE_SECRET_KEY = TEST_SECRET_KEY;

const HEADER_SECRET = "hdr-Sup3rSecretValue-42";
const DB_PASSWORD = "pw-Hunter2Hunter2";
const SECRETS = { "API token": TEST_API_TOKEN, "secret key": TEST_SECRET_KEY, "data source header": HEADER_SECRET, "cluster password": DB_PASSWORD };

const ids: Record<string, string> = {};

beforeAll(async () => {
  await resetDatabase();
  const json = async (res: Response) => {
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };
  await createService({ slug: "checkout", name: "Checkout" });
  await call(createSource, { method: "POST", json: { name: "mimir", kind: "prometheus", url: "http://127.0.0.1:9", timeoutMs: 200, headers: { Authorization: `Bearer ${HEADER_SECRET}` } } });
  ids.slo = (await json(await call(createSlo, { method: "POST", json: { name: "availability", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 }, sli: { kind: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" } } } }))).id;
  ids.cluster = (await json(await call(registerCluster, { method: "POST", json: { kind: "postgres", name: "orders", service: "checkout", timeoutMs: 200, members: [{ name: "db1", role: "primary", connection: `postgresql://app:${DB_PASSWORD}@127.0.0.1:9/app` }] } }))).id;
  ids.postmortem = (await json(await call(createPostmortem, { method: "POST", json: { author: "ops", title: "Checkout errors", severity: "sev2", startedAt: "2026-11-20T10:00:00Z", authors: ["ops"], sloIds: [ids.slo], sections: { summary: "Errors." } } }))).id;
  ids.worksheet = (await json(await call(createWorksheet, { method: "POST", json: { title: "Checkout", service: "checkout" } }))).id;
  ids.mode = (await json(await call(createMode, { method: "POST", json: { worksheetId: ids.worksheet, row: { item: "db", mode: "down", effect: "no orders", severity: 8, occurrence: 3, detection: 4 } } }))).id;
});

/** app/**\/route.ts files, as URL paths ("/api/slos/[id]"). */
function routeFiles(dir = "app"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

// The seeded id each dynamic segment takes, by the folder before it.
function paramsFor(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  const parts = file.split(path.sep);
  parts.forEach((part, i) => {
    const name = /^\[(.+)\]$/.exec(part)?.[1];
    if (!name) return;
    const owner = parts[i - 1];
    params[name] = name === "slug" ? "checkout" : name === "exclusionId" ? "none"
      : ({ slos: ids.slo, clusters: ids.cluster, postmortems: ids.postmortem, worksheets: ids.worksheet, modes: ids.mode } as Record<string, string>)[owner!] ?? "unknown";
  });
  return params;
}

// Where the secrets' owners are shown: these must really answer, not fail past the check.
const MUST_ANSWER = new Set(["/api/datasources", "/api/replication/clusters", "/api/replication/clusters/[id]", "/api/audit", "/api/slos/[id]", "/api/postmortems/[id]", "/api/fmea/modes/[id]", "/api/services/[slug]"]);

const QUERY: Record<string, string> = { "/api/events": "?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", "/api/series": "?metric=req_total" };

describe("no secret in any API response", () => {
  const files = routeFiles();
  it("finds the app's routes", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)("%s", async (file) => {
    const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as { GET?: (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response> };
    if (!mod.GET) return;
    const url = `/${path.dirname(file).replace(/^app\/?/, "").replace(/\([^)]*\)\//g, "")}`;
    for (const token of [TEST_API_TOKEN, null]) {
      const res = await call(mod.GET, { path: `${url}${QUERY[url] ?? ""}`, params: paramsFor(file), token });
      if (token && MUST_ANSWER.has(url)) expect(res.status, url).toBe(200);
      const text = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${await res.text()}`;
      for (const [what, value] of Object.entries(SECRETS)) expect(text.includes(value), `${url} answered the ${what}`).toBe(false);
    }
  });
});
