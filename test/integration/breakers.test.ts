import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as detailRoute } from "@/app/api/breakers/[id]/route";
import { POST as eventsPost } from "@/app/api/breakers/events/route";
import { GET as listRoute } from "@/app/api/breakers/route";
import { GET as eventsRoute } from "@/app/api/events/route";
import { POST as ingestPost } from "@/app/api/ingest/route";
import { POST as otlpPost } from "@/app/otlp/v1/metrics/route";
import { db } from "@/lib/server/db";
import { createService } from "@/lib/server/services/services";
import { parseExposition, withValues } from "../support/exposition";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

// Recent enough that the breakers are not stale (silent > 5 minutes reads as unknown).
const T0 = Math.floor(Date.now() / 1000) * 1000 - 2 * 60_000;
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const fixture = (name: string) => readFileSync(path.join("test/fixtures/breakers", `${name}.prom`), "utf8");

type Summary = {
  id: string; key: string; name: string; dependency: string; state: string; library: string; failureRate: number | null; failureThreshold: number | null; failureThresholdSource: string | null;
  rejectedTotal: number; transitions: { at: string; from: string | null; to: string }[];
};
async function breakers(query = ""): Promise<Summary[]> {
  const res = await call(listRoute, { path: `/api/breakers?range=1h${query}` });
  expect(res.status).toBe(200);
  return ((await res.json()) as { breakers: Summary[] }).breakers;
}


async function send(texts: string[], target: Record<string, string>, from = 0) {
  for (const [i, text] of texts.entries()) {
    const res = await call(ingestPost, { method: "POST", json: parseExposition(text, T0 + (from + i) * 15_000, target) });
    expect(res.status).toBe(200);
  }
}

async function rejectedInRange(id: string): Promise<number | null> {
  const detail = await call(detailRoute, { path: `/api/breakers/${id}?range=1h`, params: { id } });
  return ((await detail.json()) as { breaker: { rejectedInRange: number | null } }).breaker.rejectedInRange;
}

