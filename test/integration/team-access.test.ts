// Per-team writes (README "Accounts and access"): editor in the resource's team, default-team
// admins everywhere, no team (or a team that names no Team) → the highest role, tokens by scope.
// The same check holds for routes and for the postmortem pages' server actions.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PUT as updateSloRoute } from "@/app/api/slos/[id]/route";
import { POST as addExclusionRoute } from "@/app/api/slos/[id]/exclusions/route";
import { PUT as updatePostmortemRoute } from "@/app/api/postmortems/[id]/route";
import { POST as createWorksheetRoute } from "@/app/api/fmea/worksheets/route";
import { db } from "@/lib/server/db";
import { createUser, signIn } from "@/lib/server/services/accounts";
import { createService } from "@/lib/server/services/services";
import { createSlo, getSlo } from "@/lib/server/services/slos";
import { createPostmortem, getPostmortem } from "@/lib/server/services/postmortems";
import { postmortemInputSchema } from "@/lib/schemas/postmortem";
import type { Role } from "@/lib/domain/access";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";
import { TEST_PASSWORD, apiToken } from "../support/accounts";
import { body as postmortemBody } from "../support/postmortem-seed";

// Server actions read the session cookie through next/headers, which only exists inside a Next
// request; the test hands it the cookie of whoever is "signed in".
const browser = vi.hoisted(() => ({ session: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "steadystate_session" && browser.session ? { name, value: browser.session } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { savePostmortemAction } = await import("@/app/(dashboard)/postmortems/actions");

beforeEach(resetDatabase);

async function person(email: string, memberships: { team: string; role: Role }[]): Promise<string> {
  await createUser({ email, name: email, password: TEST_PASSWORD, memberships });
  return (await signIn({ email, password: TEST_PASSWORD }, { address: null, previousToken: null })).token;
}

const slo = (service: string, name = "availability") => ({
  name, service, objective: "0.999", window: { kind: "rolling" as const, days: 30 }, labels: {},
  sli: { kind: "ratio" as const, bad: { metric: "err_total", matchers: {} }, total: { metric: "req_total", matchers: {} } },
});

/** Teams payments and search (and default, from the admin); a service per case; an SLO on each. */
async function world() {
  const admin = await person("root@example.test", [{ team: "default", role: "admin" }]);
  const alice = await person("alice@example.test", [{ team: "payments", role: "editor" }, { team: "search", role: "viewer" }]);
  const searchAdmin = await person("sam@example.test", [{ team: "search", role: "admin" }]);
  await createService({ slug: "pay", name: "Pay", team: "payments" });
  await createService({ slug: "find", name: "Find", team: "search" });
  await createService({ slug: "misc", name: "Misc" });
  await createService({ slug: "ghost", name: "Ghost", team: "ghosts" });
  const ids = {
    pay: (await createSlo(slo("pay"))).id, find: (await createSlo(slo("find"))).id,
    misc: (await createSlo(slo("misc"))).id, ghost: (await createSlo(slo("ghost"))).id,
  };
  return { admin, alice, searchAdmin, ids };
}

const edit = (id: string, session: string | undefined, service: string, objective = "0.99", token?: string) =>
  call(updateSloRoute, { method: "PUT", params: { id }, session, token, json: { ...slo(service), objective } });
const auditCount = (entityId: string) => db().auditEntry.count({ where: { entityId } });

describe("SLO writes by team", () => {
  it("an editor of payments edits payments' SLO and is refused search's, which stays as it was with no audit entry", async () => {
    const { alice, ids } = await world();
    expect((await edit(ids.pay, alice, "pay")).status).toBe(200);
    expect((await getSlo(ids.pay)).objective).toBe("0.99");

    const entries = await auditCount(ids.find);
    const refused = await edit(ids.find, alice, "find");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.message).toBe("needs editor in team search");
    expect((await getSlo(ids.find)).objective).toBe("0.999");
    expect(await auditCount(ids.find)).toBe(entries);
  });

  it("nobody moves their SLO into a team they cannot edit", async () => {
    const { alice, ids } = await world();
    const res = await edit(ids.pay, alice, "find");
    expect(res.status).toBe(403);
    expect((await getSlo(ids.pay)).service).toBe("pay");
  });

  it("an admin of the default team edits every team's; an admin of another team only theirs", async () => {
    const { admin, searchAdmin, ids } = await world();
    expect((await edit(ids.pay, admin, "pay")).status).toBe(200);
    expect((await edit(ids.find, admin, "find")).status).toBe(200);
    expect((await edit(ids.find, searchAdmin, "find")).status).toBe(200);
    expect((await edit(ids.pay, searchAdmin, "pay")).status).toBe(403);
  });

  it("a resource with no team, or a team naming no Team, follows the highest role", async () => {
    const { alice, ids } = await world();
    const viewer = await person("val@example.test", [{ team: "payments", role: "viewer" }]);
    expect((await edit(ids.misc, alice, "misc")).status).toBe(200);
    expect((await edit(ids.ghost, alice, "ghost")).status).toBe(200);
    expect((await edit(ids.misc, viewer, "misc")).status).toBe(403);
  });

  it("a write token writes in every team", async () => {
    const { ids } = await world();
    const { token } = await apiToken(["write"]);
    expect((await edit(ids.find, undefined, "find", "0.99", token)).status).toBe(200);
  });

  it("exclusions and FMEA worksheets follow their SLO's and service's team", async () => {
    const { alice, ids } = await world();
    const exclusion = { kind: "maintenance", start: "2026-11-01T00:00:00Z", end: "2026-11-01T01:00:00Z", reason: "db upgrade", author: "Alice" };
    expect((await call(addExclusionRoute, { method: "POST", params: { id: ids.find }, session: alice, json: exclusion })).status).toBe(403);
    expect((await call(addExclusionRoute, { method: "POST", params: { id: ids.pay }, session: alice, json: exclusion })).status).toBe(201);
    expect((await call(createWorksheetRoute, { method: "POST", session: alice, json: { title: "Find risks", service: "find" } })).status).toBe(403);
    expect((await call(createWorksheetRoute, { method: "POST", session: alice, json: { title: "Pay risks", service: "pay" } })).status).toBe(201);
  });
});

describe("postmortem writes by team", () => {
  it("the route and the server action refuse a postmortem about another team's SLO, and allow one about their own", async () => {
    const { alice, ids } = await world();
    const theirs = await createPostmortem(postmortemInputSchema.parse(postmortemBody([ids.find])), new Date());
    const ours = await createPostmortem(postmortemInputSchema.parse(postmortemBody([ids.pay])), new Date());
    const entries = await auditCount(theirs.id);

    const res = await call(updatePostmortemRoute, { method: "PUT", params: { id: theirs.id }, session: alice, json: postmortemBody([ids.find], { title: "Mine now" }) });
    expect(res.status).toBe(403);

    browser.session = alice;
    const refused = await savePostmortemAction(theirs.id, postmortemBody([ids.find], { title: "Mine now" }));
    expect(refused).toMatchObject({ ok: false, message: "needs editor in team search" });
    expect((await getPostmortem(theirs.id)).document.title).not.toBe("Mine now");
    expect(await auditCount(theirs.id)).toBe(entries);

    expect(await savePostmortemAction(ours.id, postmortemBody([ids.pay], { title: "Ours, edited" }))).toMatchObject({ ok: true });
    expect((await getPostmortem(ours.id)).document.title).toBe("Ours, edited");
    // Editor in ANY affected team is enough: an incident across payments and search.
    expect(await savePostmortemAction(null, postmortemBody([ids.pay, ids.find]))).toMatchObject({ ok: true });
  });
});

describe("moves between teams and admin outside the default team", () => {
  it("an editor of one team of a shared postmortem edits it, but neither takes the other team's SLO out nor adds one", async () => {
    const { alice, ids, admin } = await world();
    const shared = await createPostmortem(postmortemInputSchema.parse(postmortemBody([ids.pay, ids.find])), new Date());
    const put = (sloIds: string[], title: string, session = alice) =>
      call(updatePostmortemRoute, { method: "PUT", params: { id: shared.id }, session, json: postmortemBody(sloIds, { title }) });
    expect((await put([ids.pay, ids.find], "Edited by payments")).status).toBe(200);
    const out = await put([ids.pay], "Search's SLO taken out");
    expect(out.status).toBe(403);
    expect(((await out.json()) as ErrorBody).error.message).toBe("needs editor in team search");
    const ours = await createPostmortem(postmortemInputSchema.parse(postmortemBody([ids.pay])), new Date());
    const pulledIn = await call(updatePostmortemRoute, { method: "PUT", params: { id: ours.id }, session: alice, json: postmortemBody([ids.pay, ids.find], { title: "Search's SLO pulled in" }) });
    expect(pulledIn.status).toBe(403);
    expect((await getPostmortem(shared.id)).slos.map((s) => s.id).sort()).toEqual([ids.pay, ids.find].sort());
    // The default team's admin may.
    expect((await put([ids.pay], "Split by an admin", admin)).status).toBe(200);
  });

  it("an admin of another team is not an admin: no people, tokens or data sources, and no way to make themselves one", async () => {
    const { searchAdmin } = await world();
    const { GET: listUsers } = await import("@/app/api/users/route");
    const { POST: createToken } = await import("@/app/api/tokens/route");
    const { PATCH: patchUser } = await import("@/app/api/users/[id]/route");
    const sam = await db().user.findUniqueOrThrow({ where: { email: "sam@example.test" } });
    expect((await call(listUsers, { session: searchAdmin })).status).toBe(403);
    expect((await call(createToken, { method: "POST", session: searchAdmin, json: { name: "mine", scopes: ["write"], expiresInDays: 30 } })).status).toBe(403);
    const promote = await call(patchUser, { method: "PATCH", params: { id: sam.id }, session: searchAdmin, json: { memberships: [{ team: "default", role: "admin" }] } });
    expect(promote.status).toBe(403);
  });
});
