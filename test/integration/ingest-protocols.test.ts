// The remote-write and OTLP routes end to end against a real database: bytes in, rollups stored,
// the reply each protocol's spec asks for, and nothing stored for a refused request.
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { POST as remoteWrite } from "@/app/api/v1/write/route";
import { POST as otlp } from "@/app/otlp/v1/metrics/route";
import { db } from "@/lib/server/db";
import { encodeRemoteWrite } from "@/lib/server/ingest/decode/remote-write";
import { flushIngest } from "@/lib/server/ingest/store";
import { otlpSchema } from "@/lib/server/ingest/decode/otlp";
import { call, type ErrorBody } from "../support/http";

const T = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const RW_HEADERS = { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" };

async function post(handler: typeof remoteWrite, body: Buffer, headers: Record<string, string>) {
  return call(handler, { method: "POST", body: body as unknown as string, headers });
}

async function increases(metric: string) {
  await flushIngest();
  const rows = await db().rollup1m.findMany({ where: { series: { metric } }, include: { series: true }, orderBy: [{ seriesId: "asc" }, { minute: "asc" }] });
  return rows.map((r) => ({ key: r.series.key, minute: r.minute * 60_000 - T, increase: r.increase, count: r.count }));
}

const storedCount = async () => {
  await flushIngest();
  return { series: await db().series.count(), minutes: await db().rollup1m.count() };
};

describe("POST /api/v1/write (Prometheus remote write 1.0)", () => {
  it("stores a WriteRequest and answers 204; a retry adds nothing", async () => {
    const body = encodeRemoteWrite([
      { labels: { __name__: "http_requests_total", job: "api", code: "200" }, samples: [{ t: T, v: 100 }, { t: T + 30_000, v: 160 }, { t: T + 60_000, v: 40 }] },
      { labels: { __name__: "up", job: "api" }, samples: [{ t: T, v: 1 }, { t: T + 30_000, v: Number.NaN, isStale: true }] },
    ]);
    const res = await post(remoteWrite, body, RW_HEADERS);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await increases("http_requests_total")).toEqual([
      { key: 'http_requests_total{code="200",job="api"}', minute: 0, increase: 60, count: 2 },
      { key: 'http_requests_total{code="200",job="api"}', minute: 60_000, increase: 40, count: 1 },
    ]);
    expect((await increases("up")).map((r) => r.count)).toEqual([1]); // the stale marker is no reading
    const before = await storedCount();
    expect((await post(remoteWrite, body, RW_HEADERS)).status).toBe(204);
    expect(await storedCount()).toEqual(before);
    expect(await increases("http_requests_total")).toHaveLength(2);
  });

  it.each([
    ["bad snappy", Buffer.from("definitely not snappy"), RW_HEADERS, 400, /snappy/],
    ["a wrong content type", encodeRemoteWrite([]), { ...RW_HEADERS, "content-type": "application/json" }, 400, /content-type/],
    ["remote write 2.0", encodeRemoteWrite([]), { ...RW_HEADERS, "content-type": "application/x-protobuf;proto=io.prometheus.write.v2.Request" }, 400, /2\.0 is not supported/],
    ["a wrong encoding", encodeRemoteWrite([]), { ...RW_HEADERS, "content-encoding": "gzip" }, 400, /snappy/],
    ["a future timestamp", encodeRemoteWrite([{ labels: { __name__: "a" }, samples: [{ t: Date.now() + 86_400_000, v: 1 }] }]), RW_HEADERS, 400, /in the future/],
  ])("refuses %s and stores nothing", async (_name, body, headers, status, message) => {
    const before = await storedCount();
    const res = await post(remoteWrite, body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    expect(await storedCount()).toEqual(before);
  });

  it("needs the token", async () => {
    const res = await call(remoteWrite, { method: "POST", token: null, body: encodeRemoteWrite([]) as unknown as string, headers: RW_HEADERS });
    expect(res.status).toBe(401);
  });
});

class Reader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

async function sdkPayload() {
  const reader = new Reader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": "checkout" }), readers: [reader] });
  const meter = provider.getMeter("test");
  meter.createCounter("orders").add(7, { outcome: "ok" });
  meter.createHistogram("latency", { advice: { explicitBucketBoundaries: [0.1, 0.5] } }).record(0.3);
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics;
}

describe("POST /otlp/v1/metrics (OTLP/HTTP)", () => {
  it("stores protobuf, gzipped, and answers with an empty ExportMetricsServiceResponse in protobuf", async () => {
    const body = gzipSync(Buffer.from(ProtobufMetricsSerializer.serializeRequest(await sdkPayload())!));
    const res = await post(otlp, body, { "content-type": "application/x-protobuf", "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const reply = otlpSchema.lookupType("opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse").decode(new Uint8Array(await res.arrayBuffer()));
    expect(reply.toJSON()).toEqual({});
    await flushIngest(); // on SQLite the applier writes new series' rows with their rollups
    const series = await db().series.findMany({ orderBy: { key: "asc" } });
    expect(series.map((s) => s.key)).toEqual(expect.arrayContaining(['orders{job="checkout",outcome="ok",service="checkout"}', 'latency_bucket{job="checkout",le="0.5",service="checkout"}', 'latency_count{job="checkout",service="checkout"}']));
  });

  it("stores JSON and reports rejected points as partialSuccess in JSON", async () => {
    const payload = JSON.parse(Buffer.from(JsonMetricsSerializer.serializeRequest(await sdkPayload())!).toString());
    payload.resourceMetrics[0].scopeMetrics[0].metrics.push({ name: "sizes", exponentialHistogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: String(T * 1e6), count: "1", scale: 0, zeroCount: "0" }] } });
    const res = await post(otlp, Buffer.from(JSON.stringify(payload)), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    const reply = await res.json();
    expect(reply.partialSuccess.rejectedDataPoints).toBe(1);
    expect(reply.partialSuccess.errorMessage).toMatch(/exponential/);
  });

  it.each([
    ["a wrong content type", Buffer.from("{}"), { "content-type": "text/plain" }, /content-type/],
    ["malformed JSON", Buffer.from("{"), { "content-type": "application/json" }, /json/i],
    ["bad gzip", Buffer.from("nope"), { "content-type": "application/x-protobuf", "content-encoding": "gzip" }, /gzip/],
  ])("refuses %s with 400 and stores nothing", async (_name, body, headers, message) => {
    const before = await storedCount();
    const res = await post(otlp, body, headers);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    expect(await storedCount()).toEqual(before);
  });
});
