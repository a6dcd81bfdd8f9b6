import { describe, expect, it } from "vitest";
import { REDACTED, auditChanges, decodeAuditCursor, encodeAuditCursor, redactSecrets } from "@/lib/domain/audit";

describe("auditChanges", () => {
  it.each([
    {
      name: "an update keeps only the fields that differ",
      before: { name: "a", objective: "0.99", labels: { team: "x" }, updatedAt: "1" },
      after: { name: "a", objective: "0.995", labels: { team: "x" }, updatedAt: "2" },
      expected: { before: { objective: "0.99" }, after: { objective: "0.995" } },
    },
    {
      name: "a nested change shows the whole field",
      before: { labels: { team: "x", tier: "1" } },
      after: { labels: { team: "y", tier: "1" } },
      expected: { before: { labels: { team: "x", tier: "1" } }, after: { labels: { team: "y", tier: "1" } } },
    },
    {
      name: "a field that appears is null before",
      before: { name: "a" },
      after: { name: "a", owner: "sre" },
      expected: { before: { owner: null }, after: { owner: "sre" } },
    },
    { name: "a create has every field after", before: null, after: { name: "a", createdAt: "t" }, expected: { before: null, after: { name: "a" } } },
    { name: "a delete has every field before", before: { name: "a" }, after: null, expected: { before: { name: "a" }, after: null } },
    { name: "nothing on either side", before: null, after: null, expected: { before: null, after: null } },
    { name: "no change: both sides empty", before: { a: 1 }, after: { a: 1 }, expected: { before: {}, after: {} } },
    {
      name: "secrets are redacted, and a changed secret still shows it changed",
      before: { url: "http://p", headers: { Authorization: "old" } },
      after: { url: "http://p", headers: { Authorization: "new" } },
      expected: { before: { headers: REDACTED }, after: { headers: REDACTED } },
    },
  ])("$name", ({ before, after, expected }) => {
    expect(auditChanges(before, after)).toEqual(expected);
  });
});

describe("redactSecrets", () => {
  it("redacts secret-named fields at any depth, in arrays too, and leaves the rest", () => {
    const value = { name: "c", members: [{ name: "p", connection: "postgres://u:pw@h/db", display: "postgres://u:****@h/db" }], apiToken: "t", nested: { password: "x", ok: 1 } };
    expect(redactSecrets(value)).toEqual({ name: "c", members: [{ name: "p", connection: REDACTED, display: "postgres://u:****@h/db" }], apiToken: REDACTED, nested: { password: REDACTED, ok: 1 } });
  });
});

describe("audit cursor", () => {
  it("round-trips and refuses anything else", () => {
    const cursor = { at: new Date("2026-11-23T17:00:00.123Z"), id: "cmabc123" };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
    for (const bad of ["", "abc", "12.", ".id", "1.a b", "x.y"]) expect(decodeAuditCursor(bad)).toBeNull();
  });
});
