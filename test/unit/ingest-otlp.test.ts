import type { HrTime } from "@opentelemetry/api";
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader, type MetricReaderOptions, type ResourceMetrics, type ViewOptions } from "@opentelemetry/sdk-metrics";
import { describe, expect, it } from "vitest";
import { decodeOtlpMetrics, otlpSchema, type OtlpDecodeResult } from "@/lib/server/ingest/decode/otlp";
import { formatFloat, sanitizeLabelName, sanitizeMetricName } from "@/lib/server/ingest/decode/otlp-labels";
import { DecodeError, type IngestSeries } from "@/lib/server/ingest/decode/types";

// Payloads are made by the real OpenTelemetry JS SDK and its OTLP serializers, so the decoder is
// checked against what senders put on the wire, in both encodings.

class TestReader extends MetricReader {
  constructor(options?: MetricReaderOptions) {
    super(options);
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const resource = resourceFromAttributes({ "service.name": "checkout", "service.namespace": "shop", "service.instance.id": "pod-7", "host.name": "node-1" });
const SERVICE = { service: "checkout", job: "shop/checkout", instance: "pod-7" };

function setup(options: { reader?: MetricReaderOptions; views?: ViewOptions[] } = {}) {
  const reader = new TestReader(options.reader);
  const provider = new MeterProvider({ resource, readers: [reader], views: options.views });
  return { reader, meter: provider.getMeter("test") };
}

async function collect(reader: MetricReader): Promise<ResourceMetrics> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  return resourceMetrics;
}

/** Both encodings of the same ResourceMetrics, decoded; they must agree. */
function decodeBoth(resourceMetrics: ResourceMetrics): OtlpDecodeResult {
  const proto = decodeOtlpMetrics(Buffer.from(ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!), "application/x-protobuf");
  const json = decodeOtlpMetrics(Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics)!), "application/json");
  expect(json).toEqual(proto);
  return proto;
}

const ms = ([seconds, nanos]: HrTime) => seconds * 1000 + Math.floor(nanos / 1e6);
const byKey = (series: IngestSeries[]) => [...series].sort((a, b) => (a.metric + JSON.stringify(a.labels) < b.metric + JSON.stringify(b.labels) ? -1 : 1));

/**
 * A data point's own times. Each attribute set starts accumulating at its first recording, so two
 * points of one metric can have different start times (a millisecond apart under load).
 */
function pointTimes(resourceMetrics: ResourceMetrics, name: string, attributes: Record<string, string> = {}) {
  const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name)!;
  const point = metric.dataPoints.find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v))!;
  return { t: ms(point.endTime), start: ms(point.startTime) };
}

