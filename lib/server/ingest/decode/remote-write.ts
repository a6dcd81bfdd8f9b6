import "server-only";
import { loadProto } from "./proto";
import protobuf from "protobufjs";
import { compressSync, uncompressSync } from "snappy";
import { isStaleMarkerBits, STALE_MARKER_BITS } from "@/lib/domain/counter-increase";
import { LABEL_NAME, METRIC_NAME } from "@/lib/domain/ingest-limits";
import { type KeptSet, labelSetOf, LabelSetCache, type LabelSet } from "./label-sets";
import { countDropped, DecodeError, describeSeries, int64ToNumber, PayloadTooLargeError, type DecodeResult, type IngestSample } from "./types";

// Prometheus remote write 1.0: a snappy BLOCK (not framed) of a protobuf WriteRequest.
//
// Decoding walks the wire format with protobufjs' Reader instead of Type.decode: a sample value
// must be judged by its raw 64 bits, because the stale marker (0x7ff0000000000002) is a
// signalling NaN, and V8 keeps a NaN's payload only while the number is not stored in a double
// array (on Node 20 such a store gave 0x7ff8000000000002 or the canonical 0x7ff8000000000000);
// reading the bits before they become a JS number is the only reliable test. Walking also builds
// the normalized shape directly, with no intermediate message objects, which is faster. The field
// numbers come from remote.proto/types.proto, loaded below, so the schema stays the one source.

/** The remote-write schema; exported so tests can check the walker and the encoder against it. */
export const remoteWriteSchema = loadProto("prometheus/prompb", "remote.proto");

function fieldOf(type: string, name: string, kind: "double" | "int64" | "string" | "message"): number {
  const field = remoteWriteSchema.lookupType(`prometheus.${type}`).fields[name];
  const actual = field?.resolvedType ? "message" : field?.type;
  if (!field || actual !== kind) throw new Error(`remote write schema: ${type}.${name} is not a ${kind} field`);
  return field.id;
}

const F = {
  timeseries: fieldOf("WriteRequest", "timeseries", "message"),
  metadata: fieldOf("WriteRequest", "metadata", "message"),
  labels: fieldOf("TimeSeries", "labels", "message"),
  samples: fieldOf("TimeSeries", "samples", "message"),
  exemplars: fieldOf("TimeSeries", "exemplars", "message"),
  histograms: fieldOf("TimeSeries", "histograms", "message"),
  labelName: fieldOf("Label", "name", "string"),
  labelValue: fieldOf("Label", "value", "string"),
  sampleValue: fieldOf("Sample", "value", "double"),
  sampleTimestamp: fieldOf("Sample", "timestamp", "int64"),
};

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;

// Whole tags (field << 3 | wire type): a field sent with another wire type is skipped as unknown,
// as protobufjs' generated decoders do.
const TAG_TIMESERIES = (F.timeseries << 3) | WIRE_BYTES;
const TAG_LABELS = (F.labels << 3) | WIRE_BYTES;
const TAG_SAMPLES = (F.samples << 3) | WIRE_BYTES;
const TAG_HISTOGRAMS = (F.histograms << 3) | WIRE_BYTES;
const TAG_LABEL_NAME = (F.labelName << 3) | WIRE_BYTES;
const TAG_LABEL_VALUE = (F.labelValue << 3) | WIRE_BYTES;
const TAG_SAMPLE_VALUE = (F.sampleValue << 3) | WIRE_FIXED64;
const TAG_SAMPLE_TIMESTAMP = (F.sampleTimestamp << 3) | WIRE_VARINT;

/** Beyond this a request is refused before it is inflated (snappy states the size up front). */
export const DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

export type RemoteWriteOptions = { maxDecodedBytes?: number; labelSets?: LabelSetCache };

const globalForDecode = globalThis as unknown as { steadystateLabelSets?: LabelSetCache };

export function decodeRemoteWrite(body: Buffer, options: RemoteWriteOptions = {}): DecodeResult {
  const maxBytes = options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES;
  const declared = snappyDecodedLength(body);
  if (declared > maxBytes) throw new PayloadTooLargeError(`snappy: the body inflates to ${declared} bytes; the limit is ${maxBytes}`);
  let raw: Buffer;
  try {
    raw = uncompressSync(body, { asBuffer: true }) as Buffer;
  } catch (error) {
    throw new DecodeError(`snappy: ${messageOf(error).replace(/^snappy:\s*/, "")}`);
  }
  try {
    const labelSets = options.labelSets ?? (globalForDecode.steadystateLabelSets ??= new LabelSetCache());
    return readWriteRequest(protobuf.Reader.create(raw), labelSets);
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    throw new DecodeError(`protobuf: ${messageOf(error)}`);
  }
}

