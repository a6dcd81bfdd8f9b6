import { describe, expect, it } from "vitest";
import { canWriteOwned, roleGrants, scopeGrants, teamRoles, type Role, type TeamWriter } from "@/lib/domain/access";

const existing = new Set(["default", "payments", "search"]);
const person = (teams: Record<string, Role>): TeamWriter => {
  const ranks = Object.values(teams);
  const best = ranks.includes("admin") ? "admin" : ranks.includes("editor") ? "editor" : ranks.length ? "viewer" : null;
  return { via: "session", grants: best ? roleGrants(best) : [], teams };
};
const token = (scopes: ("read" | "write" | "admin")[]): TeamWriter => ({ via: "token", grants: scopeGrants(scopes), teams: {} });

describe("canWriteOwned", () => {
  it.each<[string, TeamWriter, (string | null)[], true | string]>([
    ["editor of the owning team", person({ payments: "editor" }), ["payments"], true],
    ["admin of the owning team", person({ payments: "admin" }), ["payments"], true],
    ["editor of another team", person({ search: "editor" }), ["payments"], "needs editor in team payments"],
    ["viewer of the owning team, editor elsewhere", person({ payments: "viewer", search: "editor" }), ["payments"], "needs editor in team payments"],
    ["admin of another (not default) team", person({ search: "admin" }), ["payments"], "needs editor in team payments"],
    ["admin of the default team", person({ default: "admin" }), ["payments"], true],
    ["editor of the default team is not everywhere", person({ default: "editor" }), ["payments"], "needs editor in team payments"],
    ["no team: highest role", person({ search: "editor" }), [null], true],
    ["no owners at all: highest role", person({ search: "editor" }), [], true],
    ["team naming no Team: highest role", person({ search: "editor" }), ["ghosts"], true],
    ["several owners: editor in any", person({ search: "editor" }), ["payments", "search"], true],
    ["several owners: editor in none", person({ default: "viewer", search: "viewer", other: "editor" }), ["search", "payments", "payments"], "needs editor in team payments or search"],
    ["viewer everywhere, no team", person({ payments: "viewer" }), [null], "this needs the write grant (editor or admin)"],
    ["no teams at all", person({}), [null], "this needs the write grant (editor or admin)"],
    ["write token writes everywhere", token(["write"]), ["payments"], true],
    ["admin token writes everywhere", token(["admin"]), ["search"], true],
    ["read token writes nowhere", token(["read"]), [null], "this needs the write grant (editor or admin)"],
    ["demo viewer", { via: "demo", grants: ["read"], teams: {} }, [], "this needs the write grant (editor or admin)"],
  ])("%s", (_name, writer, owners, expected) => {
    const decision = canWriteOwned(writer, owners, existing);
    expect(decision).toEqual(expected === true ? { ok: true } : { ok: false, reason: expected });
  });

  it("maps memberships to a role per team", () => {
    expect(teamRoles([{ team: "payments", role: "editor" }, { team: "default", role: "viewer" }])).toEqual({ payments: "editor", default: "viewer" });
  });
});
