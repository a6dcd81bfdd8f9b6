import { describe, expect, it } from "vitest";
import { type BreakerSignal, envoyCluster, failureThresholdOf, isBreakerMetric, readBreakerSamples, recogniseBreakerSeries, rollupCountsFirstSample, stateFromTotals } from "@/lib/domain/breaker-mapping";

describe("isBreakerMetric", () => {
  it.each([
    ["resilience4j_circuitbreaker_state", true],
    ["resilience4j_circuitbreaker_not_permitted_calls_total", true],
    ["circuit", true],
    ["myapp_circuit", true],
    ["resilience_polly_strategy_events_total", true],
    ["resilience_polly_strategy_events", true],
    ["envoy_cluster_circuit_breakers_default_rq_open", true],
    ["envoy_cluster_outlier_detection_ejections_active", true],
    ["http_requests_total", false],
    ["circuit_perf", false],
    ["envoy_cluster_upstream_rq_total", false],
  ])("%s → %s", (metric, expected) => expect(isBreakerMetric(metric)).toBe(expected));
});

describe("recogniseBreakerSeries", () => {
  it.each<[string, string, Record<string, string>, object | null]>([
    ["resilience4j state", "resilience4j_circuitbreaker_state", { application: "checkout", name: "inventory", state: "half_open" },
      { service: "checkout", dependency: "inventory", name: "inventory", library: "resilience4j", signal: { kind: "state-gauge", state: "half-open" } }],
    ["resilience4j forced_open is open", "resilience4j_circuitbreaker_state", { job: "checkout", name: "inv", state: "forced_open" },
      { service: "checkout", dependency: "inv", name: "inv", library: "resilience4j", signal: { kind: "state-gauge", state: "open" } }],
    ["resilience4j disabled is closed", "resilience4j_circuitbreaker_state", { job: "c", name: "inv", state: "disabled" },
      { service: "c", dependency: "inv", name: "inv", library: "resilience4j", signal: { kind: "state-gauge", state: "closed" } }],
    ["resilience4j unknown state", "resilience4j_circuitbreaker_state", { job: "c", name: "inv", state: "weird" }, null],
    ["resilience4j failure rate", "resilience4j_circuitbreaker_failure_rate", { job: "c", name: "inv" },
      { service: "c", dependency: "inv", name: "inv", library: "resilience4j", signal: { kind: "failure-rate" } }],
    ["resilience4j not permitted", "resilience4j_circuitbreaker_not_permitted_calls_total", { job: "c", name: "inv", kind: "not_permitted" },
      { service: "c", dependency: "inv", name: "inv", library: "resilience4j", signal: { kind: "rejected-counter" } }],
    ["resilience4j other metric", "resilience4j_circuitbreaker_buffered_calls", { job: "c", name: "inv" }, null],
    ["resilience4j without a service", "resilience4j_circuitbreaker_state", { name: "inv", state: "open" }, null],
    ["opossum open", "circuit", { job: "web", name: "fetchUser", event: "open" },
      { service: "web", dependency: "fetchUser", name: "fetchUser", library: "opossum", signal: { kind: "transition-counter", to: "open" } }],
    ["opossum halfOpen with a dependency label", "circuit", { service: "web", dependency: "users-api", name: "fetchUser", event: "halfOpen" },
      { service: "web", dependency: "users-api", name: "fetchUser", library: "opossum", signal: { kind: "transition-counter", to: "half-open" } }],
    ["opossum reject", "circuit", { job: "web", name: "f", event: "reject" },
      { service: "web", dependency: "f", name: "f", library: "opossum", signal: { kind: "rejected-counter" } }],
    ["opossum fire is the breaker's own call", "circuit", { job: "web", name: "f", event: "fire" },
      { service: "web", dependency: "f", name: "f", library: "opossum", signal: { kind: "calls" } }],
    ["opossum without an event", "circuit", { job: "web", name: "f" }, null],
    ["polly opened", "resilience_polly_strategy_events_total", { job: "api", event_name: "OnCircuitOpened", pipeline_name: "catalog", strategy_name: "cb" },
      { service: "api", dependency: "catalog", name: "cb", library: "polly", signal: { kind: "transition-counter", to: "open" } }],
    ["polly via OTLP", "resilience_polly_strategy_events", { service: "api", event_name: "OnCircuitHalfOpened", pipeline_name: "catalog" },
      { service: "api", dependency: "catalog", name: "catalog", library: "polly", signal: { kind: "transition-counter", to: "half-open" } }],
    ["polly retry is activity in the pipeline's scope", "resilience_polly_strategy_events_total", { job: "api", event_name: "OnRetry", pipeline_name: "catalog", strategy_name: "retry" },
      { service: "api", dependency: "catalog", name: "retry", library: "polly", signal: { kind: "activity" } }],
    ["envoy rq limit", "envoy_cluster_circuit_breakers_default_rq_open", { job: "envoy", envoy_cluster_name: "payments" },
      { service: "envoy", dependency: "payments", name: "default_rq limit", library: "envoy", signal: { kind: "open-gauge" } }],
    ["envoy outlier", "envoy_cluster_outlier_detection_ejections_active", { job: "envoy", envoy_cluster_name: "payments" },
      { service: "envoy", dependency: "payments", name: "outlier ejection", library: "envoy", signal: { kind: "open-gauge" } }],
    ["envoy remaining is not", "envoy_cluster_circuit_breakers_default_remaining_rq", { job: "envoy", envoy_cluster_name: "p" }, null],
    // Istio names the cluster label cluster_name (recorded in test/fixtures/breakers/envoy-istio.prom).
    ["envoy under istio", "envoy_cluster_outlier_detection_ejections_active", { job: "sidecar", cluster_name: "outbound|8000||httpbin.target.svc.cluster.local" },
      { service: "sidecar", dependency: "httpbin.target.svc.cluster.local:8000", name: "outlier ejection", library: "envoy", signal: { kind: "open-gauge" } }],
    ["envoy outlier counters are not", "envoy_cluster_outlier_detection_ejections_enforced_consecutive_5xx", { job: "sidecar", cluster_name: "xds-grpc" }, null],
  ])("%s", (_name, metric, labels, expected) => expect(recogniseBreakerSeries(metric, labels)).toEqual(expected));
});