/** The block format's preamble: the decoded length as a little-endian base-128 varint (≤ 2^32−1). */
function snappyDecodedLength(body: Buffer): number {
  let length = 0;
  for (let i = 0; i < 5 && i < body.length; i++) {
    const byte = body[i]!;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return length;
  }
  throw new DecodeError(body.length === 0 ? "snappy: empty body" : "snappy: corrupt input (invalid length preamble)");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The next field's tag (field number << 3 | wire type); field 0 is never valid. */
function readTag(r: protobuf.Reader): number {
  const at = r.pos;
  const tag = r.uint32();
  if (tag >>> 3 === 0) throw new DecodeError(`protobuf: invalid field number 0 at offset ${at}`);
  return tag;
}

/**
 * Narrows the reader to the length-delimited sub-message starting here, so a lying inner length
 * fails there instead of reading into its parent. Returns the outer end, to restore afterwards.
 */
function enter(r: protobuf.Reader): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) throw new RangeError(`index out of range: ${r.pos} + ${length} > ${r.len}`);
  const outer = r.len;
  r.len = end;
  return outer;
}

/** Where a request's reading stands: the label sets, and the last one found (label-sets.ts' find). */
type Sets = { cache: LabelSetCache; previous: KeptSet | null };

function readWriteRequest(r: protobuf.Reader, cache: LabelSetCache): DecodeResult {
  const result: DecodeResult = { series: [], dropped: {} };
  const sets: Sets = { cache, previous: null };
  while (r.pos < r.len) {
    const tag = readTag(r);
    // Metadata (field 3) is skipped like any unknown field: it carries no samples.
    if (tag === TAG_TIMESERIES) {
      const outer = enter(r);
      readTimeSeries(r, result, sets);
      r.len = outer;
    } else r.skipType(tag & 7);
  }
  return result;
}

function readTimeSeries(r: protobuf.Reader, result: DecodeResult, sets: Sets): void {
  const seriesFrom = r.pos;
  const seriesTo = r.len;
  const samples: IngestSample[] = [];
  let histograms = 0;
  // Labels are skipped on this pass and found by their bytes (label-sets.ts); senders put them
  // first and together, and a set that is not together is read the slow way.
  let labelsFrom = -1;
  let labelsTo = -1;
  let isTogether = true;
  while (r.pos < r.len) {
    const at = r.pos;
    const tag = readTag(r);
    if (tag === TAG_LABELS) {
      if (labelsFrom < 0) labelsFrom = at;
      else if (labelsTo !== at) isTogether = false;
      const outer = enter(r);
      r.pos = r.len;
      r.len = outer;
      labelsTo = r.pos;
    } else if (tag === TAG_SAMPLES) {
      const outer = enter(r);
      samples.push(readSample(r));
      r.len = outer;
    } else {
      if (tag === TAG_HISTOGRAMS) histograms += 1;
      r.skipType(tag & 7); // exemplars are ignored: they carry no samples
    }
  }
  countDropped(result.dropped, "native-histogram", histograms);

  // The reader was made from a Buffer (decodeRemoteWrite).
  const buf = r.buf as Buffer;
  const isKeyed = labelsFrom >= 0 && isTogether;
  let set: LabelSet;
  if (isKeyed) {
    const kept = sets.cache.find(buf, labelsFrom, labelsTo, sets.previous) ?? sets.cache.keep(buf, labelsFrom, labelsTo, readLabels(r, labelsFrom, labelsTo), sets.previous);
    sets.previous = kept;
    set = kept.set;
  } else {
    set = readLabels(r, seriesFrom, seriesTo);
    sets.previous = null;
  }
  if (samples.length === 0) return;
  if (set.kind === "dropped") return countDropped(result.dropped, set.reason, samples.length);
  result.series.push({ metric: set.metric, labels: set.labels, key: set.key, memo: set.memo, samples });
}

/** readLabelSet over [from, to), leaving the reader where it was. */
function readLabels(r: protobuf.Reader, from: number, to: number): LabelSet {
  const [pos, len] = [r.pos, r.len];
  const set = readLabelSet(r, from, to);
  r.pos = pos;
  r.len = len;
  return set;
}

/** Reads the labels among the fields in [from, to) and judges them: duplicates fail the request. */
function readLabelSet(r: protobuf.Reader, from: number, to: number): LabelSet {
  r.pos = from;
  r.len = to;
  const pairs: [string, string][] = [];
  while (r.pos < r.len) {
    const tag = readTag(r);
    if (tag !== TAG_LABELS) {
      r.skipType(tag & 7);
      continue;
    }
    const outer = enter(r);
    pairs.push(readLabel(r));
    r.len = outer;
  }
  // One pass: duplicates (a broken sender: the request fails), then names (the series is dropped).
  let metric = "";
  let isValid = true;
  const labels: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of pairs) {
    if (seen.has(name)) throw new DecodeError(`duplicate label name ${JSON.stringify(name)} in series ${describeSeries(pairs)}`);
    seen.add(name);
    if (name === "__name__") metric = value;
    else if (!LABEL_NAME.test(name) || name.startsWith("__")) isValid = false;
    // An empty value means "no such label" in Prometheus' data model; storing it would give one
    // series two identities.
    else if (value !== "") labels[name] = value;
  }
  if (metric === "") return { kind: "dropped", reason: "missing-name" };
  if (!isValid || !METRIC_NAME.test(metric)) return { kind: "dropped", reason: "invalid-name" };
  return labelSetOf(metric, labels);
}

