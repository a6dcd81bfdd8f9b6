import { beforeEach, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/slos/route";
import { DELETE as remove, GET as getOne, PUT as update } from "@/app/api/slos/[id]/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { getSloStatus } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => NOW.getTime() - ms;
const MIN = 60_000;
const DAY = 86_400_000;

const ratioSlo = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  service: "checkout",
  objective: "0.999",
  window: { kind: "rolling", days: 30 },
  sli: { kind: "ratio", bad: { metric: "checkout_errors_total" }, total: { metric: "checkout_requests_total" } },
  ...overrides,
});

/** Worked examples 1 and 2: 1,000,000 requests and 400 errors in the window; the last 4 minutes hold 10,000 and `lastErrors`. */
async function seed(lastErrors: number) {
  await createService({ slug: "checkout", name: "Checkout" });
  const series = (metric: string, values: [number, number][]) => ({ metric, labels: { job: "api" }, samples: values.map(([t, v]) => ({ t, v })) });
  await storeSamples([
    series("checkout_requests_total", [[ago(10 * DAY), 0], [ago(9 * DAY), 990_000], [ago(61 * MIN), 990_000], [ago(4 * MIN), 1_000_000]]),
    series("checkout_errors_total", [[ago(10 * DAY), 0], [ago(9 * DAY), 400 - lastErrors], [ago(61 * MIN), 400 - lastErrors], [ago(4 * MIN), 400]]),
  ]);
}

async function createViaApi(body: unknown) {
  const res = await call(create, { method: "POST", json: body });
  return { res, body: await res.json() };
}

describe("SLO evaluation on the embedded store", () => {
  it("gives worked example 1's budget and example 2's firing page tier (145 bad in the last hour)", async () => {
    await seed(145);
    const { body: slo } = await createViaApi(ratioSlo("availability"));
    const status = await getSloStatus(slo.id, NOW);
    expect(status.budget).toEqual({ remaining: 0.6, consumed: 0.4, allowed: 1000, good: 999_600, valid: 1_000_000, bad: 400, coverage: 10 / 30, clampedGood: 0 });
    expect(status.sli).toBe(0.9996);
    expect(status.burnRates["1h"]).toBe(14.5);
    expect(status.burnRates["5m"]).toBe(14.5);
    expect(status.alerts.map((a) => [a.severity, a.longWindow, a.shortWindow, a.factor])).toEqual([
      ["page", "1h", "5m", 14.4],
      ["page", "6h", "30m", 6],
      ["ticket", "1d", "2h", 3],
      ["ticket", "3d", "6h", 1],
    ]);
    expect(status.status).toBe("warning");
    expect(status.lowTraffic).toBe(false);
    // 0.6 of 30 days at the last hour's burn of 14.5: 0.6 × 30 d / 14.5.
    expect(status.timeToExhaustionMs).toBe((0.6 * 30 * DAY) / 14.5);
  });

  it("does not fire the first tier at exactly 14.4 (144 bad): equal is not greater", async () => {
    await seed(144);
    const { body: slo } = await createViaApi(ratioSlo("availability"));
    const status = await getSloStatus(slo.id, NOW);
    expect(status.burnRates["1h"]).toBe(14.4);
    expect(status.alerts.map((a) => a.longWindow)).toEqual(["6h", "1d", "3d"]);
  });

  it("reports no-data for an SLO whose metrics never arrived (worked example 4)", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const { body: slo } = await createViaApi(ratioSlo("quiet", { objective: 0.99, sli: { kind: "ratio", good: { metric: "nothing_total" }, total: { metric: "nothing_total" } } }));
    const status = await getSloStatus(slo.id, NOW);
    expect(status).toMatchObject({ status: "no-data", sli: null, alerts: [], budget: { remaining: 1, consumed: 0, valid: 0 } });
    expect(Object.values(status.burnRates).every((r) => r === 0)).toBe(true);
  });

  it("counts a latency SLI from histogram buckets and refuses a threshold that is not a boundary", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const bucket = (le: string, from: number, to: number) => ({ metric: "rpc_seconds_bucket", labels: { le }, samples: [{ t: ago(2 * DAY), v: from }, { t: ago(DAY), v: to }] });
    await storeSamples([bucket("0.1", 0, 600), bucket("0.5", 0, 950), bucket("+Inf", 0, 1000), { metric: "rpc_seconds_count", labels: {}, samples: [{ t: ago(2 * DAY), v: 0 }, { t: ago(DAY), v: 1000 }] }]);
    const latency = (threshold: number) => ratioSlo(`latency ${threshold}`, { objective: 0.9, sli: { kind: "latency", histogram: "rpc_seconds", threshold } });
    const refused = await createViaApi(latency(0.3));
    expect(refused.res.status).toBe(422);
    expect((refused.body as ErrorBody).error.issues).toEqual([{ path: ["sli", "threshold"], message: 'le="0.3" is not a bucket boundary of rpc_seconds; the boundaries that exist are 0.1, 0.5, +Inf' }]);
    const { res, body: slo } = await createViaApi(latency(0.5));
    expect(res.status).toBe(201);
    const status = await getSloStatus(slo.id, NOW);
    expect(status.budget).toMatchObject({ good: 950, valid: 1000, bad: 50, allowed: 100, consumed: 0.5, remaining: 0.5 });
  });
});

describe("SLO API", () => {
  it.each([
    ["an objective of 1.5", { objective: 1.5 }, "objective"],
    ["a percentage", { objective: "99.9" }, "objective"],
    ["both good and bad", { sli: { kind: "ratio", good: { metric: "a" }, bad: { metric: "b" }, total: { metric: "c" } } }, "sli.good"],
    ["an unknown time zone", { window: { kind: "calendar", unit: "month", timeZone: "Mars/Olympus" } }, "window.timeZone"],
    ["an unknown service", { service: "nope" }, "service"],
  ])("refuses %s naming the field, and stores nothing", async (_name, overrides, field) => {
    await createService({ slug: "checkout", name: "Checkout" });
    const { res, body } = await createViaApi(ratioSlo("x", overrides));
    expect(res.status).toBe(422);
    expect((body as ErrorBody).error.issues?.map((i) => i.path.join("."))).toContain(field);
    expect((await (await call(list)).json()).slos).toEqual([]);
  });

  it("creates, lists, updates and deletes", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const { res, body: created } = await createViaApi(ratioSlo("availability"));
    expect(res.status).toBe(201);
    expect(created).toMatchObject({ name: "availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 } });
    expect((await createViaApi(ratioSlo("availability"))).res.status).toBe(409);
    const listed = (await (await call(list)).json()).slos;
    expect(listed.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([["availability", "no-data"]]);
    const put = await call(update, { method: "PUT", params: { id: created.id }, json: ratioSlo("availability", { objective: "0.995" }) });
    expect((await put.json()).objective).toBe("0.995");
    const detail = await (await call(getOne, { params: { id: created.id } })).json();
    expect(detail.definition.objective).toBe("0.995");
    expect(detail.objective).toBe(0.995);
    expect((await call(remove, { method: "DELETE", params: { id: created.id } })).status).toBe(204);
    expect((await call(getOne, { params: { id: created.id } })).status).toBe(404);
  });
});