const counter: BreakerSignal = { kind: "transition-counter", to: "open" };
const s = (...pairs: [number, number][]) => pairs.map(([t, v]) => ({ t, v }));

describe("readBreakerSamples", () => {
  it("turns counter increases into transitions at the sample's time", () => {
    expect(readBreakerSamples(counter, { t: 0, v: 2 }, s([15, 2], [30, 3], [45, 3]), true).observations).toEqual([{ at: 30, state: "open", isTransition: true }]);
  });
  it("counts a counter's first sample from 0 when the breaker is known (label set created at first increment)", () => {
    expect(readBreakerSamples(counter, null, s([15, 1]), true).observations).toEqual([{ at: 15, state: "open", isTransition: true }]);
  });
  it("takes no transition from a counter of a breaker never seen before", () => {
    expect(readBreakerSamples(counter, null, s([15, 4], [30, 4]), false).observations).toEqual([]);
  });
  it("treats a drop as a reset: the new value is the increase", () => {
    expect(readBreakerSamples(counter, { t: 0, v: 9 }, s([15, 1]), true).observations).toEqual([{ at: 15, state: "open", isTransition: true }]);
    expect(readBreakerSamples({ kind: "rejected-counter" }, { t: 0, v: 9 }, s([15, 2], [30, 7]), true).rejected).toBe(7);
  });
  it("reads resilience4j's state gauges: only the one at 1 says anything", () => {
    const open: BreakerSignal = { kind: "state-gauge", state: "open" };
    expect(readBreakerSamples(open, null, s([15, 0], [30, 1]), false).observations).toEqual([{ at: 30, state: "open", isTransition: false }]);
  });
  it("reads Envoy's open gauges as open above 0, else closed", () => {
    expect(readBreakerSamples({ kind: "open-gauge" }, null, s([15, 0], [30, 2]), false).observations.map((o) => o.state)).toEqual(["closed", "open"]);
  });
  it("keeps the last failure rate, and -1 (too few calls) as none", () => {
    expect(readBreakerSamples({ kind: "failure-rate" }, null, s([15, 40], [30, 62.5]), false).failureRate).toBe(62.5);
    expect(readBreakerSamples({ kind: "failure-rate" }, null, s([15, 40], [30, -1]), false).failureRate).toBeNull();
  });
  it("reads nothing from activity", () => {
    expect(readBreakerSamples({ kind: "activity" }, { t: 0, v: 1 }, s([15, 5]), true)).toEqual({ observations: [], rejected: 0 });
  });
  it("skips NaN samples", () => {
    expect(readBreakerSamples(counter, { t: 0, v: 1 }, s([15, Number.NaN], [30, 2]), true).observations).toEqual([{ at: 30, state: "open", isTransition: true }]);
  });
});

