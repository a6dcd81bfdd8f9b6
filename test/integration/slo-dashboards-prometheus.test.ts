// The dashboards' Prometheus paths against Debian's Prometheus holding the same samples as the
// embedded store: budget sparklines, burn rates per step and histogram quantiles agree with the
// embedded figures within Prometheus' extrapolation; an unreachable source gives a clear mark.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeRemoteWrite } from "@/lib/server/ingest/decode/remote-write";
import { storeSamples, type StoreSeries } from "@/lib/server/ingest/store";
import { createDataSource } from "@/lib/server/repos/datasources";
import { listSlos } from "@/lib/server/repos/slos";
import { getSloActivity } from "@/lib/server/services/slo-activity";
import { budgetSparklines } from "@/lib/server/services/slo-sparklines";
import { createService } from "@/lib/server/services/services";
import { createSlo } from "@/lib/server/services/slos";
import { startPrometheus, type StartedPrometheus } from "../../scripts/prometheus-server.mjs";

const SCRAPE = 15_000;
const MIN = 60_000;
const H = 60 * MIN;
const STEPS = (6 * H) / SCRAPE;
const END = Math.floor(Date.now() / (5 * MIN)) * 5 * MIN - 10 * MIN;
const START = END - STEPS * SCRAPE;
const LES = [["0.1", 1], ["0.5", 6], ["1", 9], ["+Inf", 10]] as const;

/** 60 requests a scrape, 1 error in 30 scrapes; per scrape 10 observations spread over the buckets. */
function series(): StoreSeries[] {
  const times = Array.from({ length: STEPS + 1 }, (_, i) => START + i * SCRAPE);
  const job = { job: "pd" };
  return [
    { metric: "pd_requests_total", labels: job, samples: times.map((t, i) => ({ t, v: 60 * i })) },
    { metric: "pd_errors_total", labels: job, samples: times.map((t, i) => ({ t, v: Math.floor(i / 30) })) },
    ...LES.map(([le, n]) => ({ metric: "pd_seconds_bucket", labels: { ...job, le }, samples: times.map((t, i) => ({ t, v: n * i })) })),
    { metric: "pd_seconds_count", labels: job, samples: times.map((t, i) => ({ t, v: 10 * i })) },
  ];
}

let prometheus: StartedPrometheus;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-promdash-"));
  prometheus = await startPrometheus({ dir, args: ["--web.enable-remote-write-receiver"] });
  const body = encodeRemoteWrite(series().map((s) => ({ labels: { __name__: s.metric, ...s.labels }, samples: s.samples })));
  const res = await fetch(`${prometheus.url}/api/v1/write`, { method: "POST", body: new Uint8Array(body), headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" } });
  expect(res.status).toBe(204);
  await storeSamples(series());
  await createService({ slug: "pd", name: "PD" });
  await createDataSource({ name: "prom-dash", kind: "prometheus", url: prometheus.url, headers: {}, timeoutMs: 5_000 });
  await createDataSource({ name: "prom-down", kind: "prometheus", url: "http://127.0.0.1:9", headers: {}, timeoutMs: 500 });
  const ratio = { kind: "ratio" as const, bad: { metric: "pd_errors_total", matchers: { job: "pd" } }, total: { metric: "pd_requests_total", matchers: { job: "pd" } } };
  const latency = { kind: "latency" as const, histogram: "pd_seconds", matchers: { job: "pd" }, threshold: 0.5 };
  const base = { service: "pd", objective: "0.99", window: { kind: "rolling" as const, days: 7 }, labels: {} };
  await createSlo({ ...base, name: "embedded", sli: ratio });
  await createSlo({ ...base, name: "prometheus", sli: ratio, dataSource: "prom-dash" });
  await createSlo({ ...base, name: "latency", sli: latency, dataSource: "prom-dash" });
  await createSlo({ ...base, name: "down", sli: ratio, dataSource: "prom-down" });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const byName = async (name: string) => (await listSlos()).find((s) => s.name === name)!;

describe("dashboards on a Prometheus data source", () => {
  it("draw the budget sparkline from range queries, close to the embedded store's, and mark a source that is down", async () => {
    const now = new Date(END);
    const lines = await budgetSparklines(await listSlos(), now);
    const [embedded, prom, , down] = [await byName("embedded"), await byName("prometheus"), null, await byName("down")];
    const of = (id: string) => lines.find((l) => l.id === id)!;
    expect(of(prom.id).reason).toBeNull();
    expect(of(prom.id).remaining!.length).toBe(of(embedded.id).remaining!.length);
    // Same samples: 1 error in 1,800 requests against a 1% budget leaves about 94%.
    expect(of(prom.id).remaining!.at(-1)!).toBeCloseTo(of(embedded.id).remaining!.at(-1)!, 1);
    expect(of(down.id).remaining).toBeNull();
    expect(of(down.id).reason).toMatch(/Prometheus did not answer/);
  }, 30_000);

  it("give burn rates per step and p50/p90/p99 from sum by (le) (increase(…_bucket))", async () => {
    const latency = await byName("latency");
    const activity = await getSloActivity(latency.id, { from: new Date(END - 2 * H), to: new Date(END) }, new Date(END));
    expect(activity.duration).toMatchObject({ metric: "pd_seconds", source: "sli", threshold: 0.5 });
    const last = activity.duration!.points!.at(-1)!;
    // Per scrape 1 ≤ 0.1, 6 ≤ 0.5, 9 ≤ 1, 10 in all: p50 = 0.1 + 0.4 × (5 − 1)/5 = 0.42 whatever
    // the extrapolation (every bucket is scaled alike); p90 on the 1 s bound; p99 in +Inf → 1.
    expect(last.p50).toBeCloseTo(0.42, 6);
    expect(last.p90).toBeCloseTo(1, 6);
    expect(last.p99).toBe(1);
    // 40% of observations above 0.5 s against a 1% budget: about 40× in every window.
    expect(activity.points.at(-1)!.burnRates["1h"]).toBeCloseTo(40, 0);
  }, 30_000);
});