function readLabel(r: protobuf.Reader): [string, string] {
  let name = "";
  let value = "";
  while (r.pos < r.len) {
    const tag = readTag(r);
    if (tag === TAG_LABEL_NAME) name = r.string();
    else if (tag === TAG_LABEL_VALUE) value = r.string();
    else r.skipType(tag & 7);
  }
  return [name, value];
}

const EXPONENT_ALL_ONES = 0x7ff00000;

function readSample(r: protobuf.Reader): IngestSample {
  let t = 0;
  let v = 0;
  let isStale = false;
  while (r.pos < r.len) {
    const tag = readTag(r);
    if (tag === TAG_SAMPLE_VALUE) {
      const at = r.pos;
      v = r.double(); // bounds-checked; the bits are read below from the same 8 bytes
      const buf = r.buf;
      const hi = (buf[at + 4]! | (buf[at + 5]! << 8) | (buf[at + 6]! << 16) | (buf[at + 7]! << 24)) >>> 0;
      // Only NaNs and infinities have an all-ones exponent; the BigInt is built for those alone.
      if ((hi & EXPONENT_ALL_ONES) === EXPONENT_ALL_ONES) {
        const lo = (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0;
        isStale = isStaleMarkerBits((BigInt(hi) << 32n) | BigInt(lo));
      } else isStale = false;
    } else if (tag === TAG_SAMPLE_TIMESTAMP) {
      t = int64ToNumber(r.int64());
    } else r.skipType(tag & 7);
  }
  return isStale ? { t, v, isStale } : { t, v };
}

// ---------------------------------------------------------------------------------------------
// Encoding, for tests and the benchmark: what a Prometheus-compatible sender puts on the wire.

export type RemoteWriteSample = { t: number; v: number; isStale?: boolean };

export type RemoteWriteSeries = {
  /** Including `__name__`. A record is sent sorted by name, as Prometheus does; pairs go as given. */
  labels: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  samples?: readonly RemoteWriteSample[];
  /** Native histograms, as plain protobuf objects (fields of prometheus.Histogram). */
  histograms?: readonly Record<string, unknown>[];
  exemplars?: readonly { t: number; v: number; labels?: Readonly<Record<string, string>> }[];
};

export type RemoteWriteMetadata = { type: string; metricFamilyName: string; help?: string; unit?: string };

const STALE_LO = Number(STALE_MARKER_BITS & 0xffffffffn);
const STALE_HI = Number(STALE_MARKER_BITS >> 32n);

export function encodeRemoteWrite(series: readonly RemoteWriteSeries[], options: { metadata?: readonly RemoteWriteMetadata[] } = {}): Buffer {
  const type = (name: string) => remoteWriteSchema.lookupType(`prometheus.${name}`);
  const [Label, Exemplar, Histogram, MetricMetadata] = ["Label", "Exemplar", "Histogram", "MetricMetadata"].map(type) as [protobuf.Type, protobuf.Type, protobuf.Type, protobuf.Type];
  const w = protobuf.Writer.create();
  const tag = (field: number, wire: number) => w.uint32((field << 3) | wire);
  const sortedPairs = (labels: RemoteWriteSeries["labels"]) =>
    Array.isArray(labels) ? labels : Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  for (const s of series) {
    tag(F.timeseries, WIRE_BYTES).fork();
    for (const [name, value] of sortedPairs(s.labels)) Label.encode({ name, value }, tag(F.labels, WIRE_BYTES).fork()).ldelim();
    for (const sample of s.samples ?? []) {
      tag(F.samples, WIRE_BYTES).fork();
      tag(F.sampleValue, WIRE_FIXED64);
      // Written as bits: a stale NaN held in a JS number may already have been quieted.
      if (sample.isStale) w.fixed32(STALE_LO).fixed32(STALE_HI);
      else w.double(sample.v);
      tag(F.sampleTimestamp, WIRE_VARINT).int64(sample.t);
      w.ldelim();
    }
    for (const e of s.exemplars ?? []) {
      const labels = Object.entries(e.labels ?? {}).map(([name, value]) => ({ name, value }));
      Exemplar.encode({ labels, value: e.v, timestamp: e.t }, tag(F.exemplars, WIRE_BYTES).fork()).ldelim();
    }
    for (const h of s.histograms ?? []) Histogram.encode(Histogram.fromObject(h), tag(F.histograms, WIRE_BYTES).fork()).ldelim();
    w.ldelim();
  }
  for (const m of options.metadata ?? []) MetricMetadata.encode(MetricMetadata.fromObject(m), tag(F.metadata, WIRE_BYTES).fork()).ldelim();
  return compressSync(w.finish());
}
