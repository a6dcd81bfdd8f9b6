import { beforeEach, describe, expect, it } from "vitest";
import { GET as eventsRoute } from "@/app/api/events/route";
import { GET as alertsRoute } from "@/app/api/slos/[id]/alerts/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { evaluateAlerts } from "@/lib/server/jobs/evaluate-alerts";
import { createService } from "@/lib/server/services/services";
import { createSlo } from "@/lib/server/services/slos";
import { call } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);

/** Worked example 2: in the last 4 minutes, 10,000 requests and 145 errors, after a quiet month. */
async function seedBurst() {
  await createService({ slug: "checkout", name: "Checkout" });
  const s = (metric: string, values: [number, number][]) => ({ metric, labels: {}, samples: values.map(([m, v]) => ({ t: at(m).getTime(), v })) });
  await storeSamples([
    s("req_total", [[-20 * 24 * 60, 0], [-9 * 24 * 60, 990_000], [-61, 990_000], [-4, 1_000_000]]),
    s("err_total", [[-20 * 24 * 60, 0], [-9 * 24 * 60, 255], [-61, 255], [-4, 400]]),
  ]);
  return createSlo({
    name: "availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 }, labels: {},
    sli: { kind: "ratio", bad: { metric: "err_total", matchers: {} }, total: { metric: "req_total", matchers: {} } },
  });
}

describe("alert evaluation job", () => {
  it("moves tiers pending → firing → resolved and stores the numbers behind each change", async () => {
    const slo = await seedBurst();
    expect(await evaluateAlerts(NOW)).toEqual({ slos: 1, transitions: 4 });
    expect(await evaluateAlerts(new Date(NOW.getTime() + 20_000))).toEqual({ slos: 1, transitions: 0 }); // same minute: no skipping ahead
    expect(await evaluateAlerts(at(1))).toEqual({ slos: 1, transitions: 4 });
    // At +2 the burst's minute has left the 5-minute window: the first page tier resolves.
    expect(await evaluateAlerts(at(2))).toEqual({ slos: 1, transitions: 1 });

    const { states, transitions } = await (await call(alertsRoute, { params: { id: slo.id } })).json();
    expect(states).toEqual([
      { tier: "page 1h/5m", state: "inactive", since: at(2).toISOString() },
      { tier: "page 6h/30m", state: "firing", since: at(1).toISOString() },
      { tier: "ticket 1d/2h", state: "firing", since: at(1).toISOString() },
      { tier: "ticket 3d/6h", state: "firing", since: at(1).toISOString() },
    ]);
    const page = transitions.filter((t: { tier: string }) => t.tier === "page 1h/5m");
    expect(page.map((t: { from: string; to: string; at: string }) => [t.from, t.to, t.at])).toEqual([
      ["firing", "resolved", at(2).toISOString()],
      ["pending", "firing", at(1).toISOString()],
      ["inactive", "pending", NOW.toISOString()],
    ]);
    // The numbers that made it fire: the last hour's 10,000 requests, 145 bad, burn 14.5 > 14.4.
    expect(page[1]).toMatchObject({ severity: "page", factor: 14.4, longBurnRate: 14.5, longGood: 9855, longValid: 10_000, shortBurnRate: 14.5 });
    // And the numbers when it resolved: nothing in the last 5 minutes.
    expect(page[0]).toMatchObject({ shortBurnRate: 0, shortValid: 0 });

    // Every transition is also an event, for postmortem timelines and FMEA evidence.
    const path = `/api/events?from=${NOW.toISOString()}&to=${at(3).toISOString()}&kind=alert&service=checkout`;
    const { events } = await (await call(eventsRoute, { path })).json();
    expect(events).toHaveLength(9);
    expect(events[0]).toMatchObject({ at: NOW.toISOString(), kind: "alert", subject: slo.id, service: "checkout" });
    const resolved = events.find((e: { detail: { to: string } }) => e.detail.to === "resolved");
    expect(resolved).toMatchObject({ title: "checkout / availability: page 1h/5m resolved", detail: { tier: "page 1h/5m", from: "firing", long: { burnRate: 14.5 } } });
    for (const [query, field] of [[`from=${at(3).toISOString()}&to=${NOW.toISOString()}`, "to"], [`from=${NOW.toISOString()}&to=${at(3).toISOString()}&kind=nope`, "kind"]]) {
      const bad = await call(eventsRoute, { path: `/api/events?${query}` });
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.issues.map((i: { path: string[] }) => i.path[0])).toEqual([field]);
    }
  });

  it("stores nothing while nothing changes", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    await createSlo({
      name: "quiet", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 }, labels: {},
      sli: { kind: "ratio", good: { metric: "none_total", matchers: {} }, total: { metric: "none_total", matchers: {} } },
    });
    expect(await evaluateAlerts(NOW)).toEqual({ slos: 1, transitions: 0 });
    expect(await evaluateAlerts(at(1))).toEqual({ slos: 1, transitions: 0 });
  });
});