// The recorded texts are single scrapes of healthy processes; the scrapes before and after are
// the same text with some values changed (withValues refuses a line the exporter did not print).
describe("breakers from recorded exposition text", () => {
  it("resilience4j (Spring Boot /actuator/prometheus): state gauges, failure rate, not-permitted calls", async () => {
    const recorded = fixture("resilience4j-spring-boot");
    const state = (s: string) => `resilience4j_circuitbreaker_state{name="proxyService",state="${s}",}`;
    const rate = 'resilience4j_circuitbreaker_failure_rate{name="proxyService",}';
    const rejected = 'resilience4j_circuitbreaker_not_permitted_calls_total{kind="not_permitted",name="proxyService",}';
    const only = (s: string) => Object.fromEntries(["closed", "open", "half_open"].map((x) => [state(x), x === s ? "1.0" : "0.0"]));
    await send([
      recorded,
      withValues(recorded, { ...only("open"), [rate]: "60.0", [rejected]: "3.0" }),
      withValues(recorded, { ...only("half_open"), [rate]: "60.0", [rejected]: "17.0" }),
      withValues(recorded, { [rejected]: "17.0" }),
    ], { job: "proxy-client", instance: "proxy-client:8080" });
    const [b] = await breakers();
    expect(b).toMatchObject({ key: "proxy-client/proxyService/proxyService", library: "resilience4j", state: "closed", rejectedTotal: 17, failureRate: null });
    // No configured threshold is in the metrics; resilience4j's default is shown as one.
    expect(b).toMatchObject({ failureThreshold: 50, failureThresholdSource: "default" });
    expect(await rejectedInRange(b!.id)).toBe(17);
    expect(b!.transitions.map((t) => [t.at, t.from, t.to])).toEqual([
      [at(15), "closed", "open"],
      [at(30), "open", "half-open"],
      [at(45), "half-open", "closed"],
    ]);
  });

  it("Envoy under Istio (cluster_name): an ejecting sidecar starts open; resource limits per cluster", async () => {
    const recorded = fixture("envoy-istio");
    const ejected = 'envoy_cluster_outlier_detection_ejections_active{cluster_name="outbound|8000||httpbin.target.svc.cluster.local"}';
    const rqOpen = 'envoy_cluster_circuit_breakers_default_rq_open{cluster_name="xds-grpc"}';
    await send([recorded, withValues(recorded, { [rqOpen]: "1" }), withValues(recorded, { [ejected]: "0" })], { job: "sidecar", instance: "curl-1:15090" });
    const list = await breakers("&service=sidecar");
    expect(list.map((b) => b.key).sort()).toEqual([
      "sidecar/httpbin.target.svc.cluster.local:8000/outlier ejection",
      "sidecar/xds-grpc/default_cx limit",
      "sidecar/xds-grpc/default_cx_pool limit",
      "sidecar/xds-grpc/default_rq limit",
      "sidecar/xds-grpc/default_rq_pending limit",
      "sidecar/xds-grpc/default_rq_retry limit",
    ]);
    const outlier = list.find((b) => b.key.endsWith("outlier ejection"))!;
    expect(outlier.transitions.map((t) => [t.at, t.from, t.to])).toEqual([[at(30), "open", "closed"]]);
    const rq = list.find((b) => b.key.endsWith("default_rq limit"))!;
    expect(rq.transitions.map((t) => [t.at, t.to])).toEqual([[at(15), "open"], [at(30), "closed"]]);
    expect(outlier).toMatchObject({ failureThreshold: null, failureThresholdSource: null });
  });

  it("Envoy's default tags (envoy_cluster_name, Cilium and Contour dumps): one closed breaker per limit and cluster", async () => {
    await send([fixture("envoy-cilium")], { job: "cilium-envoy" });
    await send([fixture("envoy-contour")], { job: "contour-envoy" });
    const cilium = await breakers("&service=cilium-envoy");
    expect(cilium).toHaveLength(14); // rq_retry (default) for 7 clusters and cx (high) for 7
    expect(cilium.map((b) => b.key)).toContain("cilium-envoy/default/details_9080/high_cx limit");
    const contour = await breakers("&service=contour-envoy");
    expect(contour.map((b) => b.name).sort()).toEqual(["default_cx limit", "default_cx_pool limit", "high_cx_pool limit", "high_rq_retry limit"]);
    for (const b of [...cilium, ...contour]) expect(b).toMatchObject({ state: "closed", transitions: [] });
    expect(contour[0]!.dependency).toBe("projectcontour_service-stats_9001");
  });

  it("opossum's reject counter, created at its first rejection, counts its first value in the range", async () => {
    const circuit = (event: string, v: number) => `circuit{name="fetchUser",event="${event}"} ${v}`;
    await send([
      [circuit("fire", 10), circuit("success", 10)].join("\n"),
      [circuit("fire", 20), circuit("success", 12), circuit("failure", 8), circuit("open", 1), circuit("reject", 4)].join("\n"),
      [circuit("fire", 22), circuit("success", 12), circuit("failure", 8), circuit("open", 1), circuit("reject", 6)].join("\n"),
    ], { job: "web" });
    const [b] = await breakers();
    // 4 from the series' first sample (the breaker was scraped before it existed) + 2.
    expect(b).toMatchObject({ key: "web/fetchUser/fetchUser", state: "open", rejectedTotal: 6 });
    expect(await rejectedInRange(b!.id)).toBe(6);
  });

  it("counts a series sent twice in one request once (remote write may split a series' samples)", async () => {
    await send(['circuit{name="fetchUser",event="fire"} 10'], { job: "web" });
    const reject = (s: number, v: number) => ({ metric: "circuit", labels: { name: "fetchUser", event: "reject", job: "web" }, samples: [[T0 + s * 1000, v]] });
    const res = await call(ingestPost, { method: "POST", json: [reject(15, 4), reject(30, 6)] });
    expect(res.status).toBe(200);
    const [b] = await breakers();
    expect(b).toMatchObject({ key: "web/fetchUser/fetchUser", rejectedTotal: 6 });
    expect(await rejectedInRange(b!.id)).toBe(6);
  });

  it("does not count a reject counter's first value of unknown time (first scrape of the process)", async () => {
    const circuit = (event: string, v: number) => `circuit{name="fetchUser",event="${event}"} ${v}`;
    await send([
      [circuit("fire", 20), circuit("open", 1), circuit("reject", 4)].join("\n"),
      [circuit("fire", 22), circuit("open", 1), circuit("reject", 6)].join("\n"),
    ], { job: "web" });
    const [b] = await breakers();
    expect(b).toMatchObject({ state: "open", rejectedTotal: 2 });
    expect(await rejectedInRange(b!.id)).toBe(2);
  });

  // Written from Polly's documentation, not recorded: no Polly exposition text was found (test/fixtures/breakers/README.md).
  it("Polly v8: OnCircuit* counters that appear at their first event", async () => {
    await send(["polly-1-closed", "polly-2-open", "polly-3-half-open", "polly-4-closed"].map(fixture), { job: "catalog-api", instance: "catalog-0:8080" });
    const [b] = await breakers();
    expect(b).toMatchObject({ key: "catalog-api/catalog-client-standard/standard-circuit-breaker", library: "polly", state: "closed" });
    expect(b!.transitions.map((t) => [t.at, t.to])).toEqual([[at(15), "open"], [at(30), "half-open"], [at(45), "closed"]]);
  });

  it("Polly v8 through OTLP (.NET's OTLP exporter): the names as the meter gives them", async () => {
    const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
    const point = (event: string, strategy: string, s: number, count: number) => ({
      attributes: [str("event.name", event), str("event.severity", "Warning"), str("pipeline.name", "catalog-client-standard"), str("strategy.name", strategy)],
      startTimeUnixNano: String(T0 * 1e6),
      timeUnixNano: String((T0 + s * 1000) * 1e6),
      asInt: String(count),
    });
    const payload = (s: number, points: ReturnType<typeof point>[]) => ({
      resourceMetrics: [{
        resource: { attributes: [str("service.name", "catalog-api")] },
        scopeMetrics: [{ scope: { name: "Polly" }, metrics: [{ name: "resilience.polly.strategy.events", sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: points } }] }],
      }],
    });
    const exports = [
      payload(0, [point("OnRetry", "standard-retry", 0, 3)]),
      payload(15, [point("OnRetry", "standard-retry", 15, 9), point("OnCircuitOpened", "standard-circuit-breaker", 15, 1)]),
      payload(30, [point("OnRetry", "standard-retry", 30, 9), point("OnCircuitOpened", "standard-circuit-breaker", 30, 1), point("OnCircuitHalfOpened", "standard-circuit-breaker", 30, 1)]),
    ];
    for (const body of exports) {
      const res = await call(otlpPost, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      expect(res.status).toBe(200);
    }
    const [b] = await breakers();
    expect(b).toMatchObject({ key: "catalog-api/catalog-client-standard/standard-circuit-breaker", library: "polly", state: "half-open" });
    expect(b!.transitions.map((t) => [t.at, t.to])).toEqual([[at(15), "open"], [at(30), "half-open"]]);
  });

  it("writes each transition as a breaker event with the owning service, and a retried scrape adds nothing", async () => {
    await createService({ slug: "proxy-client", name: "Proxy client" });
    const recorded = fixture("resilience4j-spring-boot");
    const opened = withValues(recorded, { 'resilience4j_circuitbreaker_state{name="proxyService",state="closed",}': "0.0", 'resilience4j_circuitbreaker_state{name="proxyService",state="open",}': "1.0" });
    await send([recorded, opened], { job: "proxy-client" });
    await send([recorded, opened], { job: "proxy-client" });
    const res = await call(eventsRoute, { path: `/api/events?from=${at(-60)}&to=${at(600)}&kind=breaker` });
    const { events } = (await res.json()) as { events: { at: string; subject: string; service: string; detail: { from: string; to: string } }[] };
    expect(events).toEqual([expect.objectContaining({ at: at(15), subject: "proxy-client/proxyService/proxyService", service: "proxy-client", detail: expect.objectContaining({ from: "closed", to: "open" }) })]);
  });

  it("lists open breakers first and filters by state", async () => {
    await send([fixture("envoy-istio")], { job: "sidecar" });
    const list = await breakers();
    expect(list[0]!.state).toBe("open");
    expect(list.at(-1)!.state).toBe("closed");
    expect((await breakers("&state=open")).map((b) => b.key)).toEqual(["sidecar/httpbin.target.svc.cluster.local:8000/outlier ejection"]);
  });
});

