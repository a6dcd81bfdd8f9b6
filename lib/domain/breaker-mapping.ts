/**
 * Circuit-breaker metrics as real libraries export them (architecture.md "Formats and names"),
 * recognised with no configuration: which series belongs to which breaker, and what it says.
 * Pure: ingest calls isBreakerMetric on every series, so it is a name check and nothing more.
 */
import type { CounterState } from "./counter-increase";
import { FIRST_SAMPLE_START_TOLERANCE_MS } from "./rollup";

export const BREAKER_STATES = ["closed", "open", "half-open"] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];
export const BREAKER_LIBRARIES = ["resilience4j", "opossum", "polly", "envoy", "api"] as const;
export type BreakerLibrary = (typeof BREAKER_LIBRARIES)[number];

/** What one series says about its breaker. */
export type BreakerSignal =
  /** resilience4j: one 0/1 gauge per state; the one at 1 is the current state. */
  | { kind: "state-gauge"; state: BreakerState | null }
  /** Envoy: a gauge above 0 means open (ejected hosts, a tripped resource limit), 0 closed. */
  | { kind: "open-gauge" }
  /** opossum, Polly: a counter of transitions into `to`; an increase means it happened. */
  | { kind: "transition-counter"; to: BreakerState }
  /** Calls refused because the breaker was open. */
  | { kind: "rejected-counter" }
  /** resilience4j's failure rate in percent; -1 until enough calls were recorded. */
  | { kind: "failure-rate" }
  /**
   * Another event of the same library and scope (opossum's fire or success, Polly's OnRetry): it
   * says nothing of the state, but shows the process was heard from before a breaker counter's
   * first sample, so that sample counts from 0 (see readBreakerSamples).
   */
  | { kind: "activity" }
  /** The breaker's own calls (opossum's fire, success, failure…): it exists; its state is unchanged. */
  | { kind: "calls" };

export type BreakerRef = { service: string; dependency: string; name: string; library: BreakerLibrary };
export type BreakerSeries = BreakerRef & { signal: BreakerSignal };

const RESILIENCE4J = "resilience4j_circuitbreaker_";
const ENVOY_CB = "envoy_cluster_circuit_breakers_";
const ENVOY_OUTLIER = "envoy_cluster_outlier_detection_ejections_active";
// Polly v8 through the Prometheus exporter has `_total`; through OTLP (names kept) it has not.
const POLLY = new Set(["resilience_polly_strategy_events_total", "resilience_polly_strategy_events"]);

/**
 * Could this metric be a breaker's? Cheap, since every ingested series is asked: a few string
 * comparisons. opossum-prometheus names its counter `<prefix>circuit`.
 */
export function isBreakerMetric(metric: string): boolean {
  return metric.startsWith(RESILIENCE4J) || metric.startsWith(ENVOY_CB) || metric === ENVOY_OUTLIER || POLLY.has(metric) || metric.endsWith("circuit");
}

/** The service a series comes from: an explicit label, Spring's `application`, else the scrape job. */
export function serviceOf(labels: Record<string, string>): string | null {
  return labels.service || labels.application || labels.service_name || labels.job || null;
}

const RESILIENCE4J_STATES: Record<string, BreakerState | null> = {
  closed: "closed",
  open: "open",
  half_open: "half-open",
  forced_open: "open",
  // Disabled and metrics-only breakers let every call through: closed, as far as callers can tell.
  disabled: "closed",
  metrics_only: "closed",
};

const ACTIVITY: BreakerSignal = { kind: "activity" };
const CALLS: BreakerSignal = { kind: "calls" };

const OPOSSUM_EVENTS: Record<string, BreakerSignal> = {
  open: { kind: "transition-counter", to: "open" },
  halfOpen: { kind: "transition-counter", to: "half-open" },
  close: { kind: "transition-counter", to: "closed" },
  reject: { kind: "rejected-counter" },
};

const POLLY_EVENTS: Record<string, BreakerSignal> = {
  OnCircuitOpened: { kind: "transition-counter", to: "open" },
  OnCircuitHalfOpened: { kind: "transition-counter", to: "half-open" },
  OnCircuitClosed: { kind: "transition-counter", to: "closed" },
};

function ref(labels: Record<string, string>, library: BreakerLibrary, name: string, dependency?: string) {
  const service = serviceOf(labels);
  if (!service || !name) return null;
  return { service, dependency: labels.dependency || dependency || name, name, library };
}

