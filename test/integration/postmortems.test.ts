import { beforeEach, describe, expect, it } from "vitest";
import { GET as budgetRoute } from "@/app/api/postmortems/budget/route";
import { GET as timelineRoute } from "@/app/api/postmortems/timeline/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/postmortems/route";
import { GET as getRoute, PUT as putRoute } from "@/app/api/postmortems/[id]/route";
import { POST as statusRoute } from "@/app/api/postmortems/[id]/status/route";
import { GET as markdownRoute } from "@/app/api/postmortems/[id]/markdown/route";
import { db } from "@/lib/server/db";
import { evaluateAlerts } from "@/lib/server/jobs/evaluate-alerts";
import { listEvents } from "@/lib/server/repos/events";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";
import { at, body, DAY, MIN, NOW, seedBurst } from "../support/postmortem-seed";

beforeEach(async () => {
  await db().postmortem.deleteMany();
  await db().event.deleteMany();
  await resetDatabase();
});

const create = async (json: unknown) => call(createRoute, { method: "POST", path: "/api/postmortems", json });

describe("postmortem figures", () => {
  it("computes the budget each SLO spent in the window against hand-computed counts", async () => {
    const slo = await seedBurst();
    const res = await call(budgetRoute, { path: `/api/postmortems/budget?slo=${slo.id}&from=${at(-10).toISOString()}&to=${NOW.toISOString()}` });
    expect(res.status).toBe(200);
    const [b] = (await res.json()).budgets;
    // In the window: the −4 minute only: 10,000 valid, 145 bad; 145 of the period's 1000 allowed.
    expect(b.window).toEqual({ good: 9855, valid: 10_000, bad: 145 });
    expect(b.period).toMatchObject({ valid: 1_000_000, bad: 400, allowed: 1000, start: at(-30 * DAY).toISOString(), end: NOW.toISOString() });
    expect(b.consumed).toBe(0.145);
    expect(b.sli).toBe(0.9855);
    // A window with no traffic spent nothing.
    const quiet = await (await call(budgetRoute, { path: `/api/postmortems/budget?slo=${slo.id}&from=${at(-60).toISOString()}&to=${at(-30).toISOString()}` })).json();
    expect(quiet.budgets[0]).toMatchObject({ window: { valid: 0, bad: 0 }, consumed: 0, sli: null });
    const bad = await call(budgetRoute, { path: `/api/postmortems/budget?slo=nope&from=${NOW.toISOString()}&to=${at(-1).toISOString()}` });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."))).toEqual(["to"]);
  });

  it("drafts the timeline from the alert events recorded in the window, each with its source", async () => {
    const slo = await seedBurst();
    await evaluateAlerts(NOW);
    await evaluateAlerts(at(1));
    const res = await call(timelineRoute, { path: `/api/postmortems/timeline?slo=${slo.id}&from=${at(-10).toISOString()}&to=${at(5).toISOString()}` });
    const { entries } = await res.json();
    expect(entries).toHaveLength(8); // 4 tiers pending at 0, firing at +1
    expect(entries[0]).toMatchObject({ at: NOW.toISOString(), text: "checkout / availability: page 1h/5m pending", source: { kind: "alert" } });
    const events = await listEvents({ from: NOW, to: at(5) });
    expect(entries.map((e: { source: { eventId: string } }) => e.source.eventId).sort()).toEqual(events.map((e) => e.id).sort());
  });
});

