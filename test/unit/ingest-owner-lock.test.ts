import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IngestOwnedElsewhereError, OwnerLock } from "@/lib/server/ingest/sqlite/owner-lock";

const dir = mkdtempSync(path.join(os.tmpdir(), "owner-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("OwnerLock", () => {
  it("is held by one holder at a time, and free again once released", () => {
    const file = path.join(dir, "a.db");
    const first = OwnerLock.acquire(file);
    expect(() => OwnerLock.acquire(file)).toThrow(IngestOwnedElsewhereError);
    expect(() => OwnerLock.acquire(file)).toThrow(`another process already ingests into ${file}`);
    first.release();
    first.release(); // twice is harmless
    const second = OwnerLock.acquire(file);
    second.release();
  });

  it("locks each database on its own", () => {
    const a = OwnerLock.acquire(path.join(dir, "one.db"));
    const b = OwnerLock.acquire(path.join(dir, "two.db"));
    a.release();
    b.release();
  });
});
