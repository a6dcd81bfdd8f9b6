import { beforeEach, describe, expect, it } from "vitest";
import { GET as auditLog } from "@/app/api/audit/route";
import { POST as createSlo } from "@/app/api/slos/route";
import { DELETE as deleteSlo, PUT as updateSlo } from "@/app/api/slos/[id]/route";
import { POST as addExclusion } from "@/app/api/slos/[id]/exclusions/route";
import { DELETE as removeExclusion } from "@/app/api/slos/[id]/exclusions/[exclusionId]/route";
import { POST as importSlos } from "@/app/api/slos/import/route";
import { CONFIG_TOKEN_ACTOR } from "@/lib/domain/actor";
import type { AuditEntryView } from "@/lib/schemas/audit";
import { db } from "@/lib/server/db";
// The repo, not the service: these tests count SLO entries only.
import { createService } from "@/lib/server/repos/services";
import { call } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const slo = {
  name: "availability", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 },
  sli: { kind: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" } },
};

async function log(query = ""): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const res = await call(auditLog, { path: `/api/audit${query}` });
  expect(res.status).toBe(200);
  return res.json();
}

describe("audit log of SLO changes", () => {
  it("records create, update, exclusions, import and delete with the token as actor, newest first", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const created = await (await call(createSlo, { method: "POST", json: slo })).json();
    expect((await call(updateSlo, { method: "PUT", params: { id: created.id }, json: { ...slo, objective: "0.995" } })).status).toBe(200);
    const exclusion = await (await call(addExclusion, {
      method: "POST", params: { id: created.id },
      json: { kind: "maintenance", start: "2026-11-20T10:00:00Z", end: "2026-11-20T11:00:00Z", reason: "db upgrade", author: "ops" },
    })).json();
    expect((await call(removeExclusion, { method: "DELETE", params: { id: created.id, exclusionId: exclusion.id } })).status).toBe(204);
    const yaml = ["apiVersion: openslo/v1", "kind: SLO", "metadata: {name: latency}", "spec:", "  service: checkout", "  budgetingMethod: Occurrences",
      "  timeWindow: [{duration: 7d, isRolling: true}]", "  objectives: [{target: 0.99}]", "  indicator:", "    metadata: {name: ok}", "    spec:", "      ratioMetric:",
      "        counter: true", "        bad: {metricSource: {type: Prometheus, spec: {query: err_total}}}", "        total: {metricSource: {type: Prometheus, spec: {query: req_total}}}", ""].join("\n");
    const imported = await call(importSlos, { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } });
    expect(imported.status).toBe(200);
    expect((await call(deleteSlo, { method: "DELETE", params: { id: created.id } })).status).toBe(204);

    const { entries, nextCursor } = await log();
    expect(nextCursor).toBeNull();
    expect(entries.map((e) => e.action)).toEqual(["slo.delete", "slo.import-create", "slo-exclusion.delete", "slo-exclusion.create", "slo.update", "slo.create"]);
    for (const e of entries) expect(e.actor).toEqual(CONFIG_TOKEN_ACTOR);
    const update = entries.find((e) => e.action === "slo.update")!;
    // Only what changed, before and after.
    expect(update).toMatchObject({ entityType: "slo", entityId: created.id, summary: "Updated SLO checkout / availability", before: { objective: "0.99" }, after: { objective: "0.995" } });
    expect(entries.find((e) => e.action === "slo.create")!.after).toMatchObject({ name: "availability", objective: "0.99" });
    expect(entries.find((e) => e.action === "slo.delete")!).toMatchObject({ before: { objective: "0.995" }, after: null });
  });

  it("writes nothing when the change is refused", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    expect((await call(createSlo, { method: "POST", json: { ...slo, objective: "2" } })).status).toBe(422);
    expect((await call(createSlo, { method: "POST", json: slo, token: null })).status).toBe(401);
    expect((await call(deleteSlo, { method: "DELETE", params: { id: "nope" } })).status).toBe(404);
    expect((await log()).entries).toEqual([]);
  });
});

describe("the log itself", () => {
  it("is append-only in the database: UPDATE and DELETE are refused", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    await call(createSlo, { method: "POST", json: slo });
    await expect(db().auditEntry.updateMany({ data: { summary: "nothing happened" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEntry.deleteMany()).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect((await log()).entries).toHaveLength(1);
  });

  it("pages with a cursor and filters by action prefix, entity, actor and time", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const ids: string[] = [];
    for (const name of ["a", "b", "c", "d", "e"]) ids.push((await (await call(createSlo, { method: "POST", json: { ...slo, name } })).json()).id);
    await call(deleteSlo, { method: "DELETE", params: { id: ids[0]! } });

    const first = await log("?limit=4");
    expect(first.entries).toHaveLength(4);
    const second = await log(`?limit=4&cursor=${first.nextCursor}`);
    expect(second.entries).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.entries, ...second.entries];
    expect(new Set(all.map((e) => e.id)).size).toBe(6);
    expect(all.map((e) => e.summary).at(-1)).toBe("Created SLO checkout / a");

    expect((await log("?action=slo.delete")).entries.map((e) => e.entityId)).toEqual([ids[0]]);
    expect((await log("?action=slo.")).entries).toHaveLength(6);
    expect((await log(`?entity=slo&entityId=${ids[0]}`)).entries.map((e) => e.action)).toEqual(["slo.delete", "slo.create"]);
    expect((await log("?actor=config")).entries).toHaveLength(6);
    expect((await log("?actor=someone")).entries).toHaveLength(0);
    expect((await log("?to=2000-01-01")).entries).toHaveLength(0);
    expect((await log(`?from=${new Date(Date.now() - 60_000).toISOString()}`)).entries).toHaveLength(6);
  });

  it("refuses bad filters with field errors and anonymous readers", async () => {
    expect((await call(auditLog, { path: "/api/audit?cursor=garbage&limit=0" })).status).toBe(422);
    expect((await call(auditLog, { path: "/api/audit", token: null })).status).toBe(401);
  });
});
