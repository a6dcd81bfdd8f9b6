import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as createMode } from "@/app/api/fmea/modes/route";
import { GET as getMode, PATCH as patchMode } from "@/app/api/fmea/modes/[id]/route";
import { GET as topRoute } from "@/app/api/fmea/top/route";
import { GET as listSheets, POST as createSheet } from "@/app/api/fmea/worksheets/route";
import { DELETE as deleteSheet, GET as getSheet } from "@/app/api/fmea/worksheets/[id]/route";
import { db } from "@/lib/server/db";
import { recordEvents, type NewEvent } from "@/lib/server/repos/events";
import { createService } from "@/lib/server/services/services";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(async () => {
  await db().fmeaWorksheet.deleteMany();
  await db().event.deleteMany();
  await resetDatabase();
  await createService({ slug: "checkout", name: "Checkout" });
  await createService({ slug: "catalog", name: "Catalog" });
});

// Events are not emptied by resetDatabase; leave none behind for the next file.
afterAll(async () => {
  await db().event.deleteMany();
});

const DAY = 86_400_000;
const MIN = 60_000;
const ago = (days: number, minutes = 0) => new Date(Date.now() - days * DAY + minutes * MIN);

type Row = { id: string; mode: string; severity: number; occurrence: number; detection: number; cause: string; score: { rpn: number; ap: string }; links: { kind: string; ref: string }[]; evidence: { occurrences: number; postmortems: number; breakerOpens: number; early: number; late: number; flags: { rating: string; message: string }[] } };

const row = (mode: string, s: number, o: number, d: number, extra: Record<string, unknown> = {}) => ({ item: "Card charge", mode, effect: "Orders fail", severity: s, occurrence: o, detection: d, ...extra });

async function sheet(title = "Checkout", service: string | null = "checkout"): Promise<string> {
  const res = await call(createSheet, { method: "POST", json: { title, service } });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}
async function add(worksheetId: string, r: Record<string, unknown>): Promise<Row> {
  const res = await call(createMode, { method: "POST", json: { worksheetId, row: r } });
  expect(res.status).toBe(201);
  return res.json();
}

