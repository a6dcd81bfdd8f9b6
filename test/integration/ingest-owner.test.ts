// One process owns a SQLite database's ingest (lib/server/ingest/sqlite/owner-lock.ts): a second
// one is refused with a message that says what to do; the lock goes with its process. SQLite only.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/server/env";
import { LogDb } from "@/lib/server/ingest/sqlite/log-db";
import { closeIngest, flushIngest, storeSamples } from "@/lib/server/ingest/store";

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

/** test/support/ingest-child.ts storing 3 batches of 5 series: its exit code, stdout and stderr. */
function runChild(t0: number): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/support/ingest-child.ts", "5", String(t0), "3"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    // The child waits to be killed once it has stored what it was asked to.
    if (out.split("\n").includes("2")) child.kill("SIGKILL");
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

describe.runIf(env().DATABASE_URL.provider === "sqlite")("the ingest owner of a SQLite database", () => {
  it("refuses a second process while the first holds the database, and lets it in once the first lets go", async () => {
    await storeSamples([{ metric: "owner_total", labels: {}, samples: [{ t: T0, v: 1 }] }]);
    const refused = await runChild(T0 + 60_000);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toBe("");
    const database = env().DATABASE_URL;
    expect(refused.err).toContain(`another process already ingests into ${database.provider === "sqlite" ? database.file : ""}`);
    expect(refused.err).toContain("use PostgreSQL to run several app instances");

    await closeIngest();
    const admitted = await runChild(T0 + 120_000);
    expect(admitted.out.split("\n").filter(Boolean)).toEqual(["0", "1", "2"]);
    // Killed with -9, it held nothing afterwards: this process takes the database back at once
    // and applies the killed one's log.
    await flushIngest();
    expect(await storeSamples([{ metric: "owner_total", labels: {}, samples: [{ t: T0 + 180_000, v: 2 }] }])).toMatchObject({ accepted: 1 });
  }, 60_000);

  it("appends to the log with NORMAL and fsyncs the log file itself before acknowledging (wal-sync.ts)", async () => {
    const database = env().DATABASE_URL;
    if (database.provider !== "sqlite") throw new Error("SQLite only");
    const log = LogDb.open(database.file, 0);
    try {
      expect(log.pragma("journal_mode")).toBe("wal");
      expect(log.pragma("synchronous")).toBe(1); // NORMAL
      await expect(log.sync()).resolves.toBeUndefined();
    } finally {
      log.close();
    }
  });
});
