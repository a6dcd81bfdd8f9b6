// Every mutation route writes one audit entry naming the calling token; this is the list the
// README's "Audit log and security" section gives.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as auditLog } from "@/app/api/audit/route";
import { PATCH as patchItem } from "@/app/api/action-items/[id]/route";
import { POST as createSource } from "@/app/api/datasources/route";
import { POST as createMode } from "@/app/api/fmea/modes/route";
import { DELETE as deleteMode, PATCH as patchMode } from "@/app/api/fmea/modes/[id]/route";
import { POST as createSheet } from "@/app/api/fmea/worksheets/route";
import { DELETE as deleteSheet, PUT as putSheet } from "@/app/api/fmea/worksheets/[id]/route";
import { GET as exportSheet } from "@/app/api/fmea/worksheets/[id]/export/route";
import { POST as importSheet } from "@/app/api/fmea/worksheets/[id]/import/route";
import { POST as createPostmortem } from "@/app/api/postmortems/route";
import { PUT as putPostmortem } from "@/app/api/postmortems/[id]/route";
import { POST as comment } from "@/app/api/postmortems/[id]/comments/route";
import { POST as status } from "@/app/api/postmortems/[id]/status/route";
import { POST as registerCluster } from "@/app/api/replication/clusters/route";
import { DELETE as deleteCluster } from "@/app/api/replication/clusters/[id]/route";
import { POST as createServiceRoute } from "@/app/api/services/route";
import { POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { PATCH as patchUser } from "@/app/api/users/[id]/route";
import { CONFIG_TOKEN_ACTOR } from "@/lib/domain/actor";
import type { AuditEntryView } from "@/lib/schemas/audit";
import { call } from "../support/http";
import { TEST_SECRET_KEY } from "../support/replication";
import { resetDatabase } from "../support/reset-db";

process.env.STEADYSTATE_SECRET_KEY = TEST_SECRET_KEY;

beforeEach(resetDatabase);

async function created(res: Response): Promise<{ id: string }> {
  expect(res.status).toBe(201);
  return res.json();
}

async function entries(): Promise<AuditEntryView[]> {
  return ((await (await call(auditLog, { path: "/api/audit?limit=200" })).json()) as { entries: AuditEntryView[] }).entries.reverse();
}

describe("audit coverage", () => {
  it("postmortems, comments and action items", async () => {
    expect((await call(createServiceRoute, { method: "POST", json: { slug: "checkout", name: "Checkout" } })).status).toBe(201);
    const doc = { author: "Dana", title: "Checkout errors", severity: "sev2", startedAt: "2026-11-20T10:00:00Z", resolvedAt: "2026-11-20T11:00:00Z", authors: ["Dana"], sections: { summary: "Errors." }, actionItems: [{ title: "Canary the token service", type: "prevent", owner: "Dana" }] };
    const pm = await created(await call(createPostmortem, { method: "POST", json: doc }));
    const saved = await (await call(putPostmortem, { method: "PUT", params: { id: pm.id }, json: { ...doc, title: "Checkout errors after a deploy" } })).json();
    expect((await call(comment, { method: "POST", params: { id: pm.id }, json: { section: "summary", author: "Lee", body: "Which deploy?" } })).status).toBe(201);
    expect((await call(status, { method: "POST", params: { id: pm.id }, json: { to: "in-review", author: "Sam" } })).status).toBe(200);
    const itemId = saved.document.actionItems[0].id as string;
    expect((await call(patchItem, { method: "PATCH", params: { id: itemId }, json: { status: "done", author: "Dana" } })).status).toBe(200);

    const log = await entries();
    expect(log.map((e) => [e.action, e.entityType])).toEqual([
      ["service.create", "service"], ["postmortem.create", "postmortem"], ["postmortem.update", "postmortem"], ["postmortem.comment", "postmortem"],
      ["postmortem.status", "postmortem"], ["action-item.status", "action-item"],
    ]);
    for (const e of log) expect(e.actor).toEqual(CONFIG_TOKEN_ACTOR);
    expect(log[2]).toMatchObject({ entityId: pm.id, before: { title: "Checkout errors" }, after: { title: "Checkout errors after a deploy" } });
    expect(log[4]).toMatchObject({ summary: expect.stringContaining("from draft to in-review"), before: { status: "draft" }, after: { status: "in-review" } });
    expect(log[5]).toMatchObject({ entityId: itemId, summary: expect.stringContaining('"Canary the token service" to done') });
  });

  it("FMEA worksheets, failure modes and CSV import", async () => {
    const sheet = await created(await call(createSheet, { method: "POST", json: { title: "Checkout", service: null } }));
    expect((await call(putSheet, { method: "PUT", params: { id: sheet.id }, json: { title: "Checkout FMEA", service: null } })).status).toBe(200);
    const row = { item: "Card charge", mode: "Processor times out", effect: "Orders fail", severity: 8, occurrence: 5, detection: 3 };
    const mode = await created(await call(createMode, { method: "POST", json: { worksheetId: sheet.id, row } }));
    expect((await call(patchMode, { method: "PATCH", params: { id: mode.id }, json: { occurrence: 2 } })).status).toBe(200);
    const csv = await (await call(exportSheet, { path: `/api/fmea/worksheets/${sheet.id}/export?format=csv`, params: { id: sheet.id } })).text();
    expect((await call(importSheet, { method: "POST", params: { id: sheet.id }, body: csv, headers: { "content-type": "text/csv" } })).status).toBe(201);
    expect((await call(deleteMode, { method: "DELETE", params: { id: mode.id } })).status).toBe(204);
    expect((await call(deleteSheet, { method: "DELETE", params: { id: sheet.id } })).status).toBe(204);

    const log = await entries();
    expect(log.map((e) => e.action)).toEqual([
      "fmea-worksheet.create", "fmea-worksheet.update", "fmea-mode.create", "fmea-mode.update", "fmea-worksheet.import", "fmea-mode.delete", "fmea-worksheet.delete",
    ]);
    expect(log[1]).toMatchObject({ before: { title: "Checkout" }, after: { title: "Checkout FMEA" } });
    expect(log[3]).toMatchObject({ entityId: mode.id, before: { occurrence: 5 }, after: { occurrence: 2 } });
    expect(log[4]!.summary).toBe("Imported 1 failure mode into FMEA worksheet Checkout FMEA from CSV");
  });

  it("data sources and replication clusters, with no secret in the log", async () => {
    await created(await call(createSource, { method: "POST", json: { name: "mimir", kind: "prometheus", url: "http://127.0.0.1:9", headers: { Authorization: "Bearer tok-XYZ" } } }));
    const cluster = await created(await call(registerCluster, { method: "POST", json: { kind: "postgres", name: "orders", timeoutMs: 200, members: [{ name: "db1", role: "primary", connection: "postgresql://app:pw-XYZ@127.0.0.1:9/app" }] } }));
    expect((await call(deleteCluster, { method: "DELETE", params: { id: cluster.id } })).status).toBe(204);

    const log = await entries();
    expect(log.map((e) => e.action)).toEqual(["datasource.create", "replication-cluster.create", "replication-cluster.delete"]);
    expect(log[0]!.after).toMatchObject({ name: "mimir", headerNames: ["Authorization"] });
    expect(log[1]!.after).toMatchObject({ members: [{ name: "db1", role: "primary", display: "postgresql://app:****@127.0.0.1:9/app" }] });
    const text = JSON.stringify(log);
    expect(text).not.toContain("tok-XYZ");
    expect(text).not.toContain("pw-XYZ");
  });

  it("people and API tokens, with no password, hash or token in the log", async () => {
    const user = await created(await call(createUserRoute, { method: "POST", json: { email: "ana@example.test", name: "Ana", password: "correct horse battery", memberships: [{ team: "default", role: "viewer" }] } }));
    expect((await call(patchUser, { method: "PATCH", params: { id: user.id }, json: { password: "another long passphrase", memberships: [{ team: "default", role: "editor" }] } })).status).toBe(200);
    const res = await call(createToken, { method: "POST", json: { name: "collector", scopes: ["ingest"], expiresInDays: 30 } });
    const { token, apiToken } = (await res.json()) as { token: string; apiToken: { id: string } };
    expect((await call(revokeToken, { method: "DELETE", params: { id: apiToken.id } })).status).toBe(200);

    const log = await entries();
    expect(log.map((e) => e.action)).toEqual(["user.create", "user.update", "api-token.create", "api-token.revoke"]);
    expect(log.every((e) => e.actor.id === CONFIG_TOKEN_ACTOR.id)).toBe(true);
    expect(log[1]!.before).toMatchObject({ memberships: "default:viewer" });
    expect(log[1]!.after).toMatchObject({ memberships: "default:editor", signInChanged: "new password set" });
    expect(log[2]!.after).toMatchObject({ name: "collector", scopes: "ingest" });
    const text = JSON.stringify(log);
    for (const secret of ["correct horse battery", "another long passphrase", token, "scrypt"]) expect(text).not.toContain(secret);
  });

  it("a refused change writes nothing", async () => {
    expect((await call(createSheet, { method: "POST", json: { title: "", service: null } })).status).toBe(422);
    expect((await call(registerCluster, { method: "POST", json: { kind: "postgres", name: "x", members: [] } })).status).toBe(422);
    expect((await call(patchMode, { method: "PATCH", params: { id: "missing" }, json: { occurrence: 2 } })).status).toBe(404);
    expect(await entries()).toEqual([]);
  });
});