describe("a rejection counter's first sample", () => {
  const rejected: BreakerSignal = { kind: "rejected-counter" };
  it("counts a counter created at its first rejection when the breaker was heard from before", () => {
    // opossum's reject series appears with 4, then 6: 4 (from 0) + 2.
    const r = readBreakerSamples(rejected, null, s([15_000, 4], [30_000, 6]), true);
    expect(r.rejected).toBe(6);
    expect(r.firstCounted).toEqual({ t: 15_000, v: 4 });
  });
  it("does not count a first value of unknown time (a breaker never heard of)", () => {
    const r = readBreakerSamples(rejected, null, s([15_000, 4], [30_000, 6]), false);
    expect(r.rejected).toBe(2);
    expect(r.firstCounted).toBeUndefined();
  });
  it("leaves a first sample with a recent start time to the rollups, which count it", () => {
    const r = readBreakerSamples(rejected, null, [{ t: 600_000, v: 4, start: 420_000 }], false);
    expect(r.rejected).toBe(4);
    expect(r.firstCounted).toBeUndefined();
  });
  it("records nothing for a first sample at 0 or a series already stored", () => {
    expect(readBreakerSamples(rejected, null, s([15_000, 0]), true).firstCounted).toBeUndefined();
    expect(readBreakerSamples(rejected, { t: 0, v: 1 }, s([15_000, 4]), true)).toEqual({ observations: [], rejected: 3 });
  });
  it.each([
    [{ t: 600_000 }, false],
    [{ t: 600_000, start: 300_000 }, true], // exactly 5 minutes before
    [{ t: 600_000, start: 299_999 }, false],
    [{ t: 600_000, start: 600_001 }, false],
  ])("rollupCountsFirstSample(%j) → %s", (sample, expected) => expect(rollupCountsFirstSample(sample)).toBe(expected));
});

describe("envoyCluster", () => {
  it.each([
    [{ envoy_cluster_name: "default/details_9080" }, "default/details_9080"],
    [{ cluster_name: "xds-grpc" }, "xds-grpc"],
    [{ cluster_name: "outbound|80||ubuntu-service.istio-test.svc.cluster.local" }, "ubuntu-service.istio-test.svc.cluster.local:80"],
    [{ cluster_name: "outbound|9080|v2|reviews.default.svc.cluster.local" }, "reviews.default.svc.cluster.local:9080 (v2)"],
    [{ cluster_name: "inbound|8080||" }, "inbound|8080||"],
    [{}, ""],
  ])("%j → %s", (labels, expected) => expect(envoyCluster(labels)).toBe(expected));
});

describe("failureThresholdOf", () => {
  it.each([
    [{ library: "api", failureThreshold: 25 }, { failureThreshold: 25, failureThresholdSource: "reported" }],
    [{ library: "resilience4j", failureThreshold: null }, { failureThreshold: 50, failureThresholdSource: "default" }],
    [{ library: "polly", failureThreshold: null }, { failureThreshold: 10, failureThresholdSource: "default" }],
    [{ library: "envoy", failureThreshold: null }, { failureThreshold: null, failureThresholdSource: null }],
    [{ library: "api", failureThreshold: null }, { failureThreshold: null, failureThresholdSource: null }],
  ])("%j", (b, expected) => expect(failureThresholdOf(b)).toEqual(expected));
});

describe("stateFromTotals", () => {
  it.each([
    [{}, "closed"],
    [{ open: 1 }, "open"],
    [{ open: 1, "half-open": 1 }, "half-open"],
    [{ open: 1, "half-open": 1, closed: 1 }, "closed"],
    [{ open: 3, "half-open": 2, closed: 1 }, "open"], // a probe failed: open again
    [{ open: 3, "half-open": 3, closed: 2 }, "half-open"],
  ] as const)("%j → %s", (totals, expected) => expect(stateFromTotals(totals)).toBe(expected));
});
