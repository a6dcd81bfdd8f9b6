// The applier worker dying (lib/server/ingest/sqlite/sample-log.ts): the request thread goes on
// acknowledging into the log, starts a new worker, and that one applies what the dead one held
// from the log file, each sample once. SQLite only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { SampleLog } from "@/lib/server/ingest/sqlite/sample-log";
import { closeIngest } from "@/lib/server/ingest/store";
import { unappliedLogRows } from "../support/ingest-log";

const T0 = Date.UTC(2026, 10, 23, 11, 0, 0);
const batch = (n: number) => Array.from({ length: 4 }, (_, i) => ({ metric: "restart_total", labels: { i: String(i) }, samples: [{ t: T0 + n * 15_000, v: (n + 1) * (i + 1) }] }));

describe.runIf(env().DATABASE_URL.provider === "sqlite")("the applier worker", () => {
  it("is started again after it dies, and the new one applies what the dead one held, once", async () => {
    await closeIngest(); // this test's own store
    const database = env().DATABASE_URL;
    if (database.provider !== "sqlite") throw new Error("SQLite only");
    const log = new SampleLog(database.file, { applyIntervalMs: 3_600_000, applyAtSamples: 1_000_000 });
    try {
      expect(await log.store(batch(0))).toMatchObject({ accepted: 4 });
      expect(await log.store(batch(1))).toMatchObject({ accepted: 4 });
      await log.terminateApplier();
      // Acknowledging goes on while no worker runs; reading waits for the new one.
      expect(await log.store(batch(2))).toMatchObject({ accepted: 4 });
      await expect(log.flush()).rejects.toThrow(/starting again/);
      expect(await unappliedLogRows()).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await log.store(batch(2))).toMatchObject({ accepted: 0, dropped: { duplicate: 4 } });
      await log.flush();
      expect(log.backlogSamples).toBe(0);
      expect(await unappliedLogRows()).toBe(0);
      const series = await db().series.findMany({ where: { metric: "restart_total" }, include: { minutes: true } });
      expect(series).toHaveLength(4);
      for (const s of series) {
        const i = Number((JSON.parse(s.labels) as { i: string }).i);
        // Three samples in one minute: the first gives no delta, then two of i + 1 each.
        expect(s.minutes.map((m) => [m.increase, m.deltas, m.count])).toEqual([[2 * (i + 1), 2, 3]]);
      }
    } finally {
      await log.close();
    }
  });
});
