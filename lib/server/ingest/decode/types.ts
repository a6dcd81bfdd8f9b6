import "server-only";
import type protobuf from "protobufjs";
import type { CounterSample } from "@/lib/domain/counter-increase";
import type { SeriesMemo } from "@/lib/domain/ingest-limits";
import { AppError } from "../../errors";

// What the remote-write and OTLP decoders produce: one shape, whatever the wire format, so the
// routes hand it straight to the ingest service (its StoreSeries has the same fields).

/** A sample as the sample store takes it; the counter vocabulary lives in lib/domain. */
export type IngestSample = CounterSample;

export type IngestSeries = {
  /** Prometheus metric name, valid by its rules (OTLP names are sanitised to fit). */
  metric: string;
  /** Without `__name__`; never empty values (Prometheus treats an empty value as no label). */
  labels: Readonly<Record<string, string>>;
  /** seriesKey(metric, labels), when the decoder already had it (remote write keeps it per label set). */
  key?: string;
  /** Scratch kept with the series across requests (remote write's label-set cache): see SeriesMemo. */
  memo?: SeriesMemo;
  samples: IngestSample[];
};

/**
 * Why data in a request was not turned into samples. Counts are of samples (remote write) or
 * data points (OTLP) left out, never of series, so they add up with the store's own drop counts.
 * - native-histogram: remote write TimeSeries.histograms; not supported by the sample store.
 * - exponential-histogram, summary: OTLP kinds we do not convert (explicit-bucket histograms are).
 * - missing-name: a remote-write series without `__name__`, an OTLP metric with an empty name.
 * - invalid-name: a remote-write metric or label name that breaks Prometheus' rules, including
 *   reserved `__`-prefixed label names (OTLP names are sanitised instead, so never this).
 * - invalid-temporality: an OTLP monotonic sum or histogram with AGGREGATION_TEMPORALITY_UNSPECIFIED,
 *   or a delta non-monotonic sum (its points are changes of a level: neither gauge nor counter).
 * - invalid-point: an OTLP point without a value or with time 0 (both "SHOULD be rejected"), or
 *   a histogram whose bucket counts do not match its bounds.
 * Exemplars and metadata are ignored, not dropped: they carry no samples.
 */
export type DecodeDropReason =
  | "native-histogram"
  | "exponential-histogram"
  | "summary"
  | "missing-name"
  | "invalid-name"
  | "invalid-temporality"
  | "invalid-point";

export type DecodeDropped = Partial<Record<DecodeDropReason, number>>;

export type DecodeResult = { series: IngestSeries[]; dropped: DecodeDropped };

/** The payload cannot be read at all (compression, protobuf, JSON, a broken series): 400, never retried. */
export class DecodeError extends AppError {
  constructor(message: string) {
    super("BAD_REQUEST", message);
    this.name = "DecodeError";
  }
}

/** Decompressed output would pass the caller's limit: 413. Raised before the bytes are inflated. */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super("PAYLOAD_TOO_LARGE", message);
    this.name = "PayloadTooLargeError";
  }
}

export function countDropped(dropped: DecodeDropped, reason: DecodeDropReason, count: number): void {
  if (count > 0) dropped[reason] = (dropped[reason] ?? 0) + count;
}

/** For error messages: a series written the way Prometheus prints it, cut to a readable length. */
export function describeSeries(pairs: readonly (readonly [string, string])[]): string {
  const name = pairs.find(([n]) => n === "__name__")?.[1] ?? "";
  const rest = pairs.filter(([n]) => n !== "__name__").map(([n, v]) => `${n}=${JSON.stringify(v)}`);
  const text = `${name}{${rest.join(",")}}`;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** An int64/fixed64 as protobufjs reads it: a long.js Long (its typings show only the bits) or a number. */
export type Int64 = protobuf.Long | number;

/** Exact up to 2^53, which covers millisecond timestamps and any real count. */
export function int64ToNumber(value: Int64): number {
  if (typeof value === "number") return value;
  return (value.unsigned ? value.high >>> 0 : value.high) * 2 ** 32 + (value.low >>> 0);
}

/** Nanoseconds to whole milliseconds, truncated, in integer arithmetic: ns counts pass 2^53. */
export function nanosToMs(ns: Int64): number {
  if (typeof ns === "number") return Math.floor(ns / 1e6);
  const high = BigInt(ns.unsigned ? ns.high >>> 0 : ns.high);
  return Number(((high << 32n) + BigInt(ns.low >>> 0)) / 1_000_000n);
}
