import { describe, expect, it } from "vitest";
import { allows, highestRole, isSameOrigin, isUnsafeMethod, roleGrants, safeNextPath, scopeGrants, sessionRole, type AccessRule, type Role, type Scope } from "@/lib/domain/access";
import { forgiveFailure, lockedForMs, recordFailure, type FailureWindow } from "@/lib/domain/sign-in-limit";

describe("grants", () => {
  it.each<[Role, AccessRule[]]>([
    ["viewer", ["public", "read"]],
    ["editor", ["public", "read", "write"]],
    ["admin", ["public", "read", "write", "admin"]],
  ])("role %s allows exactly %j", (role, allowed) => {
    for (const rule of ["public", "read", "write", "admin", "ingest"] as const) expect(allows(roleGrants(role), rule)).toBe(allowed.includes(rule));
  });

  it.each<[Scope[], AccessRule[]]>([
    [["ingest"], ["public", "ingest"]],
    [["read"], ["public", "read"]],
    [["write"], ["public", "read", "write"]],
    [["admin"], ["public", "read", "write", "admin"]],
    [["ingest", "read"], ["public", "read", "ingest"]],
    [[], ["public"]],
  ])("scopes %j allow exactly %j", (scopes, allowed) => {
    for (const rule of ["public", "read", "write", "admin", "ingest"] as const) expect(allows(scopeGrants(scopes), rule)).toBe(allowed.includes(rule));
  });

  it.each<[Role[], Role | null]>([[[], null], [["viewer"], "viewer"], [["viewer", "admin", "editor"], "admin"], [["editor", "viewer"], "editor"]])("the highest of %j is %s", (roles, best) => {
    expect(highestRole(roles)).toBe(best);
  });
});

describe("origin checks", () => {
  const app = ["http://localhost:3000"];
  it.each<[string | null, string | null, boolean]>([
    ["http://localhost:3000", null, true],
    ["HTTP://LOCALHOST:3000", null, true],
    ["https://localhost:3000", null, false],
    ["https://evil.example", "same-origin", false], // Origin wins when present
    ["null", "same-origin", true], // an opaque origin falls back to Sec-Fetch-Site
    [null, "same-origin", true],
    [null, "cross-site", false],
    [null, "same-site", false],
    [null, null, false],
  ])("origin %s, sec-fetch-site %s → %s", (origin, secFetchSite, ok) => {
    expect(isSameOrigin({ origin, secFetchSite }, app)).toBe(ok);
  });

  it.each([["GET", false], ["head", false], ["OPTIONS", false], ["POST", true], ["PUT", true], ["PATCH", true], ["DELETE", true]] as const)("%s unsafe: %s", (method, unsafe) => {
    expect(isUnsafeMethod(method)).toBe(unsafe);
  });

  it.each([["/slos?x=1", "/slos?x=1"], [null, "/"], ["", "/"], ["//evil.example", "/"], ["/\\evil.example", "/"], ["https://evil.example", "/"], ["slos", "/"], ["/\t/evil.example", "/"], ["/\n/evil.example", "/"], ["/ok\\x", "/"], ["/a//b?c=//d", "/a//b?c=//d"]] as const)("next %s → %s", (next, path) => {
    expect(safeNextPath(next)).toBe(path);
  });
});

describe("a signed-in person's role outside teams", () => {
  it.each([
    [{ default: "admin" }, "admin"],
    [{ payments: "admin" }, "editor"], // an admin of another team may not make themselves admin everywhere
    [{ payments: "admin", default: "viewer" }, "editor"],
    [{ payments: "viewer", default: "admin" }, "admin"],
    [{ payments: "editor" }, "editor"],
    [{ payments: "viewer" }, "viewer"],
    [{}, null],
  ] as const)("%j → %s", (teams, role) => {
    expect(sessionRole(teams)).toBe(role);
  });
});

describe("sign-in failure windows", () => {
  const W = 15 * 60_000;
  it("locks after max failures until the window that began with the first one ends", () => {
    const state = new Map<string, FailureWindow>();
    for (let i = 0; i < 4; i++) recordFailure(state, "a", 1000 + i, W);
    expect(lockedForMs(state, "a", 2000, 5, W)).toBe(0);
    recordFailure(state, "a", 5000, W);
    expect(lockedForMs(state, "a", 5000, 5, W)).toBe(1000 + W - 5000);
    expect(lockedForMs(state, "a", 1000 + W, 5, W)).toBe(0);
    expect(lockedForMs(state, "b", 5000, 5, W)).toBe(0);
  });

  it("forgives one counted attempt (a sign-in that succeeded), and forgets a key at none", () => {
    const state = new Map<string, FailureWindow>();
    recordFailure(state, "a", 0, W);
    recordFailure(state, "a", 1, W);
    forgiveFailure(state, "a");
    expect(state.get("a")).toEqual({ startedAt: 0, failures: 1 });
    forgiveFailure(state, "a");
    expect(state.has("a")).toBe(false);
    forgiveFailure(state, "missing");
    expect(state.size).toBe(0);
  });

  it("starts a new window after the old one ends, and drops finished windows past the key limit", () => {
    const state = new Map<string, FailureWindow>();
    recordFailure(state, "a", 0, W);
    recordFailure(state, "a", W, W);
    expect(state.get("a")).toEqual({ startedAt: W, failures: 1 });
    recordFailure(state, "b", W, W, 1);
    recordFailure(state, "c", 3 * W, W, 1);
    expect([...state.keys()]).toEqual(["c"]);
  });
});