describe("postmortem workflow and versions", () => {
  it("keeps a version per save with the fields that changed, and publishes only with action items or an explicit none", async () => {
    const slo = await seedBurst();
    const created = await create(body([slo.id]));
    expect(created.status).toBe(201);
    const pm = await created.json();
    expect(pm).toMatchObject({ status: "draft", version: 1, slos: [{ id: slo.id, name: "availability", service: "checkout" }] });

    const put = (json: unknown) => call(putRoute, { method: "PUT", params: { id: pm.id }, json });
    const v2 = await (await put(body([slo.id], { author: "Lee", sections: { summary: "Checkout returned errors for 4 minutes.", impact: "145 failed checkouts." } }))).json();
    expect(v2.version).toBe(2);
    const same = await (await put(body([slo.id], { author: "Lee", sections: { summary: "Checkout returned errors for 4 minutes.", impact: "145 failed checkouts." } }))).json();
    expect(same.version).toBe(2); // nothing changed: no new version

    const status = (to: string, author = "Sam") => call(statusRoute, { method: "POST", params: { id: pm.id }, json: { to, author } });
    expect((await status("published")).status).toBe(422); // draft → published skips review
    expect((await status("in-review")).status).toBe(200);
    const refused = await status("published");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."))).toEqual(["actionItems"]);
    expect(await db().event.count({ where: { kind: "postmortem" } })).toBe(0);

    const withItem = body([slo.id], { author: "Lee", sections: { summary: "Checkout returned errors for 4 minutes.", impact: "145 failed checkouts." }, actionItems: [{ title: "Canary the token service", type: "prevent", owner: "Dana" }] });
    const v4 = await (await put(withItem)).json();
    expect(v4.status).toBe("in-review");
    // sev2: due 4 weeks after the incident started (Atlassian's priority-action SLO).
    expect(v4.document.actionItems[0]).toMatchObject({ status: "open", dueDate: new Date(at(-10).getTime() + 28 * DAY * MIN).toISOString() });
    const published = await (await status("published")).json();
    expect(published).toMatchObject({ status: "published", version: 5 });

    // Publishing records the postmortem event FMEA counts, at the incident's start.
    const [event] = await listEvents({ from: at(-60), to: at(60), kinds: ["postmortem"] });
    expect(event).toMatchObject({ subject: pm.id, at: at(-10).toISOString(), service: "checkout", detail: { status: "published", severity: "sev2", slos: [slo.id], ttdMs: 4 * MIN, ttrMs: 10 * MIN } });

    // Editing a published postmortem keeps it published, in a new version, with no second event.
    const kept = { ...withItem, actionItems: v4.document.actionItems };
    const v6 = await (await put({ ...kept, title: "Checkout errors after a card-token deploy" })).json();
    expect(v6).toMatchObject({ status: "published", version: 6 });
    expect(await db().event.count({ where: { kind: "postmortem" } })).toBe(1);

    const { versions } = await (await call((await import("@/app/api/postmortems/[id]/versions/route")).GET, { params: { id: pm.id } })).json();
    expect(versions.map((v: { number: number; author: string; status: string }) => [v.number, v.author, v.status])).toEqual([
      [6, "Lee", "published"], [5, "Sam", "published"], [4, "Lee", "in-review"], [3, "Sam", "in-review"], [2, "Lee", "draft"], [1, "Dana", "draft"],
    ]);
    expect(versions[0].changes).toEqual([{ field: "title", before: "Checkout errors after the card-token deploy", after: "Checkout errors after a card-token deploy" }]);
    expect(versions[4].changes.map((c: { field: string }) => c.field)).toEqual(["sections.summary", "sections.impact"]);

    // Removing every action item from a published postmortem is refused, and changes nothing.
    const emptied = await put({ ...kept, actionItems: [] });
    expect(emptied.status).toBe(422);
    expect((await (await call(getRoute, { params: { id: pm.id } })).json()).version).toBe(6);

    const md = await call(markdownRoute, { params: { id: pm.id } });
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const text = await md.text();
    expect(text).toContain("# Checkout errors after a card-token deploy");
    expect(text).toContain("| checkout / availability | 145 | 10000 | 1000 | 14.5 % |");
    expect(text).toContain("| Canary the token service | prevent | Dana | 2026-12-18 | open | — |");
  });

  it("accepts an explicit none instead of action items", async () => {
    const slo = await seedBurst();
    const pm = await (await create(body([slo.id], { noActionItems: true }))).json();
    await call(statusRoute, { method: "POST", params: { id: pm.id }, json: { to: "in-review", author: "Sam" } });
    expect((await call(statusRoute, { method: "POST", params: { id: pm.id }, json: { to: "published", author: "Sam" } })).status).toBe(200);
  });

  it("refuses bad input with field-level errors and saves nothing", async () => {
    const slo = await seedBurst();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ resolvedAt: at(-20).toISOString() }, ["resolvedAt"]],
      [{ detectedAt: at(-11).toISOString() }, ["detectedAt"]],
      [{ sloIds: [slo.id, "no-such-slo"] }, ["sloIds.1"]],
      [{ sections: { summary: "x".repeat(20_001) } }, ["sections.summary"]],
      [{ title: "" }, ["title"]],
      [{ actionItems: [{ title: "Fix", type: "blame", owner: "Dana" }] }, ["actionItems.0.type"]],
    ];
    for (const [extra, paths] of cases) {
      const res = await create(body([slo.id], extra));
      expect(res.status, JSON.stringify(extra).slice(0, 80)).toBe(422);
      expect(((await res.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."))).toEqual(paths);
    }
    expect(await db().postmortem.count()).toBe(0);
    expect(await db().postmortemVersion.count()).toBe(0);
  });

  it("finds postmortems by full text and filters", async () => {
    const slo = await seedBurst();
    await create(body([slo.id]));
    await create(body([], { title: "Search latency during reindex", severity: "sev3", tags: ["search"], sections: { summary: "The Elasticsearch reindex saturated disks." } }));
    const list = async (query: string) => ((await (await call(listRoute, { path: `/api/postmortems?${query}` })).json()).postmortems as { title: string }[]).map((p) => p.title);
    expect(await list("q=ELASTICSEARCH")).toEqual(["Search latency during reindex"]);
    expect(await list("service=checkout")).toEqual(["Checkout errors after the card-token deploy"]);
    expect(await list(`slo=${slo.id}&severity=sev2&status=draft&tag=deploy`)).toEqual(["Checkout errors after the card-token deploy"]);
    expect(await list("tag=search&from=2026-11-20&to=2026-11-20")).toEqual(["Search latency during reindex"]);
    expect(await list("from=2026-11-21")).toEqual([]);
    const { stats } = await (await call(listRoute, { path: "/api/postmortems" })).json();
    expect(stats).toEqual({ mttdMs: 4 * MIN, mttrMs: 10 * MIN, detected: 2, resolved: 2 });
  });
});
