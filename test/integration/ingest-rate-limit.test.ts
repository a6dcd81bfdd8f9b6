// The per-token ingest limit: samples over the token's bucket are refused with 429 and
// Retry-After, and nothing from a refused request is stored.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as ingestJson } from "@/app/api/ingest/route";
import { db } from "@/lib/server/db";
import { flushIngest } from "@/lib/server/ingest/store";
import { resetIngestLimits } from "@/lib/server/ingest/rate-limit";
import { call } from "../support/http";
import { resetDatabase } from "../support/reset-db";

// Read by env() on first use: 10 samples/s, bursts of 20.
process.env.STEADYSTATE_INGEST_RATE_SAMPLES = "10";
process.env.STEADYSTATE_INGEST_BURST_SAMPLES = "20";

beforeEach(async () => {
  await resetDatabase();
  resetIngestLimits();
});

const now = Date.now();
const body = (metric: string, count: number) => [{ metric, labels: {}, samples: Array.from({ length: count }, (_, i) => [now - (count - i) * 1000, i]) }];
const send = (metric: string, count: number) => call(ingestJson, { method: "POST", json: body(metric, count) });

async function storedSeries(): Promise<string[]> {
  await flushIngest();
  return (await db().series.findMany({ select: { metric: true }, orderBy: { metric: "asc" } })).map((s) => s.metric);
}

describe("per-token ingest limit", () => {
  it("lets a token's burst through, then answers 429 with Retry-After and stores nothing of the refused request", async () => {
    expect((await send("first_total", 15)).status).toBe(200);
    const refused = await send("refused_total", 10);
    expect(refused.status).toBe(429);
    // 5 left, 5 missing at 10/s: one second.
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect(await storedSeries()).toEqual(["first_total"]);
  });

  it("charges a request larger than the burst the whole burst, so it passes once with a full bucket", async () => {
    expect((await send("big_total", 50)).status).toBe(200);
    // The bucket is empty (give or take what refilled while the request ran).
    const next = await send("next_total", 15);
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await storedSeries()).toEqual(["big_total"]);
  });

  it("refills with time", async () => {
    expect((await send("a_total", 20)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    // About 3.5 samples back after 350 ms at 10/s.
    expect((await send("b_total", 3)).status).toBe(200);
    expect((await send("c_total", 10)).status).toBe(429);
  });
});
