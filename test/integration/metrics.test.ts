import { describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/metrics/route";
import { GET as list } from "@/app/api/services/route";
import { call } from "../support/http";

describe("GET /metrics", () => {
  it("exposes request and query durations and process metrics, all named steadystate_*", async () => {
    await call(list);
    const res = await call(metricsRoute);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^steadystate_http_request_duration_seconds_count\{route="\/api\/services",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^steadystate_db_query_duration_seconds_count\{model="Service",operation="findMany",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^steadystate_process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^steadystate_nodejs_eventloop_lag_seconds \d/m);
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !n?.startsWith("steadystate_"))).toEqual([]);
  });
});