describe("decodeOtlpMetrics: SDK payloads, cumulative temporality", () => {
  it("turns a counter, an up-down counter, a histogram and a gauge into Prometheus-style series", async () => {
    const { reader, meter } = setup();
    const requests = meter.createCounter("http.server.requests");
    requests.add(5, { "http.route": "/a", "http.request.method": "GET" });
    requests.add(3, { "http.route": "/a", "http.request.method": "GET" });
    requests.add(1, { "http.route": "/b", "http.request.method": "GET" });
    const depth = meter.createUpDownCounter("queue.depth");
    depth.add(10);
    depth.add(-4);
    const duration = meter.createHistogram("http.server.duration", { advice: { explicitBucketBoundaries: [0.1, 0.5, 1] } });
    for (const v of [0.05, 0.3, 0.3, 0.7, 2]) duration.record(v, { "http.route": "/a" });
    meter.createGauge("cpu.temperature").record(42.5, { "core.id": 3 });

    const rm = await collect(reader);
    const result = decodeBoth(rm);
    const counterA = { ...pointTimes(rm, "http.server.requests", { "http.route": "/a" }), temporality: "cumulative" as const };
    const counterB = { ...pointTimes(rm, "http.server.requests", { "http.route": "/b" }), temporality: "cumulative" as const };
    const hist = { ...pointTimes(rm, "http.server.duration"), temporality: "cumulative" as const };
    const { t: depthT } = pointTimes(rm, "queue.depth");
    const { t: gaugeT } = pointTimes(rm, "cpu.temperature");
    const get = { ...SERVICE, http_request_method: "GET" };
    const routeA = { ...SERVICE, http_route: "/a" };

    expect(result.dropped).toEqual({});
    expect(result.rejectedDataPoints).toBe(0);
    expect(result.errorMessage).toBeUndefined();
    expect(byKey(result.series)).toEqual(
      byKey([
        { metric: "http_server_requests", labels: { ...get, http_route: "/a" }, samples: [{ ...counterA, v: 8 }] },
        { metric: "http_server_requests", labels: { ...get, http_route: "/b" }, samples: [{ ...counterB, v: 1 }] },
        // Non-monotonic: a level, so no start and no temporality.
        { metric: "queue_depth", labels: SERVICE, samples: [{ t: depthT, v: 6 }] },
        // Per-bucket counts [1, 2, 1, 1] become cumulative `le` buckets.
        { metric: "http_server_duration_bucket", labels: { ...routeA, le: "0.1" }, samples: [{ ...hist, v: 1 }] },
        { metric: "http_server_duration_bucket", labels: { ...routeA, le: "0.5" }, samples: [{ ...hist, v: 3 }] },
        { metric: "http_server_duration_bucket", labels: { ...routeA, le: "1" }, samples: [{ ...hist, v: 4 }] },
        { metric: "http_server_duration_bucket", labels: { ...routeA, le: "+Inf" }, samples: [{ ...hist, v: 5 }] },
        { metric: "http_server_duration_count", labels: routeA, samples: [{ ...hist, v: 5 }] },
        { metric: "http_server_duration_sum", labels: routeA, samples: [{ ...hist, v: 0.05 + 0.3 + 0.3 + 0.7 + 2 }] },
        { metric: "cpu_temperature", labels: { ...SERVICE, core_id: "3" }, samples: [{ t: gaugeT, v: 42.5 }] },
      ]),
    );
  });

  it("keeps the start time across collections; a new start time would signal a reset", async () => {
    const { reader, meter } = setup();
    const counter = meter.createCounter("jobs.done");
    counter.add(2);
    const first = decodeBoth(await collect(reader)).series[0]!.samples[0]!;
    counter.add(3);
    const second = decodeBoth(await collect(reader)).series[0]!.samples[0]!;
    expect(second).toMatchObject({ v: 5, start: first.start, temporality: "cumulative" });
    expect(second.t).toBeGreaterThanOrEqual(first.t);
  });
});

describe("decodeOtlpMetrics: SDK payloads, delta temporality", () => {
  it("marks delta points; a delta up-down counter is refused (its points are changes of a level)", async () => {
    const { reader, meter } = setup({ reader: { aggregationTemporalitySelector: () => AggregationTemporality.DELTA } });
    const counter = meter.createCounter("jobs.done");
    const histogram = meter.createHistogram("job.seconds", { advice: { explicitBucketBoundaries: [1] } });
    const level = meter.createUpDownCounter("workers.busy");
    counter.add(5);
    histogram.record(0.5);
    level.add(2);
    const firstRm = await collect(reader);
    const firstEnd = pointTimes(firstRm, "jobs.done").t;
    counter.add(2);
    histogram.record(3);
    histogram.record(4);
    level.add(1);
    const rm = await collect(reader);
    const result = decodeBoth(rm);
    const c = pointTimes(rm, "jobs.done");
    const h = { ...pointTimes(rm, "job.seconds"), temporality: "delta" as const };

    expect(c.start).toBe(firstEnd); // each delta interval starts where the last one ended
    expect(result.dropped).toEqual({ "invalid-temporality": 1 });
    expect(result.rejectedDataPoints).toBe(1);
    expect(result.errorMessage).toBe("rejected 1 data point: 1 invalid-temporality (sum or histogram with unspecified aggregation temporality, or a delta non-monotonic sum)");
    expect(byKey(result.series)).toEqual(
      byKey([
        { metric: "jobs_done", labels: SERVICE, samples: [{ ...c, temporality: "delta", v: 2 }] },
        { metric: "job_seconds_bucket", labels: { ...SERVICE, le: "1" }, samples: [{ ...h, v: 0 }] },
        { metric: "job_seconds_bucket", labels: { ...SERVICE, le: "+Inf" }, samples: [{ ...h, v: 2 }] },
        { metric: "job_seconds_count", labels: SERVICE, samples: [{ ...h, v: 2 }] },
        { metric: "job_seconds_sum", labels: SERVICE, samples: [{ ...h, v: 7 }] },
      ]),
    );
  });
});

