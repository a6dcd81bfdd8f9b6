import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/series/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { call, type ErrorBody } from "../support/http";

const T = Date.parse("2026-11-23T10:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("GET /api/series", () => {
  it("returns one metric's series with the minutes in range", async () => {
    await storeSamples([
      { metric: "req_total", labels: { code: "500" }, samples: [{ t: T, v: 1 }, { t: T + 60_000, v: 4 }, { t: T + 120_000, v: 6 }] },
      { metric: "req_total", labels: { code: "200" }, samples: [{ t: T, v: 10 }, { t: T + 60_000, v: 90 }] },
      { metric: "other_total", labels: {}, samples: [{ t: T, v: 1 }] },
    ]);
    const res = await call(GET, { path: `/api/series?metric=req_total&start=${iso(T + 60_000)}&end=${iso(T + 120_000)}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.series.map((s: { key: string }) => s.key)).toEqual(['req_total{code="200"}', 'req_total{code="500"}']);
    expect(body.series[0]).toMatchObject({ labels: { code: "200" }, minutes: [{ start: "2026-11-23T10:01:00.000Z", increase: 80, count: 1 }] });
    expect(body.series[1].minutes).toEqual([{ start: "2026-11-23T10:01:00.000Z", increase: 3, deltas: 1, count: 1, sum: 4, min: 4, max: 4, last: 4 }]);
  });

  it.each([
    ["metric=bad-name&start=2026-11-23T10:00:00Z&end=2026-11-23T11:00:00Z", "metric"],
    ["metric=a&start=yesterday&end=2026-11-23T11:00:00Z", "start"],
    ["metric=a&start=2026-11-23T11:00:00Z&end=2026-11-23T10:00:00Z", "end"],
    ["metric=a&start=2026-01-01T00:00:00Z&end=2026-11-23T10:00:00Z", "end"],
    ["start=2026-11-23T10:00:00Z&end=2026-11-23T11:00:00Z", "metric"],
  ])("rejects %s naming %s", async (query, field) => {
    const res = await call(GET, { path: `/api/series?${query}` });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.issues?.map((i) => i.path.join("."))).toContain(field);
  });
});
