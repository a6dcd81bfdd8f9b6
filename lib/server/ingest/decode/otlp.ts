import "server-only";
import { loadProto } from "./proto";
import { formatFloat, pointLabels, sanitizeMetricName, serviceLabels } from "./otlp-labels";
import { countDropped, DecodeError, int64ToNumber, nanosToMs, type DecodeDropped, type DecodeDropReason, type DecodeResult, type IngestSample, type IngestSeries, type Int64 } from "./types";

// OTLP/HTTP metrics (ExportMetricsServiceRequest), protobuf or JSON, into the normalized shape.
// Both encodings become the same protobufjs message objects (Type.decode, or Type.fromObject on
// the parsed JSON, which takes OTLP/JSON's camelCase keys, int64 as decimal strings and enums as
// numbers or names), so one conversion serves both. Histograms become `_bucket{le}`, `_count`
// and `_sum` series as Prometheus' OTLP translator makes them.

/** Exported for the routes (ExportMetricsServiceResponse) and the tests. OTLP imports are relative to opentelemetry-proto's root. */
export const otlpSchema = loadProto(".", "opentelemetry/proto/collector/metrics/v1/metrics_service.proto");
const ExportRequest = otlpSchema.lookupType("opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest");

export type OtlpContentType = "application/x-protobuf" | "application/json";

/** `rejectedDataPoints` and `errorMessage` fill ExportMetricsPartialSuccess; 0 means all accepted. */
export type OtlpDecodeResult = DecodeResult & { rejectedDataPoints: number; errorMessage?: string };

// The message objects protobufjs builds, as far as this file reads them. Unset oneof members and
// proto3 `optional` fields are null; a oneof's name (`data`, `value`) reads as the member set.
export type AnyValue = {
  value?: string;
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: Int64 | null;
  doubleValue?: number | null;
  bytesValue?: Uint8Array | null;
  arrayValue?: { values: AnyValue[] } | null;
  kvlistValue?: { values: KeyValue[] } | null;
};
export type KeyValue = { key: string; value?: AnyValue | null };
type PointBase = { attributes: KeyValue[]; startTimeUnixNano: Int64; timeUnixNano: Int64; flags: number };
type NumberPoint = PointBase & { value?: "asDouble" | "asInt"; asDouble?: number | null; asInt?: Int64 | null };
type HistogramPoint = PointBase & { count: Int64; sum?: number | null; bucketCounts: Int64[]; explicitBounds: number[] };
type Metric = {
  name: string;
  data?: "gauge" | "sum" | "histogram" | "exponentialHistogram" | "summary";
  gauge?: { dataPoints: NumberPoint[] } | null;
  sum?: { dataPoints: NumberPoint[]; aggregationTemporality: number; isMonotonic: boolean } | null;
  histogram?: { dataPoints: HistogramPoint[]; aggregationTemporality: number } | null;
  exponentialHistogram?: { dataPoints: unknown[] } | null;
  summary?: { dataPoints: unknown[] } | null;
};
type ExportRequestMessage = { resourceMetrics: { resource?: { attributes: KeyValue[] } | null; scopeMetrics: { metrics: Metric[] }[] }[] };

export function decodeOtlpMetrics(body: Buffer, contentType: OtlpContentType): OtlpDecodeResult {
  return convert(contentType === "application/json" ? parseJson(body) : parseProtobuf(body));
}