describe("decodeOtlpMetrics: what is dropped", () => {
  it("drops exponential histograms per data point and says so for partialSuccess", async () => {
    const { reader, meter } = setup({ views: [{ instrumentName: "payload.size", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }] });
    const sizes = meter.createHistogram("payload.size");
    sizes.record(100, { route: "/a" });
    sizes.record(200, { route: "/b" });
    meter.createCounter("kept").add(1);
    const result = decodeBoth(await collect(reader));
    expect(result.series.map((s) => s.metric)).toEqual(["kept"]);
    expect(result.dropped).toEqual({ "exponential-histogram": 2 });
    expect(result.rejectedDataPoints).toBe(2);
    expect(result.errorMessage).toBe("rejected 2 data points: 2 exponential-histogram (exponential histograms are not supported; use explicit bucket boundaries)");
  });
});

// Hand-written OTLP/JSON for what the SDK does not produce: summaries, flags, invalid points, and
// the JSON mapping's own spellings (int64 as strings, enums by name).
const T0 = Date.UTC(2026, 2, 31, 12, 0, 0);
const nanos = (msOffset: number, extraNanos = 0) => String(BigInt(T0 + msOffset) * 1_000_000n + BigInt(extraNanos));
const attr = (key: string, value: Record<string, unknown>) => ({ key, value });
const handMade = {
  resourceMetrics: [
    {
      resource: { attributes: [attr("service.name", { stringValue: "api" })] },
      scopeMetrics: [
        {
          scope: { name: "hand" },
          metrics: [
            {
              name: "jobs.done",
              sum: {
                aggregationTemporality: "AGGREGATION_TEMPORALITY_CUMULATIVE",
                isMonotonic: true,
                dataPoints: [
                  {
                    attributes: [attr("queue", { stringValue: "q1" }), attr("retry", { boolValue: true }), attr("shard", { intValue: "7" }), attr("http.route", { stringValue: "/a" }), attr("http_route", { stringValue: "/b" })],
                    startTimeUnixNano: nanos(-60_000),
                    timeUnixNano: nanos(15_000, 999_999),
                    asInt: "42",
                    // Ids are hex in OTLP/JSON (base64 in proto3 JSON); exemplars are ignored either way.
                    exemplars: [{ timeUnixNano: nanos(1), asDouble: 1, spanId: "00f067aa0ba902b7", traceId: "4bf92f3577b34da6a3ce929d0e0e4736" }],
                  },
                ],
              },
            },
            { name: "rpc.latency", summary: { dataPoints: [{ timeUnixNano: nanos(0), count: "3", sum: 1.5, quantileValues: [{ quantile: 0.5, value: 0.4 }] }] } },
            { name: "stale.one", gauge: { dataPoints: [{ timeUnixNano: nanos(0), asDouble: 1, flags: 1 }] } },
            { name: "no.value", gauge: { dataPoints: [{ timeUnixNano: nanos(0) }] } },
            { name: "no.time", gauge: { dataPoints: [{ asDouble: 1 }] } },
            { name: "bad.buckets", histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: nanos(0), count: "1", bucketCounts: ["1"], explicitBounds: [1] }] } },
            { name: "unspecified", sum: { isMonotonic: true, dataPoints: [{ timeUnixNano: nanos(0), asDouble: 1 }] } },
            { name: "", gauge: { dataPoints: [{ timeUnixNano: nanos(0), asDouble: 1 }] } },
            { name: "metadata.only" },
          ],
        },
      ],
    },
  ],
};

