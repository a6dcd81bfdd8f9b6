import { describe, expect, it } from "vitest";
import { openWithKey, sealWithKey } from "@/lib/server/secrets";
import { loadEnv } from "@/lib/server/env";
import { parseSecretKey } from "@/lib/schemas/env";

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 8);
const SECRET = "postgresql://app:s3cret@db:5432/app";

describe("secrets", () => {
  it("seals into a versioned envelope that opens with the same key and purpose", () => {
    const sealed = sealWithKey(KEY, "replication.connection", SECRET);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain("s3cret");
    expect(openWithKey(KEY, "replication.connection", sealed)).toBe(SECRET);
    // A fresh IV each time: equal secrets do not look equal at rest.
    expect(sealWithKey(KEY, "replication.connection", SECRET)).not.toBe(sealed);
  });

  it.each([
    ["another key", (s: string) => openWithKey(OTHER, "replication.connection", s), /cannot be opened/],
    ["another purpose", (s: string) => openWithKey(KEY, "datasource.headers", s), /cannot be opened/],
    ["a flipped ciphertext byte", (s: string) => openWithKey(KEY, "replication.connection", s.slice(0, -2) + (s.at(-2) === "A" ? "B" : "A") + s.at(-1)), /cannot be opened/],
    ["an unknown version", (s: string) => openWithKey(KEY, "replication.connection", s.replace(/^v1/, "v9")), /not a v1 secret envelope/],
    ["a truncated envelope", (s: string) => openWithKey(KEY, "replication.connection", s.split(".").slice(0, 3).join(".")), /not a v1/],
  ])("refuses %s", (_, open, error) => {
    expect(() => open(sealWithKey(KEY, "replication.connection", SECRET))).toThrow(error);
  });

  it("reads the key as 64 hex digits or base64 of 32 bytes, and refuses anything else at boot", () => {
    expect(parseSecretKey("ab".repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretKey(Buffer.alloc(32, 1).toString("base64"))).toEqual(Buffer.alloc(32, 1));
    expect(parseSecretKey("ab".repeat(16))).toBeNull();
    expect(parseSecretKey(Buffer.alloc(24, 1).toString("base64"))).toBeNull();
    expect(loadEnv({}).STEADYSTATE_SECRET_KEY).toBeUndefined();
    expect(() => loadEnv({ STEADYSTATE_SECRET_KEY: "short" })).toThrow(/STEADYSTATE_SECRET_KEY: must be 32 bytes/);
  });
});