function resilience4j(metric: string, labels: Record<string, string>): BreakerSeries | null {
  const r = ref(labels, "resilience4j", labels.name ?? "");
  if (!r) return null;
  const suffix = metric.slice(RESILIENCE4J.length);
  if (suffix === "state") {
    if (!Object.hasOwn(RESILIENCE4J_STATES, labels.state ?? "")) return null;
    return { ...r, signal: { kind: "state-gauge", state: RESILIENCE4J_STATES[labels.state!]! } };
  }
  if (suffix === "failure_rate") return { ...r, signal: { kind: "failure-rate" } };
  if (suffix === "not_permitted_calls_total" || suffix === "not_permitted_calls") return { ...r, signal: { kind: "rejected-counter" } };
  return null;
}

/**
 * The upstream cluster of an Envoy stat. Plain Envoy's default tag extraction names the label
 * `envoy_cluster_name`; Istio's bootstrap names it `cluster_name` and its clusters
 * `outbound|<port>|<subset>|<host>`, shown as `<host>:<port>` (recorded in envoy-istio.prom).
 */
export function envoyCluster(labels: Record<string, string>): string {
  const raw = labels.envoy_cluster_name ?? labels.cluster_name ?? "";
  const istio = /^(outbound|inbound)\|(\d*)\|([^|]*)\|(.+)$/.exec(raw);
  if (!istio) return raw;
  const [, direction, port, subset, host] = istio;
  return `${direction === "inbound" ? "inbound " : ""}${host}${port ? `:${port}` : ""}${subset ? ` (${subset})` : ""}`;
}

function envoy(metric: string, labels: Record<string, string>): BreakerSeries | null {
  const cluster = envoyCluster(labels);
  if (metric === ENVOY_OUTLIER) {
    const r = ref(labels, "envoy", "outlier ejection", cluster);
    return r && { ...r, signal: { kind: "open-gauge" } };
  }
  // envoy_cluster_circuit_breakers_<priority>_<resource>_open: e.g. default_rq_pending_open.
  if (!metric.endsWith("_open")) return null;
  const limit = metric.slice(ENVOY_CB.length, -"_open".length);
  const r = ref(labels, "envoy", `${limit} limit`, cluster);
  return r && { ...r, signal: { kind: "open-gauge" } };
}

function polly(labels: Record<string, string>): BreakerSeries | null {
  if (!labels.event_name) return null;
  const signal = POLLY_EVENTS[labels.event_name] ?? ACTIVITY;
  const pipeline = labels.pipeline_name ?? "";
  const r = ref(labels, "polly", labels.strategy_name || pipeline, pipeline || undefined);
  return r && { ...r, signal };
}

function opossum(labels: Record<string, string>): BreakerSeries | null {
  if (!labels.event || labels.name === undefined) return null;
  const signal = OPOSSUM_EVENTS[labels.event] ?? CALLS;
  const r = ref(labels, "opossum", labels.name);
  return r && { ...r, signal };
}

/** The breaker a series belongs to and what it says, or null for every other series. */
export function recogniseBreakerSeries(metric: string, labels: Record<string, string>): BreakerSeries | null {
  if (metric.startsWith(RESILIENCE4J)) return resilience4j(metric, labels);
  if (metric.startsWith(ENVOY_CB) || metric === ENVOY_OUTLIER) return envoy(metric, labels);
  if (POLLY.has(metric)) return polly(labels);
  if (metric.endsWith("circuit")) return opossum(labels);
  return null;
}

/** A breaker seen in one state at `at` (gauges), or entering it at or just before `at` (counters). */
export type BreakerObservation = { at: number; state: BreakerState; isTransition: boolean };
/** failureRate: undefined when the samples say nothing of it, null when too few calls to tell. */
export type SeriesReading = {
  observations: BreakerObservation[];
  rejected: number;
  failureRate?: number | null;
  /**
   * The series' first sample when its value was counted from 0 although the rollups give it no
   * delta (they count a first sample only with a start time at most 5 minutes before it).
   */
  firstCounted?: { t: number; v: number };
};

/** Would the rollups count this first sample's value as an increase (slo-math.md: a start time inside the window)? */
export function rollupCountsFirstSample(sample: { t: number; start?: number }): boolean {
  return sample.start !== undefined && sample.start >= sample.t - FIRST_SAMPLE_START_TOLERANCE_MS && sample.start <= sample.t;
}