describe("decodeOtlpMetrics: hand-written requests, JSON and the same as protobuf", () => {
  const json = Buffer.from(JSON.stringify(handMade));
  const ExportRequest = otlpSchema.lookupType("opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest");
  const proto = Buffer.from(ExportRequest.encode(ExportRequest.fromObject(handMade)).finish());

  it.each([
    { name: "json", body: json, type: "application/json" as const },
    { name: "protobuf", body: proto, type: "application/x-protobuf" as const },
  ])("$name", ({ body, type }) => {
    const result = decodeOtlpMetrics(body, type);
    expect(result.series).toEqual([
      {
        metric: "jobs_done",
        // Keys that sanitise alike are joined in key order, as Prometheus does.
        labels: { http_route: "/a;/b", job: "api", queue: "q1", retry: "true", service: "api", shard: "7" },
        samples: [{ t: T0 + 15_000, v: 42, start: T0 - 60_000, temporality: "cumulative" }],
      },
      { metric: "stale_one", labels: { job: "api", service: "api" }, samples: [{ t: T0, v: Number.NaN, isStale: true }] },
    ]);
    expect(result.dropped).toEqual({ summary: 1, "invalid-point": 3, "invalid-temporality": 1, "missing-name": 1 });
    expect(result.rejectedDataPoints).toBe(6);
    expect(result.errorMessage).toMatch(/^rejected 6 data points: 1 summary \(summaries are not supported; use histograms\); 3 invalid-point/);
  });
});

describe("decodeOtlpMetrics: payloads that cannot be read", () => {
  it.each<{ name: string; body: string | Buffer; type: "application/json" | "application/x-protobuf"; message: RegExp }>([
    { name: "malformed JSON", body: '{"resourceMetrics": [', type: "application/json", message: /^json: / },
    { name: "a JSON array", body: "[]", type: "application/json", message: /^json: expected an ExportMetricsServiceRequest object/ },
    { name: "resourceMetrics not an array", body: '{"resourceMetrics": 5}', type: "application/json", message: /^json: .*resourceMetrics: array expected/ },
    { name: "scopeMetrics not an array", body: '{"resourceMetrics": [{"scopeMetrics": "x"}]}', type: "application/json", message: /^json: .*scopeMetrics: array expected/ },
    { name: "a data point that is not an object", body: '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "a", "gauge": {"dataPoints": [1]}}]}]}]}', type: "application/json", message: /^json: .*dataPoints: object expected/ },
    { name: "truncated protobuf", body: Buffer.from([0x0a, 0x10, 0x0a]), type: "application/x-protobuf", message: /^protobuf: index out of range/ },
    { name: "garbage protobuf", body: Buffer.from([0x0f, 0xff]), type: "application/x-protobuf", message: /^protobuf: / },
  ])("$name", ({ body, type, message }) => {
    expect(() => decodeOtlpMetrics(Buffer.from(body), type)).toThrow(DecodeError);
    expect(() => decodeOtlpMetrics(Buffer.from(body), type)).toThrow(message);
  });

  it("an empty request is valid and empty", () => {
    expect(decodeOtlpMetrics(Buffer.alloc(0), "application/x-protobuf")).toEqual({ series: [], dropped: {}, rejectedDataPoints: 0 });
    expect(decodeOtlpMetrics(Buffer.from("{}"), "application/json")).toEqual({ series: [], dropped: {}, rejectedDataPoints: 0 });
  });
});

describe("names and le values", () => {
  it.each([
    ["http.server.duration", "http_server_duration"],
    ["ns:metric_total", "ns:metric_total"],
    ["3xx.count", "_3xx_count"],
    ["métrica", "m_trica"],
    ["emoji😀", "emoji_"],
  ])("metric %s → %s", (name, expected) => expect(sanitizeMetricName(name)).toBe(expected));

  it.each([
    ["http.route", "http_route"],
    ["a-b", "a_b"],
    ["1st", "key_1st"],
    ["__reserved", "key__reserved"],
    ["_private", "_private"],
  ])("label %s → %s", (name, expected) => expect(sanitizeLabelName(name)).toBe(expected));

  it.each([
    [0.5, "0.5"],
    [1, "1"],
    [0.005, "0.005"],
    [123456.789, "123456.789"],
    [1e-7, "0.0000001"],
    [1.5e-7, "0.00000015"],
    [-2.5e-8, "-0.000000025"],
    [1e21, "1000000000000000000000"],
    [2.5e25, "25000000000000000000000000"],
    [Number.POSITIVE_INFINITY, "+Inf"],
  ])("le %d → %s", (value, expected) => expect(formatFloat(value)).toBe(expected));
});
