import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/ingest/route";
import { GET as metricsRoute } from "@/app/metrics/route";
import { GET as seriesRoute } from "@/app/api/series/route";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { flushIngest } from "@/lib/server/ingest/store";
import { call, type CallOptions, type ErrorBody } from "../support/http";
import { renameLogTable, unappliedLogRows } from "../support/ingest-log";

process.env.STEADYSTATE_INGEST_MAX_SERIES = "50";
process.env.STEADYSTATE_INGEST_MAX_BODY_BYTES = "200000";

const NOW = Date.now();
const minuteStart = Math.floor(NOW / 60_000) * 60_000 - 10 * 60_000;
const t = (seconds: number) => minuteStart + seconds * 1000;

// On SQLite a 200 means the samples are in the ingest log; the rollups get them on the next apply.
const isSqlite = () => env().DATABASE_URL.provider === "sqlite";

async function stored() {
  await flushIngest();
  const [series, minutes] = await Promise.all([db().series.count(), db().rollup1m.count()]);
  return { series, minutes };
}

describe("POST /api/ingest", () => {
  it("stores a batch and answers with what it accepted and dropped", async () => {
    const res = await call(POST, {
      method: "POST",
      json: [
        { metric: "http_requests_total", labels: { code: "200" }, samples: [[t(0), 100], [t(30), 130], [t(60), 10], [t(90), "NaN"]] },
        { metric: "queue_depth", labels: {}, type: "gauge", samples: [[t(0), 4], [t(20), -1]] },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ series: 2, accepted: 5, dropped: { nan: 1 } });
    await flushIngest();
    const rows = await db().rollup1m.findMany({ where: { series: { metric: "http_requests_total" } }, orderBy: { minute: "asc" } });
    expect(rows.map((r) => [r.minute * 60_000 - minuteStart, r.increase])).toEqual([[0, 30], [60_000, 10]]);
  });

  it("answers a retried batch with everything dropped and stores nothing twice", async () => {
    const batch = [{ metric: "retry_total", samples: [[t(0), 1], [t(15), 3]] }];
    await call(POST, { method: "POST", json: batch });
    const before = await stored();
    const res = await call(POST, { method: "POST", json: batch });
    expect(await res.json()).toEqual({ series: 1, accepted: 0, dropped: { duplicate: 1, "out-of-order": 1 } });
    expect(await stored()).toEqual(before);
  });

  const bad: { name: string; status: number; message: RegExp; options: CallOptions<Record<string, never>> }[] = [
    { name: "no token", status: 401, message: /token/, options: { token: null, json: [{ metric: "a", samples: [[t(0), 1]] }] } },
    { name: "not JSON", status: 400, message: /not valid JSON/, options: { body: "[{", headers: { "content-type": "application/json" } } },
    { name: "an empty array", status: 422, message: /shape/, options: { json: [] } },
    { name: "a sample that is not a pair", status: 422, message: /shape/, options: { json: [{ metric: "a", samples: [[t(0)]] }] } },
    { name: "a fractional timestamp", status: 422, message: /shape/, options: { json: [{ metric: "a", samples: [[1.5, 1]] }] } },
    { name: "an invalid metric name", status: 400, message: /invalid metric name/, options: { json: [{ metric: "http-requests", samples: [[t(0), 1]] }] } },
    { name: "an invalid label name", status: 400, message: /invalid label name "route-name"/, options: { json: [{ metric: "a", labels: { "route-name": "x" }, samples: [[t(0), 1]] }] } },
    { name: "a reserved label name", status: 400, message: /invalid label name "__tenant"/, options: { json: [{ metric: "a", labels: { __tenant: "x" }, samples: [[t(0), 1]] }] } },
    { name: "a timestamp far in the future", status: 400, message: /in the future/, options: { json: [{ metric: "a", samples: [[NOW + 3_600_000, 1]] }] } },
    { name: "too many series", status: 413, message: /51 series in one request; the limit is 50/, options: { json: Array.from({ length: 51 }, (_, i) => ({ metric: "a", labels: { i: String(i) }, samples: [[t(0), 1]] })) } },
    { name: "a body over the size limit", status: 413, message: /exceeds 200000 bytes/, options: { json: [{ metric: "a", labels: { x: "y".repeat(200_000) }, samples: [[t(0), 1]] }] } },
  ];

  it.each(bad)("rejects $name with $status, a clear message and nothing stored", async ({ status, message, options }) => {
    const valid = { metric: "must_not_be_stored_total", samples: [[t(0), 1]] };
    const json = Array.isArray(options.json) && options.json.length > 0 && status !== 413 ? [valid, ...options.json] : options.json;
    const before = await stored();
    const res = await call(POST, { method: "POST", ...options, json });
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("answers 503 when storage fails, stores nothing of the request, and counts it", async () => {
    const before = await stored();
    // What a request's storage is: the log append on SQLite (its own file), the rollup write on PostgreSQL.
    const rename = (from: string, to: string) => (isSqlite() ? renameLogTable(from, to) : db().$executeRawUnsafe(`ALTER TABLE "${from}" RENAME TO "${to}"`));
    const table = isSqlite() ? "log" : "Rollup1h";
    await rename(table, `${table}_away`);
    try {
      const res = await call(POST, { method: "POST", json: [{ metric: "fault_total", samples: [[t(0), 1], [t(10), 2]] }] });
      expect(res.status).toBe(503);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(/nothing from this request was stored/);
    } finally {
      await rename(`${table}_away`, table);
    }
    expect(await stored()).toEqual(before);
    const text = await (await call(metricsRoute)).text();
    expect(text).toMatch(/^steadystate_ingest_requests_rejected_total\{format="json",status="503"\} 1$/m);
    expect(text).toMatch(/^steadystate_ingest_samples_accepted_total\{format="json"\} \d+$/m);
    expect(text).toMatch(/^steadystate_ingest_samples_dropped_total\{format="json",reason="nan"\} 1$/m);
  });

  it.runIf(isSqlite())("keeps acknowledged samples while the rollups cannot be written, and applies them exactly once after", async () => {
    const before = await stored();
    await db().$executeRawUnsafe('ALTER TABLE "Rollup1h" RENAME TO "Rollup1h_away"');
    const read = () => call(seriesRoute, { path: `/api/series?metric=late_total&start=${new Date(t(0)).toISOString()}&end=${new Date(t(120)).toISOString()}` });
    try {
      const res = await call(POST, { method: "POST", json: [{ metric: "late_total", samples: [[t(0), 1], [t(10), 4]] }] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ series: 1, accepted: 2, dropped: {} });
      await expect(flushIngest()).rejects.toThrow(/Rollup1h/);
      // Reads would miss acknowledged samples, so they answer 503 rather than a silent gap.
      expect((await read()).status).toBe(503);
      const retry = await call(POST, { method: "POST", json: [{ metric: "late_total", samples: [[t(0), 1], [t(10), 4]] }] });
      expect(await retry.json()).toEqual({ series: 1, accepted: 0, dropped: { duplicate: 1, "out-of-order": 1 } });
    } finally {
      await db().$executeRawUnsafe('ALTER TABLE "Rollup1h_away" RENAME TO "Rollup1h"');
    }
    expect(await stored()).toEqual({ series: before.series + 1, minutes: before.minutes + 1 });
    const body = await (await read()).json();
    expect(body.series[0].minutes).toEqual([{ start: new Date(t(0)).toISOString(), increase: 3, deltas: 1, count: 2, sum: 5, min: 1, max: 4, last: 4 }]);
    expect(await unappliedLogRows()).toBe(0);
  });
});