/**
 * What a series' new samples (sorted, after `prev`, the series' last sample before them) say.
 * A counter with no earlier sample started at 0 only if the breaker was already known: client
 * libraries create a label set at its first increment, so opossum's `open` series first appears
 * with 1 the moment the breaker first opens. For a breaker (and scope) never heard of before, the
 * count is history of unknown time and gives no transition. A first sample whose start time
 * (OTLP) is recent counts from 0 too, as the rollups count it.
 */
export function readBreakerSamples(
  signal: BreakerSignal,
  prev: CounterState | null,
  samples: readonly { t: number; v: number; start?: number }[],
  isKnownBreaker: boolean,
): SeriesReading {
  const reading: SeriesReading = { observations: [], rejected: 0 };
  const first = samples.find((s) => Number.isFinite(s.v));
  const isFromZero = !prev && first !== undefined && (isKnownBreaker || rollupCountsFirstSample(first));
  let last: number | null = prev ? prev.v : isFromZero ? 0 : null;
  if (isFromZero && first.v > 0 && !rollupCountsFirstSample(first)) reading.firstCounted = { t: first.t, v: first.v };
  for (const { t, v } of samples) {
    if (!Number.isFinite(v)) continue;
    const increase = last === null ? 0 : v >= last ? v - last : v; // below the last value: a reset
    last = v;
    switch (signal.kind) {
      case "state-gauge":
        if (v >= 0.5 && signal.state) reading.observations.push({ at: t, state: signal.state, isTransition: false });
        break;
      case "open-gauge":
        reading.observations.push({ at: t, state: v > 0 ? "open" : "closed", isTransition: false });
        break;
      case "transition-counter":
        if (increase > 0) reading.observations.push({ at: t, state: signal.to, isTransition: true });
        break;
      case "rejected-counter":
        reading.rejected += increase;
        break;
      case "failure-rate":
        reading.failureRate = v < 0 ? null : v;
        break;
      case "activity":
      case "calls":
        break;
    }
  }
  return reading;
}

/**
 * A breaker first seen with transition counters already counting (events of unknown time): its
 * state from how often it entered each state. It rests closed, trips open, probes half-open, and
 * the probe either closes it or opens it again.
 */
export function stateFromTotals(totals: Partial<Record<BreakerState, number>>): BreakerState {
  const opens = totals.open ?? 0;
  const halfOpens = totals["half-open"] ?? 0;
  const closes = totals.closed ?? 0;
  if (opens > halfOpens) return "open";
  return halfOpens > closes ? "half-open" : "closed";
}

/** Where a library counts the calls its open breaker refused (recogniseBreakerSeries picks the breaker's own). */
export const REJECTED_METRICS: Record<BreakerLibrary, readonly string[]> = {
  resilience4j: ["resilience4j_circuitbreaker_not_permitted_calls_total", "resilience4j_circuitbreaker_not_permitted_calls"],
  opossum: ["circuit"],
  polly: [], // Polly reports no event per refused call
  envoy: [], // upstream_rq_pending_overflow is per cluster, not per limit
  api: [],
};

/**
 * The libraries' default failure-rate thresholds, in percent. No exporter sends the configured
 * one (resilience4j shows `failureRateThreshold` only in Spring's /actuator/health, not in its
 * metrics; opossum-prometheus, Polly and Envoy send none), so unless the event API reported a
 * threshold, the default is what can be shown, and it is shown as a default.
 */
export const DEFAULT_FAILURE_THRESHOLD: Record<BreakerLibrary, number | null> = {
  resilience4j: 50, // failureRateThreshold
  opossum: 50, // errorThresholdPercentage
  polly: 10, // FailureRatio 0.1
  envoy: null, // Envoy trips on resource counts, not a failure rate
  api: null,
};

export type FailureThresholdSource = "reported" | "default";

/** The threshold to show against a breaker's failure rate, and whether it was sent or is the library's default. */
export function failureThresholdOf(b: { library: string; failureThreshold: number | null }): { failureThreshold: number | null; failureThresholdSource: FailureThresholdSource | null } {
  if (b.failureThreshold !== null) return { failureThreshold: b.failureThreshold, failureThresholdSource: "reported" };
  const fallback = (DEFAULT_FAILURE_THRESHOLD as Record<string, number | null | undefined>)[b.library] ?? null;
  return { failureThreshold: fallback, failureThresholdSource: fallback === null ? null : "default" };
}

export function breakerKey(ref: { service: string; dependency: string; name: string }): string {
  return `${ref.service}/${ref.dependency}/${ref.name}`;
}

/** Where a breaker lives: its series and its library's other events share it. */
export function breakerScope(ref: { service: string; dependency: string }): string {
  return `${ref.service}/${ref.dependency}`;
}
