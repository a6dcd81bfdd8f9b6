import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WalSync } from "@/lib/server/ingest/sqlite/wal-sync";

const dir = mkdtempSync(path.join(os.tmpdir(), "wal-sync-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("WalSync", () => {
  it("is null when the log file is not there, so the connection keeps FULL", () => {
    expect(WalSync.open(path.join(dir, "missing.db-wal"))).toBeNull();
  });

  it("resolves every caller, those asking during a running fsync by the next one", async () => {
    const file = path.join(dir, "a.db-wal");
    writeFileSync(file, "frames");
    const wal = WalSync.open(file)!;
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => wal.sync().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    wal.close();
  });

  it("on close, syncs what waits and refuses later callers", async () => {
    const file = path.join(dir, "b.db-wal");
    writeFileSync(file, "frames");
    const wal = WalSync.open(file)!;
    const waiting = [wal.sync(), wal.sync()];
    wal.close();
    await expect(Promise.all(waiting)).resolves.toEqual([undefined, undefined]);
    await expect(wal.sync()).rejects.toThrow("the ingest log is closed");
    wal.close(); // twice is harmless
  });
});