describe("FMEA worksheets", () => {
  it("scores rows and lists them by AP, then RPN", async () => {
    const id = await sheet();
    await add(id, row("low but big RPN", 5, 3, 10)); // L 150
    await add(id, row("rare and severe, undetected", 9, 2, 7)); // H 126
    await add(id, row("frequent outage", 8, 8, 3)); // H 192
    await add(id, row("slow retries", 7, 2, 6)); // M 84
    const { modes, service } = await (await call(getSheet, { params: { id } })).json();
    expect(service).toEqual({ slug: "checkout", name: "Checkout" });
    expect(modes.map((m: Row) => [m.mode, m.score.ap, m.score.rpn])).toEqual([
      ["frequent outage", "high", 192],
      ["rare and severe, undetected", "high", 126],
      ["slow retries", "medium", 84],
      ["low but big RPN", "low", 150],
    ]);
    const { worksheets } = await (await call(listSheets)).json();
    expect(worksheets).toMatchObject([{ title: "Checkout", modes: 4, high: 2, flagged: 0 }]);
  });

  it("refuses bad input field by field and stores nothing", async () => {
    const id = await sheet();
    const res = await call(createMode, { method: "POST", json: { worksheetId: id, row: { ...row("x", 11, 0, 5), item: "", revisedSeverity: 3, links: [{ kind: "breaker", ref: "not-a-key" }] } } });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual(["row.item", "row.links.0.ref", "row.occurrence", "row.revisedSeverity", "row.severity"]);
    expect(await db().failureMode.count()).toBe(0);
    const unknown = await call(createSheet, { method: "POST", json: { title: "X", service: "nope" } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorBody).error.issues).toEqual([{ path: ["service"], message: "no service with this slug" }]);
    expect((await call(createSheet, { method: "POST", json: { title: "Checkout" } })).status).toBe(409);
    expect((await call(createSheet, { method: "POST", json: { title: "Y" }, token: null })).status).toBe(401);
  });

  it("patches a row's fields, keeps revised ratings all-or-none, and 404s unknown rows", async () => {
    const id = await sheet();
    const r = await add(id, row("timeout", 7, 4, 5));
    const half = await call(patchMode, { method: "PATCH", params: { id: r.id }, json: { revisedSeverity: 7 } });
    expect(half.status).toBe(422);
    const ok = await call(patchMode, { method: "PATCH", params: { id: r.id }, json: { occurrence: 6, revisedSeverity: 7, revisedOccurrence: 2, revisedDetection: 3, owner: "payments" } });
    expect(await ok.json()).toMatchObject({ occurrence: 6, owner: "payments", score: { rpn: 210, ap: "high" }, revisedScore: { rpn: 42, ap: "low" } });
    const relinked = await call(patchMode, { method: "PATCH", params: { id: r.id }, json: { links: [{ kind: "slo", ref: "s1" }, { kind: "slo", ref: "s1" }, { kind: "cluster", ref: "orders-db" }] } });
    expect((await relinked.json()).links).toEqual([{ kind: "cluster", ref: "orders-db" }, { kind: "slo", ref: "s1" }]);
    const unlinked = await call(patchMode, { method: "PATCH", params: { id: r.id }, json: { links: [] } });
    expect((await unlinked.json()).links).toEqual([]);
    expect((await call(patchMode, { method: "PATCH", params: { id: r.id }, json: {} })).status).toBe(422);
    expect((await call(getMode, { params: { id: "nope" } })).status).toBe(404);
    expect((await call(deleteSheet, { method: "DELETE", params: { id } })).status).toBe(204);
    expect(await db().failureMode.count()).toBe(0);
  });
});

describe("FMEA evidence from events", () => {
  const BREAKER = "checkout/payments/charge";
  async function seedEvents(sloId: string) {
    const e = (at: Date, kind: NewEvent["kind"], subject: string, detail: Record<string, unknown> = {}): NewEvent => ({ at, kind, subject, service: "checkout", title: `${kind} ${subject}`, detail });
    await recordEvents([
      // Incident 1, 40 days ago: the breaker opened 3 minutes before the page fired; a postmortem.
      e(ago(40, -3), "breaker", BREAKER, { from: "closed", to: "open" }),
      e(ago(40), "alert", sloId, { tier: "page 1h/5m", severity: "page", from: "pending", to: "firing" }),
      e(ago(40, 2), "postmortem", "pm-1", { status: "published" }),
      e(ago(40, 30), "breaker", BREAKER, { from: "open", to: "half_open" }),
      // Incident 2, 10 days ago: users hurt from the start, the page came 15 minutes later.
      e(ago(10), "postmortem", "pm-2", {}),
      e(ago(10, 15), "alert", sloId, { tier: "page 1h/5m", severity: "page", from: "pending", to: "firing" }),
      // Three more breaker openings, hours apart, that never burned the SLO.
      ...[3, 2, 1].map((d) => e(ago(d), "breaker", BREAKER, { from: "closed", to: "open" })),
      // Not linked, and too old: neither counts.
      e(ago(5), "postmortem", "pm-other", {}),
      e(ago(120), "postmortem", "pm-1", {}),
    ]);
  }

  it("counts occurrences, detection before the burn, and flags ratings the evidence disagrees with", async () => {
    const id = await sheet();
    const sloId = "slo-checkout-availability";
    await seedEvents(sloId);
    const links = [{ kind: "slo", ref: sloId }, { kind: "breaker", ref: BREAKER }, { kind: "postmortem", ref: "pm-1" }, { kind: "postmortem", ref: "pm-2" }];
    const linked = await add(id, row("processor timeouts", 8, 2, 3, { links }));
    expect(linked.evidence).toMatchObject({ occurrences: 5, postmortems: 2, breakerOpens: 4, early: 1, late: 1 });
    expect(linked.evidence.flags).toEqual([
      { rating: "occurrence", message: "Rated O=2 but happened 5 times in the last 90 days (that fits O=7 or more)" },
      { rating: "detection", message: "Rated D=3 but 1 of 5 occurrences burned the SLO before any alert or breaker fired" },
    ]);
    // The app never changes the ratings: it only flags them.
    expect(linked).toMatchObject({ occurrence: 2, detection: 3 });
    const honest = await add(id, row("processor timeouts, honestly rated", 8, 7, 6, { links }));
    expect(honest.evidence.flags).toEqual([]);
    const unlinked = await add(id, row("no links", 8, 1, 1));
    expect(unlinked.evidence).toMatchObject({ occurrences: 0, flags: [] });
    const { worksheets } = await (await call(listSheets)).json();
    expect(worksheets[0]).toMatchObject({ modes: 3, flagged: 1 });
  });
});

