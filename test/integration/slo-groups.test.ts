import { beforeEach, describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/slos/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { evaluateAlerts } from "@/lib/server/jobs/evaluate-alerts";
import { createService } from "@/lib/server/services/services";
import { getSloAlerts, getSloStatus } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const at = (m: number) => NOW.getTime() + m * MIN;
const body = {
  name: "availability", service: "api", objective: "0.99", window: { kind: "rolling", days: 7 }, groupBy: ["route"],
  sli: { kind: "ratio", bad: { metric: "err_total", matchers: { job: "api" } }, total: { metric: "req_total", matchers: { job: "api" } } },
};

describe("SLOs grouped by a label", () => {
  beforeEach(async () => {
    await createService({ slug: "api", name: "API" });
    const s = (metric: string, route: string, values: [number, number][], job = "api") =>
      ({ metric, labels: { job, route }, samples: values.map(([m, v]) => ({ t: at(m), v })) });
    await storeSamples([
      // /cart: 1,000 requests, 5 errors two days ago. /pay: 1,000 requests, 60 of them errors, in the last 4 minutes.
      s("req_total", "/cart", [[-3 * 1440, 0], [-2 * 1440, 1000]]),
      s("err_total", "/cart", [[-3 * 1440, 0], [-2 * 1440, 5]]),
      s("req_total", "/pay", [[-3 * 1440, 0], [-61, 0], [-4, 1000]]),
      s("err_total", "/pay", [[-3 * 1440, 0], [-61, 0], [-4, 60]]),
      s("req_total", "/other-job", [[-3 * 1440, 0], [-4, 500]], "batch"), // another job: not a group
    ]);
  });

  it("gives every route its own figures and tiers beside the overall ones", async () => {
    const res = await call(create, { method: "POST", json: body });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const s = await getSloStatus(id, NOW);
    // Overall: 2,000 requests, 65 errors; allowed 20.
    expect(s.budget).toMatchObject({ valid: 2000, bad: 65, allowed: 20 });
    expect(s.groups.map((g) => [g.key, g.budget.valid, g.budget.bad, g.budget.allowed, g.status])).toEqual([
      ['route="/cart"', 1000, 5, 10, "ok"],
      ['route="/pay"', 1000, 60, 10, "breached"],
    ]);
    // /pay burns (60 / 1,000) / 0.01 = 6 in the last hour, short windows too: both page tiers' factors for 7 days are 3.36 and 1.4.
    expect(s.groups[1]!.burnRates["1h"]).toBeCloseTo(6, 12);
    expect(s.tiers.map((t) => t.tier)).toContain('page 1h/5m {route="/pay"}');

    await evaluateAlerts(NOW);
    await evaluateAlerts(new Date(NOW.getTime() + MIN));
    const { states } = await getSloAlerts(id);
    const firing = states.filter((st) => st.state === "firing").map((st) => st.tier);
    expect(firing).toContain('page 1h/5m {route="/pay"}');
    expect(firing.some((t) => t.includes("/cart"))).toBe(false);
  });

  it("refuses repeated labels", async () => {
    const res = await call(create, { method: "POST", json: { ...body, groupBy: ["route", "route"] } });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."));
    expect(paths).toContain("groupBy");
  });
});
