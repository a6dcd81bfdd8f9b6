// kill -9 of the process that acknowledged samples: a fresh process must apply every acknowledged
// sample exactly once (architecture.md "Ingest": 2xx = stored). SQLite only: the ingest log is
// SQLite's write path; PostgreSQL commits rollups before acknowledging.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { closeIngest, flushIngest } from "@/lib/server/ingest/store";
import { unappliedLogRows } from "../support/ingest-log";

const SERIES = 300;
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

/** Runs the child until it has acknowledged `killAfter` batches, then kills it with SIGKILL. */
async function runChildAndKill(options: { t0: number; killAfter: number; stopAfter: number; applyIntervalMs: number }): Promise<number> {
  await closeIngest(); // the child must own the database's ingest (owner-lock.ts): this process lets go
  const child = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: the CLI runs the script in a second process that SIGKILL would miss.
    ["--conditions=react-server", "--import", "tsx", "test/support/ingest-child.ts", String(SERIES), String(options.t0), String(options.stopAfter)],
    { env: { ...process.env, STEADYSTATE_INGEST_APPLY_INTERVAL_MS: String(options.applyIntervalMs) }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let acked = -1;
  let buffered = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) acked = Number(line);
      if (acked + 1 >= options.killAfter && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(acked + 1) : reject(new Error(`child exited by itself (${signal ?? _code})`))));
  });
}

/** Checks every series holds exactly `batches` batches, and returns that number. */
async function storedBatches(t0: number): Promise<number> {
  await closeIngest(); // a fresh store, as in a new process: opening it applies the log
  await flushIngest();
  expect(await unappliedLogRows()).toBe(0);
  const series = await db().series.findMany({ where: { metric: "crash_total", minutes: { some: { minute: { gte: Math.floor(t0 / 60_000) } } } }, include: { minutes: true, hours: true } });
  expect(series).toHaveLength(SERIES);
  const batches = (Number(series[0]!.lastT) - t0) / 1000 + 1;
  for (const s of series) {
    const i = Number((JSON.parse(s.labels) as { i: string }).i);
    const mine = { minutes: s.minutes.filter((m) => m.minute >= Math.floor(t0 / 60_000)), hours: s.hours.filter((h) => h.hour >= Math.floor(t0 / 3_600_000)) };
    expect(Number(s.lastT)).toBe(t0 + (batches - 1) * 1000);
    for (const cells of [mine.minutes, mine.hours]) {
      // Each batch adds one sample; the first of a series gives no delta, each later one i + 1.
      expect(cells.reduce((n, c) => n + c.count, 0)).toBe(batches);
      expect(cells.reduce((n, c) => n + c.increase, 0)).toBe((batches - 1) * (i + 1));
    }
  }
  return batches;
}

describe.runIf(env().DATABASE_URL.provider === "sqlite")("ingest after kill -9", () => {
  it("applies every acknowledged batch from the log, once, when nothing had been applied", async () => {
    const acked = await runChildAndKill({ t0: T0, killAfter: 40, stopAfter: 40, applyIntervalMs: 3_600_000 });
    expect(acked).toBe(40);
    expect(await unappliedLogRows()).toBeGreaterThan(0);
    expect(await storedBatches(T0)).toBe(40);
  });

  it("loses no acknowledged batch and applies none twice when killed mid-stream, applies included", async () => {
    const t0 = T0 + 3_600_000;
    const acked = await runChildAndKill({ t0, killAfter: 150, stopAfter: 1_000_000, applyIntervalMs: 2 });
    // Batches committed but not yet acknowledged when the kill landed are kept too.
    expect(await storedBatches(t0)).toBeGreaterThanOrEqual(acked);
  });
});