function parseProtobuf(body: Buffer): ExportRequestMessage {
  try {
    return ExportRequest.decode(body) as unknown as ExportRequestMessage;
  } catch (error) {
    throw new DecodeError(`protobuf: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseJson(body: Buffer): ExportRequestMessage {
  let data: unknown;
  try {
    data = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new DecodeError(`json: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new DecodeError("json: expected an ExportMetricsServiceRequest object ({\"resourceMetrics\": [...]})");
  }
  try {
    return ExportRequest.fromObject(data) as unknown as ExportRequestMessage;
  } catch (error) {
    // fromObject names the path: ".resourceMetrics.scopeMetrics: array expected".
    throw new DecodeError(`json: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const TEMPORALITY_DELTA = 1;
const TEMPORALITY_CUMULATIVE = 2;
const FLAG_NO_RECORDED_VALUE = 1;

const EXPLAIN: Record<DecodeDropReason, string> = {
  "native-histogram": "native histograms are not supported",
  "exponential-histogram": "exponential histograms are not supported; use explicit bucket boundaries",
  summary: "summaries are not supported; use histograms",
  "missing-name": "metric without a name",
  "invalid-name": "invalid metric or label name",
  "invalid-temporality": "sum or histogram with unspecified aggregation temporality, or a delta non-monotonic sum",
  "invalid-point": "point without a value, with time 0, or with bucket counts that do not match its bounds",
};

/** What converting one metric needs: where samples go, where drops are counted, its name and resource labels. */
type Context = {
  add: (metric: string, labels: Record<string, string>, sample: IngestSample) => void;
  dropped: DecodeDropped;
  name: string;
  resourceLabels: Record<string, string>;
};

function convert(request: ExportRequestMessage): OtlpDecodeResult {
  const bySeries = new Map<string, IngestSeries>();
  const dropped: DecodeDropped = {};
  const add = (metric: string, labels: Record<string, string>, sample: IngestSample) => {
    const sorted: Record<string, string> = {};
    for (const name of Object.keys(labels).sort()) sorted[name] = labels[name]!;
    // Points of one series may come in several metrics or points; they become one series.
    const key = `${metric}\u0000${JSON.stringify(sorted)}`;
    const series = bySeries.get(key);
    if (series) series.samples.push(sample);
    else bySeries.set(key, { metric, labels: sorted, samples: [sample] });
  };

  for (const rm of request.resourceMetrics) {
    const resourceLabels = serviceLabels(rm.resource?.attributes ?? []);
    for (const sm of rm.scopeMetrics) {
      for (const metric of sm.metrics) convertMetric(metric, { add, dropped, name: sanitizeMetricName(metric.name), resourceLabels });
    }
  }

  const rejectedDataPoints = Object.values(dropped).reduce((n, c) => n + c, 0);
  const result: OtlpDecodeResult = { series: [...bySeries.values()], dropped, rejectedDataPoints };
  if (rejectedDataPoints > 0) {
    const parts = Object.entries(dropped).map(([reason, count]) => `${count} ${reason} (${EXPLAIN[reason as DecodeDropReason]})`);
    result.errorMessage = `rejected ${rejectedDataPoints} data point${rejectedDataPoints === 1 ? "" : "s"}: ${parts.join("; ")}`;
  }
  return result;
}

function convertMetric(metric: Metric, ctx: Context): void {
  const points = metric.data ? (metric[metric.data]?.dataPoints.length ?? 0) : 0;
  if (ctx.name === "") return countDropped(ctx.dropped, "missing-name", points);
  switch (metric.data) {
    case "gauge":
      return numberPoints(metric.gauge!.dataPoints, null, ctx);
    case "sum": {
      const sum = metric.sum!;
      const temporality = temporalityOf(sum.aggregationTemporality);
      // A non-monotonic sum is a level (a gauge) when cumulative; a delta one carries changes of
      // a level, which is neither a gauge value nor a counter increase, so it is refused.
      if (sum.isMonotonic && temporality) return numberPoints(sum.dataPoints, temporality, ctx);
      if (!sum.isMonotonic && sum.aggregationTemporality !== TEMPORALITY_DELTA) return numberPoints(sum.dataPoints, null, ctx);
      return countDropped(ctx.dropped, "invalid-temporality", points);
    }
    case "histogram": {
      const temporality = temporalityOf(metric.histogram!.aggregationTemporality);
      if (!temporality) return countDropped(ctx.dropped, "invalid-temporality", points);
      for (const pt of metric.histogram!.dataPoints) histogramPoint(pt, temporality, ctx);
      return;
    }
    case "exponentialHistogram":
      return countDropped(ctx.dropped, "exponential-histogram", points);
    case "summary":
      return countDropped(ctx.dropped, "summary", points);
    default:
      return; // no data: nothing to store, nothing lost
  }
}

function numberPoints(pts: NumberPoint[], temporality: Temporality | null, ctx: Context): void {
  for (const pt of pts) {
    const base = pointBase(pt, temporality, ctx);
    if (!base) continue;
    const v = base.isStale ? Number.NaN : pt.value === "asDouble" ? pt.asDouble! : pt.value === "asInt" ? int64ToNumber(pt.asInt!) : null;
    if (v === null) countDropped(ctx.dropped, "invalid-point", 1);
    else ctx.add(ctx.name, pointLabels(pt.attributes, ctx.resourceLabels), { ...base, v });
  }
}

function histogramPoint(pt: HistogramPoint, temporality: Temporality, ctx: Context): void {
  const base = pointBase(pt, temporality, ctx);
  if (!base) return;
  const counts = pt.bucketCounts.map(int64ToNumber);
  if (counts.length !== 0 && counts.length !== pt.explicitBounds.length + 1) return countDropped(ctx.dropped, "invalid-point", 1);
  const labels = pointLabels(pt.attributes, ctx.resourceLabels);
  const sample = (v: number): IngestSample => ({ ...base, v: base.isStale ? Number.NaN : v });
  // OTLP counts are per bucket; Prometheus' `le` buckets are cumulative, +Inf being the count.
  let cumulative = 0;
  for (let i = 0; i < counts.length - 1; i++) {
    cumulative += counts[i]!;
    ctx.add(`${ctx.name}_bucket`, { ...labels, le: formatFloat(pt.explicitBounds[i]!) }, sample(cumulative));
  }
  const count = int64ToNumber(pt.count);
  ctx.add(`${ctx.name}_bucket`, { ...labels, le: "+Inf" }, sample(count));
  ctx.add(`${ctx.name}_count`, labels, sample(count));
  if (pt.sum !== null && pt.sum !== undefined) ctx.add(`${ctx.name}_sum`, labels, sample(pt.sum));
}

/** Time, start and temporality shared by every sample of a point; null (counted) when the point is invalid. */
function pointBase(pt: PointBase, temporality: Temporality | null, ctx: Context): Omit<IngestSample, "v"> | null {
  const t = nanosToMs(pt.timeUnixNano);
  if (t === 0) {
    countDropped(ctx.dropped, "invalid-point", 1);
    return null;
  }
  const base: Omit<IngestSample, "v"> = { t };
  if (temporality) {
    const start = nanosToMs(pt.startTimeUnixNano);
    if (start !== 0) base.start = start;
    base.temporality = temporality;
  }
  // The OTLP equivalent of the Prometheus stale marker (DataPointFlags docs).
  if ((pt.flags & FLAG_NO_RECORDED_VALUE) !== 0) base.isStale = true;
  return base;
}

type Temporality = "cumulative" | "delta";

function temporalityOf(value: number): Temporality | null {
  return value === TEMPORALITY_CUMULATIVE ? "cumulative" : value === TEMPORALITY_DELTA ? "delta" : null;
}

