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
import { parseExposition } from "../support/exposition";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

// Recent enough that the breakers are not stale (silent > 5 minutes reads as unknown).
const T0 = Math.floor(Date.now() / 1000) * 1000 - 2 * 60_000;
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const fixture = (name: string) => readFileSync(path.join("test/fixtures/breakers", `${name}.prom`), "utf8");

type Summary = { id: string; key: string; state: string; library: string; failureRate: number | null; rejectedTotal: number; transitions: { at: string; from: string | null; to: string }[] };
async function breakers(query = ""): Promise<Summary[]> {
  const res = await call(listRoute, { path: `/api/breakers?range=1h${query}` });
  expect(res.status).toBe(200);
  return ((await res.json()) as { breakers: Summary[] }).breakers;
}

async function scrape(files: string[], target: Record<string, string>) {
  for (const [i, file] of files.entries()) {
    const res = await call(ingestPost, { method: "POST", json: parseExposition(fixture(file), T0 + i * 15_000, target) });
    expect(res.status).toBe(200);
  }
}

describe("breakers from recorded exposition text", () => {
  it("resilience4j: state gauges, failure rate and not-permitted calls", async () => {
    await scrape(["resilience4j-1-closed", "resilience4j-2-open", "resilience4j-3-half-open", "resilience4j-4-closed"], { job: "spring", instance: "checkout-0:8080" });
    const [b] = await breakers();
    expect(b).toMatchObject({ key: "checkout/inventoryClient/inventoryClient", library: "resilience4j", state: "closed", rejectedTotal: 17, failureRate: null });
    const detail = await call(detailRoute, { path: `/api/breakers/${b!.id}?range=1h`, params: { id: b!.id } });
    expect(((await detail.json()) as { breaker: { rejectedInRange: number } }).breaker.rejectedInRange).toBe(17);
    expect(b!.transitions.map((t) => [t.at, t.from, t.to])).toEqual([
      [at(15), "closed", "open"],
      [at(30), "open", "half-open"],
      [at(45), "half-open", "closed"],
    ]);
  });

  it("Polly v8: OnCircuit* counters that appear at their first event", async () => {
    await scrape(["polly-1-closed", "polly-2-open", "polly-3-half-open", "polly-4-closed"], { job: "catalog-api", instance: "catalog-0:8080" });
    const [b] = await breakers();
    expect(b).toMatchObject({ key: "catalog-api/catalog-client-standard/standard-circuit-breaker", library: "polly", state: "closed" });
    expect(b!.transitions.map((t) => [t.at, t.to])).toEqual([[at(15), "open"], [at(30), "half-open"], [at(45), "closed"]]);
  });

  it("Envoy: circuit-breaker and outlier-ejection gauges are breakers per cluster", async () => {
    await scrape(["envoy-1-closed", "envoy-2-open", "envoy-3-closed"], { job: "edge-proxy", instance: "envoy-0:9901" });
    const list = await breakers("&dependency=payments");
    const outlier = list.find((b) => b.key === "edge-proxy/payments/outlier ejection")!;
    const rq = list.find((b) => b.key === "edge-proxy/payments/default_rq limit")!;
    for (const b of [outlier, rq]) expect(b.transitions.map((t) => [t.at, t.to])).toEqual([[at(15), "open"], [at(30), "closed"]]);
    expect(list.filter((b) => b.transitions.length === 0).length).toBe(list.length - 2);
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
    await createService({ slug: "checkout", name: "Checkout" });
    await scrape(["resilience4j-1-closed", "resilience4j-2-open"], { job: "spring" });
    await scrape(["resilience4j-1-closed", "resilience4j-2-open"], { job: "spring" });
    const res = await call(eventsRoute, { path: `/api/events?from=${at(-60)}&to=${at(600)}&kind=breaker` });
    const { events } = (await res.json()) as { events: { at: string; subject: string; service: string; detail: { from: string; to: string } }[] };
    expect(events).toEqual([expect.objectContaining({ at: at(15), subject: "checkout/inventoryClient/inventoryClient", service: "checkout", detail: expect.objectContaining({ from: "closed", to: "open" }) })]);
  });

  it("lists open breakers first and filters by state", async () => {
    await scrape(["envoy-1-closed", "envoy-2-open"], { job: "edge-proxy" });
    const list = await breakers();
    expect(list[0]!.state).toBe("open");
    expect(list.at(-1)!.state).toBe("closed");
    expect((await breakers("&state=open")).map((b) => b.key).sort()).toEqual(["edge-proxy/payments/default_rq limit", "edge-proxy/payments/outlier ejection"]);
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
