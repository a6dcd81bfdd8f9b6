// Data source header values are sealed at rest, opened only to query, and never answered.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as auditLog } from "@/app/api/audit/route";
import { GET as listSources, POST as createSource } from "@/app/api/datasources/route";
import { db } from "@/lib/server/db";
import { queryNumber } from "@/lib/server/datasources/prometheus";
import { findDataSourceByName } from "@/lib/server/repos/datasources";
import { sealStoredDataSourceHeaders } from "@/lib/server/services/datasources";
import { call } from "../support/http";
import { TEST_SECRET_KEY } from "../support/replication";
import { resetDatabase } from "../support/reset-db";

process.env.STEADYSTATE_SECRET_KEY = TEST_SECRET_KEY;

const SECRET = "Bearer s3cr3t-prometheus-credential";

// A stand-in Prometheus that answers every query with 1 and remembers the headers it was sent.
let seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ value: [0, "1"] }] } }));
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  seen = [];
  await resetDatabase();
  await db().dataSource.deleteMany();
});

const storedHeaders = async (name: string) => (await db().dataSource.findUniqueOrThrow({ where: { name } })).headers;

describe("data source headers at rest", () => {
  it("are stored sealed, answered by name only, logged without their value, and sent in clear to Prometheus", async () => {
    const res = await call(createSource, { method: "POST", json: { name: "mimir", kind: "prometheus", url, headers: { Authorization: SECRET, "X-Scope-OrgID": "team-a" } } });
    expect(res.status).toBe(201);
    const created = await res.text();
    expect(created).not.toContain(SECRET);
    expect(JSON.parse(created)).toMatchObject({ name: "mimir", headerNames: ["Authorization", "X-Scope-OrgID"] });

    const raw = await storedHeaders("mimir");
    expect(raw).not.toContain("s3cr3t");
    expect(raw).not.toContain("team-a");
    expect(Object.values(JSON.parse(raw) as Record<string, string>).every((v) => v.startsWith("v1."))).toBe(true);

    expect(await (await call(listSources)).text()).not.toContain(SECRET);
    const log = await (await call(auditLog, { path: "/api/audit" })).text();
    expect(log).toContain("datasource.create");
    expect(log).not.toContain("s3cr3t");

    const ds = (await findDataSourceByName("mimir"))!;
    expect(await queryNumber(ds, "up", new Date())).toBe(1);
    expect(seen[0]).toMatchObject({ authorization: SECRET, "x-scope-orgid": "team-a" });
  });

  it("seals values an older version stored in clear text, once", async () => {
    await db().dataSource.create({ data: { name: "legacy", kind: "prometheus", url, headers: JSON.stringify({ Authorization: SECRET }), timeoutMs: 1000 } });
    // Before sealing, the clear value still works.
    expect(await queryNumber((await findDataSourceByName("legacy"))!, "up", new Date())).toBe(1);
    expect(await sealStoredDataSourceHeaders()).toBe(1);
    expect(await sealStoredDataSourceHeaders()).toBe(0);
    expect(await storedHeaders("legacy")).not.toContain("s3cr3t");
    expect(await queryNumber((await findDataSourceByName("legacy"))!, "up", new Date())).toBe(1);
    expect(seen.map((h) => h.authorization)).toEqual([SECRET, SECRET]);
    const { entries } = await (await call(auditLog, { path: "/api/audit?action=datasource.seal-headers" })).json();
    expect(entries).toHaveLength(1);
  });

  it("without a key, one with headers is refused and nothing is stored; one without headers needs none", async () => {
    // env() is parsed once per process and this file's first read saw the key: take it away from
    // the parsed settings for this test only.
    const { env } = await import("@/lib/server/env");
    const settings = env() as { STEADYSTATE_SECRET_KEY?: Buffer };
    const key = settings.STEADYSTATE_SECRET_KEY;
    settings.STEADYSTATE_SECRET_KEY = undefined;
    try {
      const refused = await call(createSource, { method: "POST", json: { name: "nokey", kind: "prometheus", url, headers: { Authorization: SECRET } } });
      expect(refused.status).toBe(503);
      expect(await refused.text()).toMatch(/STEADYSTATE_SECRET_KEY/);
      expect(await db().dataSource.count()).toBe(0);
      expect((await call(createSource, { method: "POST", json: { name: "open", kind: "prometheus", url } })).status).toBe(201);
    } finally {
      settings.STEADYSTATE_SECRET_KEY = key;
    }
  });

  it("refuses credentials in the URL with a field error (they belong in the sealed headers), storing nothing", async () => {
    const res = await call(createSource, { method: "POST", json: { name: "inline", kind: "prometheus", url: "http://reader:hunter2@127.0.0.1:9090" } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { issues: { path: string[]; message: string }[] } };
    expect(body.error.issues).toEqual([expect.objectContaining({ path: ["url"], message: expect.stringContaining("headers") })]);
    expect(await db().dataSource.count()).toBe(0);
    expect(JSON.stringify(body)).not.toContain("hunter2");
  });
});
