// GET /api/slos: the promised fields, the heavy parts only on ?include=, and a list that follows
// every write although the parsed definitions are kept between requests.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/slos/route";
import { DELETE as remove, PUT as update } from "@/app/api/slos/[id]/route";
import { POST as addExclusion } from "@/app/api/slos/[id]/exclusions/route";
import { DELETE as removeExclusion } from "@/app/api/slos/[id]/exclusions/[exclusionId]/route";
import { POST as importSlos } from "@/app/api/slos/import/route";
import { db } from "@/lib/server/db";
import { createService } from "@/lib/server/services/services";
import { call, type ErrorBody } from "../support/http";
import { ratioSloYaml } from "../support/openslo";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const body = (name: string, objective = "0.999") => ({
  name, service: "checkout", objective, window: { kind: "rolling", days: 7 }, groupBy: ["route"],
  sli: { kind: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" } },
});
type Listed = Record<string, unknown> & { id: string; name: string; objective: number; exclusions?: { reason: string }[] };
const listed = async (query = ""): Promise<Listed[]> => {
  const res = await call(list, { path: `/api/slos${query}` });
  expect(res.status).toBe(200);
  return (await res.json()).slos;
};

describe("GET /api/slos", () => {
  beforeEach(() => createService({ slug: "checkout", name: "Checkout" }));

  it("gives the promised fields, and tiers, groups, exclusions and timeslice only when included", async () => {
    expect((await call(create, { method: "POST", json: body("availability") })).status).toBe(201);
    const [slim] = await listed();
    for (const key of ["id", "name", "service", "objective", "window", "status", "sli", "budget", "burnRates", "alerts", "lowTraffic", "stale"]) expect(slim).toHaveProperty(key);
    expect(Object.keys(slim!.budget as object)).toEqual(expect.arrayContaining(["remaining", "consumed", "allowed", "good", "valid", "coverage"]));
    expect(Object.keys(slim!.burnRates as object)).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
    for (const key of ["tiers", "groups", "groupsTruncated", "exclusions", "timeslice"]) expect(slim).not.toHaveProperty(key);

    const [some] = await listed("?include=tiers,groups");
    expect(some).toMatchObject({ tiers: expect.any(Array), groups: [], groupsTruncated: 0 });
    expect(some).not.toHaveProperty("exclusions");
    const [all] = await listed("?include=all");
    expect(Object.keys(all!)).toEqual(expect.arrayContaining(["tiers", "groups", "exclusions", "timeslice"]));

    const refused = await call(list, { path: "/api/slos?include=tiers,definition" });
    expect(refused.status).toBe(422);
    const issues = ((await refused.json()) as ErrorBody).error.issues!;
    expect(issues.map((i) => i.path.join("."))).toEqual(["include"]);
    expect(issues[0]!.message).toMatch(/"definition"/);
  });

  it("follows every write: create, update, exclusions, import, delete, and writes that bypass this process", async () => {
    const { id } = await (await call(create, { method: "POST", json: body("availability") })).json();
    expect((await listed()).map((s) => [s.name, s.objective])).toEqual([["availability", 0.999]]);

    await call(update, { method: "PUT", params: { id }, json: body("availability", "0.99") });
    expect((await listed()).map((s) => s.objective)).toEqual([0.99]);

    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const ex = await call(addExclusion, { method: "POST", params: { id }, json: { start: hourAgo, end: new Date().toISOString(), reason: "deploy", author: "ops" } });
    expect(ex.status).toBe(201);
    expect((await listed("?include=exclusions"))[0]!.exclusions!.map((e) => e.reason)).toEqual(["deploy"]);
    await call(removeExclusion, { method: "DELETE", params: { id, exclusionId: (await ex.json()).id } });
    expect((await listed("?include=exclusions"))[0]!.exclusions).toEqual([]);

    const yaml = ratioSloYaml({ name: "latency", service: "checkout", target: 0.95, events: "good", eventsQuery: "fast_total", totalQuery: "req_total" });
    expect((await call(importSlos, { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } })).status).toBe(200);
    expect((await listed()).map((s) => s.name)).toEqual(["availability", "latency"]);

    // Another process or instance writing the same database.
    await db().slo.update({ where: { id }, data: { name: "renamed elsewhere" } });
    expect((await listed()).map((s) => s.name)).toEqual(["latency", "renamed elsewhere"]);
    await db().slo.deleteMany({ where: { name: "latency" } });
    expect((await listed()).map((s) => s.name)).toEqual(["renamed elsewhere"]);

    expect((await call(remove, { method: "DELETE", params: { id } })).status).toBe(204);
    expect(await listed()).toEqual([]);
  });
});
