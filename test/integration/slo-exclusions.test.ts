import { beforeEach, describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/slos/route";
import { GET as getOne, PUT as update } from "@/app/api/slos/[id]/route";
import { GET as listExclusions, POST as addExclusion } from "@/app/api/slos/[id]/exclusions/route";
import { DELETE as removeExclusion } from "@/app/api/slos/[id]/exclusions/[exclusionId]/route";
import { POST as importSlos } from "@/app/api/slos/import/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { getSloStatus } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { ratioSloYaml } from "../support/openslo";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();

/**
 * Three days of history in a 7-day window: 220,000 requests and 1,160 errors, of which an outage
 * recorded in the minute starting at -60 min holds 10,000 requests and 1,000 errors.
 */
async function seed(overrides: Record<string, unknown> = {}) {
  await createService({ slug: "checkout", name: "Checkout" });
  const s = (metric: string, values: [number, number][]) => ({ metric, labels: {}, samples: values.map(([t, v]) => ({ t: at(t).getTime(), v })) });
  await storeSamples([
    s("req_total", [[-3 * DAY, 0], [-2 * DAY, 100_000], [-90 * MIN, 200_000], [-60 * MIN, 210_000], [-5 * MIN, 220_000]]),
    s("err_total", [[-3 * DAY, 0], [-2 * DAY, 100], [-90 * MIN, 150], [-60 * MIN, 1150], [-5 * MIN, 1160]]),
  ]);
  const res = await call(create, {
    method: "POST",
    json: {
      name: "availability", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 },
      sli: { kind: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" } }, ...overrides,
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

const outage = { kind: "maintenance", start: iso(-89 * MIN), end: iso(-59 * MIN), reason: "database upgrade, announced", author: "ops-oncall" };

describe("exclusions", () => {
  it("removes the events inside a maintenance window from the budget and from the burn rates", async () => {
    const slo = await seed();
    const before = await getSloStatus(slo.id, NOW);
    // 1,160 bad of 220,000 at 0.99: allowed 2,200, consumed 1,160 / 2,200.
    expect(before.budget).toMatchObject({ good: 218_840, valid: 220_000, bad: 1160, allowed: 2200 });
    expect(before.budget.consumed).toBeCloseTo(1160 / 2200, 12);
    // Last hour: the outage minute (10,000 / 1,000) and the -5 min minute (10,000 / 10): (1,010 / 20,000) / 0.01.
    expect(before.burnRates["1h"]).toBeCloseTo(5.05, 12);

    const added = await call(addExclusion, { method: "POST", params: { id: slo.id }, json: outage });
    expect(added.status).toBe(201);
    const exclusion = await added.json();
    expect(exclusion).toMatchObject({ ...outage, start: outage.start.replace("Z", ".000Z").replace(".000.000Z", ".000Z") });

    const after = await getSloStatus(slo.id, NOW);
    // 160 bad of 210,000: allowed 2,100, consumed 160 / 2,100.
    expect(after.budget).toMatchObject({ good: 209_840, valid: 210_000, bad: 160, allowed: 2100 });
    expect(after.budget.consumed).toBeCloseTo(160 / 2100, 12);
    expect(after.budget.remaining).toBeCloseTo(1 - 160 / 2100, 12);
    // The 1h window keeps only the -5 min minute: (10 / 10,000) / 0.01 = 0.1.
    expect(after.burnRates["1h"]).toBeCloseTo(0.1, 12);
    expect(after.burnRates["5m"]).toBeCloseTo(0.1, 12);
    // Show your work: what the exclusion removed from the window.
    expect(after.exclusions).toEqual([{ id: exclusion.id, kind: "maintenance", reason: outage.reason, author: "ops-oncall", start: at(-89 * MIN).toISOString(), end: at(-59 * MIN).toISOString(), good: 9000, valid: 10_000 }]);

    const { exclusions } = await (await call(listExclusions, { params: { id: slo.id } })).json();
    expect(exclusions).toHaveLength(1);
    expect((await call(getOne, { params: { id: slo.id } })).status).toBe(200);

    expect((await call(removeExclusion, { method: "DELETE", params: { id: slo.id, exclusionId: exclusion.id } })).status).toBe(204);
    expect((await getSloStatus(slo.id, NOW)).budget.bad).toBe(1160);
    expect((await call(removeExclusion, { method: "DELETE", params: { id: slo.id, exclusionId: exclusion.id } })).status).toBe(404);
  });

  it("refuses overlapping, backwards and anonymous exclusions and stores nothing", async () => {
    const slo = await seed();
    expect((await call(addExclusion, { method: "POST", params: { id: slo.id }, json: outage })).status).toBe(201);
    const overlap = await call(addExclusion, { method: "POST", params: { id: slo.id }, json: { ...outage, start: iso(-70 * MIN), end: iso(-10 * MIN) } });
    expect(overlap.status).toBe(409);
    expect(((await overlap.json()) as ErrorBody).error.message).toContain("database upgrade");
    // Touching is not overlapping: [a, b) then [b, c).
    expect((await call(addExclusion, { method: "POST", params: { id: slo.id }, json: { ...outage, start: outage.end, end: iso(-50 * MIN) } })).status).toBe(201);

    const bad = await call(addExclusion, { method: "POST", params: { id: slo.id }, json: { kind: "vacation", start: iso(0), end: iso(-MIN), reason: " ", author: "" } });
    expect(bad.status).toBe(422);
    const paths = ((await bad.json()) as ErrorBody).error.issues!.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(["author", "kind", "reason"]);
    const backwards = await call(addExclusion, { method: "POST", params: { id: slo.id }, json: { ...outage, start: iso(-10 * MIN), end: iso(-20 * MIN) } });
    expect(((await backwards.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."))).toEqual(["end"]);
    expect((await call(addExclusion, { method: "POST", params: { id: slo.id }, json: outage, token: null })).status).toBe(401);
    expect((await call(addExclusion, { method: "POST", params: { id: "nope" }, json: outage })).status).toBe(404);
    const { exclusions } = await (await call(listExclusions, { params: { id: slo.id } })).json();
    expect(exclusions).toHaveLength(2);
  });
});

describe("per-SLO alert tiers", () => {
  const tiers = [{ severity: "ticket", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.0005" }];

  it("evaluates the SLO's own tiers, with factors for its period", async () => {
    const slo = await seed({ alertTiers: tiers });
    const status = await getSloStatus(slo.id, NOW);
    // f = 0.0005 × 168 h / 1 h = 0.084; the 1h burn is 5.05 and the 5m burn 0.1: both above.
    expect(status.tiers.map((t) => [t.tier, t.factor, t.fires])).toEqual([["ticket 1h/5m", 0.084, true]]);
    expect(status.definition.alertTiers).toEqual(tiers);
  });

  it("falls back to the defaults when alertTiers is left out or null, and keeps tiers across an OpenSLO import", async () => {
    const slo = await seed({ alertTiers: tiers });
    const body = { name: "availability", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 }, sli: { kind: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" } } };
    const yaml = ratioSloYaml({ name: "availability", service: "checkout", target: 0.99, events: "bad", eventsQuery: "err_total", totalQuery: "req_total" });
    const imported = await call(importSlos, { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect((await getSloStatus(slo.id, NOW)).definition.alertTiers).toEqual(tiers);

    expect((await call(update, { method: "PUT", params: { id: slo.id }, json: { ...body, alertTiers: null } })).status).toBe(200);
    const status = await getSloStatus(slo.id, NOW);
    expect(status.definition.alertTiers).toBeNull();
    expect(status.tiers.map((t) => t.tier)).toEqual(["page 1h/5m", "page 6h/30m", "ticket 1d/2h", "ticket 3d/6h"]);
  });

  it.each([
    [[{ severity: "page", longWindow: "5m", shortWindow: "1h", budgetSpent: "0.02" }], "alertTiers.0.shortWindow"],
    [[{ severity: "page", longWindow: "4h", shortWindow: "5m", budgetSpent: "0.02" }], "alertTiers.0.longWindow"],
    [[{ severity: "page", longWindow: "1h", shortWindow: "5m", budgetSpent: "1.5" }], "alertTiers.0.budgetSpent"],
    [[{ severity: "page", longWindow: "1h", shortWindow: "5m", budgetSpent: 0 }], "alertTiers.0.budgetSpent"],
    [[{ severity: "sms", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.02" }], "alertTiers.0.severity"],
    [[], "alertTiers"],
    [[{ severity: "page", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.02" }, { severity: "ticket", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.1" }], "alertTiers.1.longWindow"],
  ])("refuses %j at %s", async (alertTiers, path) => {
    await createService({ slug: "checkout", name: "Checkout" });
    const res = await call(create, {
      method: "POST",
      json: { name: "x", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 }, sli: { kind: "ratio", bad: { metric: "e" }, total: { metric: "t" } }, alertTiers },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."))).toContain(path);
  });
});
