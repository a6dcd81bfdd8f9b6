import { beforeEach, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/postmortems/route";
import { GET as getRoute, PUT as putRoute } from "@/app/api/postmortems/[id]/route";
import { POST as statusRoute } from "@/app/api/postmortems/[id]/status/route";
import { GET as markdownRoute } from "@/app/api/postmortems/[id]/markdown/route";
import { POST as exclusionsRoute } from "@/app/api/slos/[id]/exclusions/route";
import { db } from "@/lib/server/db";
import { storeSamples } from "@/lib/server/ingest/store";
import { postmortemWithFigures } from "@/lib/server/services/postmortem-export";
import { call } from "../support/http";
import { at, body, MIN, NOW, seedBurst } from "../support/postmortem-seed";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const withItem = (sloId: string, extra: Record<string, unknown> = {}) =>
  body([sloId], { actionItems: [{ id: "a1", title: "Canary the token service", type: "prevent", owner: "Dana" }], ...extra });

async function publish(sloId: string) {
  const pm = await (await call(createRoute, { method: "POST", path: "/api/postmortems", json: withItem(sloId) })).json();
  for (const to of ["in-review", "published"]) expect((await call(statusRoute, { method: "POST", params: { id: pm.id }, json: { to, author: "Sam" } })).status).toBe(200);
  return pm.id as string;
}

describe("figures frozen at publication", () => {
  it("stores the figures with the publishing version, keeps them through edits, and shows what moved since", async () => {
    const slo = await seedBurst();
    const id = await publish(slo.id);
    const stored = await db().postmortemFigures.findMany({ where: { postmortemId: id } });
    expect(stored.map((r) => r.version)).toEqual([3]); // 1 created, 2 in review, 3 published

    // Hand-computed (postmortem-seed.ts): window [−10, 0) holds the −4 minute: 10,000 valid, 145 bad;
    // the 30-day period 1,000,000 valid, 400 bad, so 1000 allowed and 145 / 1000 = 14.5 % spent.
    const published = await postmortemWithFigures(id, NOW);
    expect(published.frozen).toMatchObject({
      version: 3,
      figures: {
        window: { start: at(-10).toISOString(), end: NOW.toISOString() },
        durations: { ttdMs: 4 * MIN, ttmMs: 8 * MIN, ttrMs: 10 * MIN },
        budgets: [{ slo: { id: slo.id, name: "availability" }, window: { good: 9855, valid: 10_000, bad: 145 }, period: { valid: 1_000_000, bad: 400, allowed: 1000 }, consumed: 0.145, error: null }],
      },
    });
    expect(published.changes).toEqual([]);

    // Late data for the window: 50 more errors reported at −3 (no more requests). Now 195 bad of
    // 10,000 in the window, 450 of 1,000,000 in the period: 195 / 1000 = 19.5 % spent.
    await storeSamples([
      { metric: "req_total", labels: {}, samples: [{ t: at(-3).getTime(), v: 1_000_000 }] },
      { metric: "err_total", labels: {}, samples: [{ t: at(-3).getTime(), v: 450 }] },
    ]);
    const drifted = await postmortemWithFigures(id, NOW);
    expect(drifted.budgets[0]).toMatchObject({ window: { bad: 195, valid: 10_000 }, consumed: 0.195 });
    expect(drifted.frozen!.figures.budgets[0]).toMatchObject({ window: { bad: 145 }, consumed: 0.145 });
    expect(drifted.changes).toEqual([
      { what: "checkout / availability: bad events in window", unit: "count", frozen: 145, live: 195 },
      { what: "checkout / availability: share of period's budget", unit: "fraction", frozen: 0.145, live: 0.195 },
    ]);

    // Editing the published postmortem (here: a later resolution time) is a new version; the
    // frozen figures stay those of version 3, and the edit shows up as a difference too.
    const v4 = await (await call(putRoute, { method: "PUT", params: { id }, json: withItem(slo.id, { author: "Lee", resolvedAt: at(2).toISOString(), actionItems: [{ id: "a1", title: "Canary the token service", type: "prevent", owner: "Dana", dueDate: published.document.actionItems[0]!.dueDate }] }) })).json();
    expect(v4).toMatchObject({ status: "published", version: 4, frozen: { version: 3 } });
    expect(await db().postmortemFigures.count({ where: { postmortemId: id } })).toBe(1);
    const edited = await postmortemWithFigures(id, NOW);
    expect(edited.changes.map((c) => [c.what, c.frozen, c.live])).toEqual([
      ["Incident window end", NOW.toISOString(), at(2).toISOString()],
      ["Time to resolve", 10 * MIN, 12 * MIN],
      ["checkout / availability: bad events in window", 145, 195],
      ["checkout / availability: share of period's budget", 0.145, 0.195],
    ]);

    // The API and the Markdown export give the figures as published.
    const api = await (await call(getRoute, { params: { id } })).json();
    expect(api.frozen.figures.budgets[0].consumed).toBe(0.145);
    const md = await (await call(markdownRoute, { params: { id } })).text();
    expect(md).toContain("14.5 %");
    expect(md).not.toContain("19.5 %");
  });

  it("counts exclusions declared after publication as the SLO does, and shows the difference", async () => {
    const slo = await seedBurst();
    const id = await publish(slo.id);
    const res = await call(exclusionsRoute, { method: "POST", params: { id: slo.id }, json: { kind: "maintenance", start: at(-10).toISOString(), end: NOW.toISOString(), reason: "declared a maintenance window afterwards", author: "Sam" } });
    expect(res.status).toBe(201);
    // The whole window excluded: 0 valid and 0 bad in it. The period loses the −4 minute's 10,000
    // valid (9,855 good): 990,000 valid, 989,745 good, so allowed = 0.001 × 990,000 = 990.
    const now = await postmortemWithFigures(id, NOW);
    expect(now.budgets[0]).toMatchObject({ window: { valid: 0, bad: 0 }, period: { valid: 990_000, bad: 255, allowed: 990 }, consumed: 0 });
    expect(now.changes.map((c) => [c.what, c.frozen, c.live])).toEqual([
      ["checkout / availability: bad events in window", 145, 0],
      ["checkout / availability: valid events in window", 10_000, 0],
      ["checkout / availability: period's allowed bad events", 1000, 990],
      ["checkout / availability: share of period's budget", 0.145, 0],
    ]);
  });

  it("freezes nothing before publication", async () => {
    const slo = await seedBurst();
    const pm = await (await call(createRoute, { method: "POST", path: "/api/postmortems", json: withItem(slo.id) })).json();
    expect(pm.frozen).toBeNull();
    expect((await postmortemWithFigures(pm.id, NOW)).changes).toEqual([]);
    expect(await db().postmortemFigures.count()).toBe(0);
  });
});
