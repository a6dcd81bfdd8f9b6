// The ingest queue's bound counts samples acknowledged but not yet applied, so an applier that
// cannot write (here: a rollup table gone) turns into 429s, not an ever-growing log. SQLite only:
// PostgreSQL has no applier backlog.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/ingest/route";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { flushIngest } from "@/lib/server/ingest/store";
import { call } from "../support/http";

process.env.STEADYSTATE_INGEST_QUEUE_SAMPLES = "10";
const T = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const batch = (metric: string, n: number) => [{ metric, samples: Array.from({ length: n }, (_, i) => [T + i * 1000, i]) }];

describe.runIf(env().DATABASE_URL.provider === "sqlite")("ingest backpressure", () => {
  it("answers 429 with Retry-After while the applier's backlog fills the queue, and accepts again once it drains", async () => {
    await db().$executeRawUnsafe('ALTER TABLE "Rollup1h" RENAME TO "Rollup1h_away"');
    try {
      expect((await call(POST, { method: "POST", json: batch("first_total", 8) })).status).toBe(200);
      const refused = await call(POST, { method: "POST", json: batch("second_total", 5) });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
    } finally {
      await db().$executeRawUnsafe('ALTER TABLE "Rollup1h_away" RENAME TO "Rollup1h"');
    }
    await flushIngest();
    expect((await call(POST, { method: "POST", json: batch("second_total", 5) })).status).toBe(200);
    await flushIngest();
    const counts = await db().rollup1h.findMany({ include: { series: true }, orderBy: { series: { metric: "asc" } } });
    expect(counts.map((r) => [r.series.metric, r.count])).toEqual([["first_total", 8], ["second_total", 5]]);
  });
});