describe("FMEA from a postmortem", () => {
  it("creates a row in the service's worksheet linked to the postmortem, then updates it from another", async () => {
    const created = await call(createMode, {
      method: "POST",
      json: { service: "catalog", fromPostmortem: { id: "pm-7", rootCauses: ["Search index rebuilt during peak", "No rate limit on reindex"] }, row: row("index unavailable", 6, 4, 6, { item: "Search" }) },
    });
    expect(created.status).toBe(201);
    const r: Row & { worksheetId: string } = await created.json();
    expect(r.cause).toBe("Search index rebuilt during peak; No rate limit on reindex");
    expect(r.links).toEqual([{ kind: "postmortem", ref: "pm-7" }]);
    const sheetView = await (await call(getSheet, { params: { id: r.worksheetId } })).json();
    expect(sheetView).toMatchObject({ title: "Catalog", service: { slug: "catalog" } });

    const updated = await call(patchMode, { method: "PATCH", params: { id: r.id }, json: { fromPostmortem: { id: "pm-9", rootCauses: ["no rate limit on reindex", "Replica lag after reindex"] } } });
    const u: Row = await updated.json();
    expect(u.cause).toBe("Search index rebuilt during peak; No rate limit on reindex; Replica lag after reindex");
    expect(u.links).toEqual([{ kind: "postmortem", ref: "pm-7" }, { kind: "postmortem", ref: "pm-9" }]);
    expect(u).toMatchObject({ severity: 6, occurrence: 4, detection: 6 });
    // Again with the same postmortem: nothing doubles.
    const again: Row = await (await call(patchMode, { method: "PATCH", params: { id: r.id }, json: { fromPostmortem: { id: "pm-9", rootCauses: ["Replica lag after reindex"] } } })).json();
    expect(again.links).toHaveLength(2);
    expect(again.cause).toBe(u.cause);
    // A second row for the same service lands in the same worksheet.
    const second: Row & { worksheetId: string } = await (await call(createMode, { method: "POST", json: { service: "catalog", row: row("stale prices", 5, 3, 5) } })).json();
    expect(second.worksheetId).toBe(r.worksheetId);
  });

  it("top risks span worksheets, riskiest first", async () => {
    const a = await sheet("Checkout");
    const b = await sheet("Catalog", "catalog");
    await add(a, row("minor", 3, 2, 2));
    await add(b, row("big", 9, 5, 5));
    await add(a, row("middle", 7, 5, 1));
    const { risks } = await (await call(topRoute, { path: "/api/fmea/top?limit=2" })).json();
    expect(risks.map((r: Row & { worksheet: { title: string }; service: { slug: string } }) => [r.mode, r.worksheet.title, r.service.slug])).toEqual([
      ["big", "Catalog", "catalog"],
      ["middle", "Checkout", "checkout"],
    ]);
    expect((await call(topRoute, { path: "/api/fmea/top?limit=0" })).status).toBe(422);
  });
});