describe("POST /api/breakers/events", () => {
  const report = (state: string, s: number) => ({ breaker: "pg-pool", service: "billing", dependency: "postgres", state, at: at(s) });

  it("records reported states as transitions, a repeated state adding none", async () => {
    const res = await call(eventsPost, { method: "POST", json: [report("closed", 0), report("closed", 10), report("open", 20), report("half-open", 50), report("closed", 55)] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ events: 5, transitions: 3 });
    const again = await call(eventsPost, { method: "POST", json: report("open", 20) });
    expect(await again.json()).toEqual({ events: 1, transitions: 0 });
    const [b] = await breakers();
    const detail = await call(detailRoute, { path: `/api/breakers/${b!.id}?range=1h`, params: { id: b!.id } });
    const body = (await detail.json()) as { breaker: { state: string; stats: { openMs: number; halfOpenMs: number; transitions: number } } };
    expect(body.breaker.state).toBe("closed");
    expect(body.breaker.stats).toMatchObject({ openMs: 30_000, halfOpenMs: 5_000, transitions: 3 });
  });

  it("rejects invalid reports field by field and stores nothing", async () => {
    const res = await call(eventsPost, { method: "POST", json: [report("closed", 0), { ...report("ajar", 5), breaker: "a/b" }] });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as ErrorBody).error.issues!.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["1.breaker", "1.state"]));
    expect(await db().breaker.count()).toBe(0);
  });

  it("needs a token", async () => {
    expect((await call(eventsPost, { method: "POST", json: report("open", 0), token: null })).status).toBe(401);
  });

  it("answers 404 for an unknown breaker", async () => {
    expect((await call(detailRoute, { path: "/api/breakers/nope", params: { id: "nope" } })).status).toBe(404);
  });
});
