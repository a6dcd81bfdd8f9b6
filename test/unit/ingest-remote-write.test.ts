import protobuf from "protobufjs";
import { compressSync, uncompressSync } from "snappy";
import { describe, expect, it } from "vitest";
import { decodeRemoteWrite, encodeRemoteWrite, remoteWriteSchema, type RemoteWriteSeries } from "@/lib/server/ingest/decode/remote-write";
import { seriesKey } from "@/lib/domain/series-key";
import { DecodeError, PayloadTooLargeError, type DecodeResult } from "@/lib/server/ingest/decode/types";

const T0 = Date.UTC(2026, 2, 31, 12, 0, 0);

/** The decoded series without the series keys it carries, after checking each key is the series'. */
/** The decoded series without what the decoder keeps for later stages: the key (checked here) and the memo. */
function withoutKeys(result: DecodeResult): DecodeResult {
  const series = result.series.map(({ key, memo, ...rest }) => {
    expect(key).toBe(seriesKey(rest.metric, rest.labels));
    expect(memo).toEqual({ passedLimits: null, owner: null, entry: null });
    return rest;
  });
  return { ...result, series };
}

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error("expected a DecodeError");
}

describe("decodeRemoteWrite: round trip through encodeRemoteWrite", () => {
  it.each<{ name: string; input: RemoteWriteSeries[]; expected: DecodeResult }>([
    { name: "empty request", input: [], expected: { series: [], dropped: {} } },
    {
      name: "a counter with two samples",
      input: [{ labels: { __name__: "http_requests_total", job: "api", code: "200" }, samples: [{ t: T0, v: 10 }, { t: T0 + 15_000, v: 12.5 }] }],
      expected: { series: [{ metric: "http_requests_total", labels: { code: "200", job: "api" }, samples: [{ t: T0, v: 10 }, { t: T0 + 15_000, v: 12.5 }] }], dropped: {} },
    },
    {
      name: "values that need all 64 bits, and a negative gauge",
      input: [{ labels: { __name__: "g" }, samples: [{ t: T0, v: 0.1 + 0.2 }, { t: T0 + 1, v: -1e300 }, { t: T0 + 2, v: Number.POSITIVE_INFINITY }, { t: T0 + 3, v: 2 ** 53 }] }],
      expected: { series: [{ metric: "g", labels: {}, samples: [{ t: T0, v: 0.1 + 0.2 }, { t: T0 + 1, v: -1e300 }, { t: T0 + 2, v: Number.POSITIVE_INFINITY }, { t: T0 + 3, v: 2 ** 53 }] }], dropped: {} },
    },
    {
      name: "a classic histogram arrives as plain series; le is kept as sent",
      input: [
        { labels: { __name__: "rpc_seconds_bucket", le: "0.5" }, samples: [{ t: T0, v: 3 }] },
        { labels: { __name__: "rpc_seconds_bucket", le: "+Inf" }, samples: [{ t: T0, v: 5 }] },
        { labels: { __name__: "rpc_seconds_count" }, samples: [{ t: T0, v: 5 }] },
        { labels: { __name__: "rpc_seconds_sum" }, samples: [{ t: T0, v: 1.75 }] },
      ],
      expected: {
        series: [
          { metric: "rpc_seconds_bucket", labels: { le: "0.5" }, samples: [{ t: T0, v: 3 }] },
          { metric: "rpc_seconds_bucket", labels: { le: "+Inf" }, samples: [{ t: T0, v: 5 }] },
          { metric: "rpc_seconds_count", labels: {}, samples: [{ t: T0, v: 5 }] },
          { metric: "rpc_seconds_sum", labels: {}, samples: [{ t: T0, v: 1.75 }] },
        ],
        dropped: {},
      },
    },
    {
      name: "empty label values mean no label",
      input: [{ labels: { __name__: "up", job: "api", zone: "" }, samples: [{ t: T0, v: 1 }] }],
      expected: { series: [{ metric: "up", labels: { job: "api" }, samples: [{ t: T0, v: 1 }] }], dropped: {} },
    },
    {
      name: "exemplars and metadata are ignored",
      input: [{ labels: { __name__: "up" }, samples: [{ t: T0, v: 1 }], exemplars: [{ t: T0, v: 0.3, labels: { trace_id: "abc" } }] }],
      expected: { series: [{ metric: "up", labels: {}, samples: [{ t: T0, v: 1 }] }], dropped: {} },
    },
    {
      name: "native histograms are dropped and counted; a series with only those gives no series",
      input: [
        { labels: { __name__: "lat" }, samples: [{ t: T0, v: 1 }], histograms: [{ countInt: 3, sum: 1.5, schema: 3, timestamp: T0 }, { countInt: 4, sum: 2, schema: 3, timestamp: T0 + 1 }] },
        { labels: { __name__: "only_native" }, histograms: [{ countFloat: 2.5, sum: 1, schema: 0, timestamp: T0 }] },
      ],
      expected: { series: [{ metric: "lat", labels: {}, samples: [{ t: T0, v: 1 }] }], dropped: { "native-histogram": 3 } },
    },
    {
      name: "invalid names drop their series (counted per sample); valid ones stay",
      input: [
        { labels: { __name__: "http-requests" }, samples: [{ t: T0, v: 1 }, { t: T0 + 1, v: 2 }] },
        { labels: { __name__: "ok", "bad-label": "x" }, samples: [{ t: T0, v: 1 }] },
        { labels: { __name__: "ok", __reserved: "x" }, samples: [{ t: T0, v: 1 }] },
        { labels: { __name__: "ok", "1st": "x" }, samples: [{ t: T0, v: 1 }] },
        { labels: { job: "no-name" }, samples: [{ t: T0, v: 1 }] },
        { labels: { __name__: "", job: "empty-name" }, samples: [{ t: T0, v: 1 }] },
        { labels: { __name__: "ns:ok_total" }, samples: [{ t: T0, v: 7 }] },
      ],
      expected: { series: [{ metric: "ns:ok_total", labels: {}, samples: [{ t: T0, v: 7 }] }], dropped: { "invalid-name": 5, "missing-name": 2 } },
    },
  ])("$name", ({ input, expected }) => {
    expect(withoutKeys(decodeRemoteWrite(encodeRemoteWrite(input, { metadata: [{ type: "COUNTER", metricFamilyName: "up", help: "ignored" }] })))).toEqual(expected);
  });

  it("the encoder follows remote.proto: protobufjs' own decoder reads what it wrote", () => {
    const body = encodeRemoteWrite([{ labels: { job: "api", __name__: "up" }, samples: [{ t: T0, v: 1 }] }]);
    const WriteRequest = remoteWriteSchema.lookupType("prometheus.WriteRequest");
    const decoded = WriteRequest.toObject(WriteRequest.decode(uncompressSync(body) as Buffer), { longs: Number });
    // Sorted by label name, as Prometheus sends them.
    expect(decoded).toEqual({ timeseries: [{ labels: [{ name: "__name__", value: "up" }, { name: "job", value: "api" }], samples: [{ value: 1, timestamp: T0 }] }] });
  });

  it("the walker follows remote.proto: it reads what protobufjs' own encoder wrote", () => {
    const WriteRequest = remoteWriteSchema.lookupType("prometheus.WriteRequest");
    const message = WriteRequest.fromObject({
      timeseries: [{ labels: [{ name: "__name__", value: "up" }, { name: "job", value: "api" }], samples: [{ value: 0.5, timestamp: T0 }, { value: 1, timestamp: T0 + 1 }] }],
      metadata: [{ type: "GAUGE", metricFamilyName: "up", help: "h" }],
    });
    const body = compressSync(WriteRequest.encode(message).finish());
    expect(withoutKeys(decodeRemoteWrite(body))).toEqual({ series: [{ metric: "up", labels: { job: "api" }, samples: [{ t: T0, v: 0.5 }, { t: T0 + 1, v: 1 }] }], dropped: {} });
  });
});

describe("decodeRemoteWrite: stale markers, judged by the raw bits", () => {
  /** A WriteRequest with one series `up` and one sample whose value is given as 64 raw bits. */
  function requestWithBits(bits: bigint): Buffer {
    const w = protobuf.Writer.create();
    w.uint32((1 << 3) | 2).fork(); // WriteRequest.timeseries
    w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string("__name__").uint32((2 << 3) | 2).string("up").ldelim(); // TimeSeries.labels
    w.uint32((2 << 3) | 2).fork(); // TimeSeries.samples
    w.uint32((1 << 3) | 1).fixed32(Number(bits & 0xffffffffn)).fixed32(Number(bits >> 32n)); // Sample.value, little-endian
    w.uint32((2 << 3) | 0).int64(T0); // Sample.timestamp
    w.ldelim().ldelim();
    return compressSync(w.finish());
  }

  it.each<{ name: string; bits: bigint; isStale: boolean; v: number }>([
    { name: "Prometheus' stale marker 0x7ff0000000000002", bits: 0x7ff0000000000002n, isStale: true, v: Number.NaN },
    { name: "the stale marker with the quiet bit set (what V8 may turn it into) is not one", bits: 0x7ff8000000000002n, isStale: false, v: Number.NaN },
    { name: "Go's math.NaN() 0x7ff8000000000001", bits: 0x7ff8000000000001n, isStale: false, v: Number.NaN },
    { name: "another signalling NaN", bits: 0x7ff0000000000001n, isStale: false, v: Number.NaN },
    { name: "a negative NaN with the marker's payload", bits: 0xfff0000000000002n, isStale: false, v: Number.NaN },
    { name: "+Inf", bits: 0x7ff0000000000000n, isStale: false, v: Number.POSITIVE_INFINITY },
    { name: "1.0", bits: 0x3ff0000000000000n, isStale: false, v: 1 },
  ])("$name", ({ bits, isStale, v }) => {
    const [series] = decodeRemoteWrite(requestWithBits(bits)).series;
    const sample = series!.samples[0]!;
    expect(Object.is(sample.v, v)).toBe(true);
    expect(sample.isStale ?? false).toBe(isStale);
  });

  it("encodeRemoteWrite writes the exact marker bits for isStale samples", () => {
    const body = encodeRemoteWrite([{ labels: { __name__: "up" }, samples: [{ t: T0, v: Number.NaN, isStale: true }] }]);
    expect((uncompressSync(body) as Buffer).includes(Buffer.from("020000000000f07f", "hex"))).toBe(true);
    expect(decodeRemoteWrite(body).series[0]!.samples).toEqual([{ t: T0, v: Number.NaN, isStale: true }]);
    expect(body).toEqual(requestWithBits(0x7ff0000000000002n));
  });
});

describe("decodeRemoteWrite: payloads that cannot be read", () => {
  const valid = encodeRemoteWrite([{ labels: { __name__: "up", job: "api" }, samples: [{ t: T0, v: 1 }] }]);
  const raw = uncompressSync(valid) as Buffer;

  it.each<{ name: string; body: Buffer; message: RegExp }>([
    { name: "empty body", body: Buffer.alloc(0), message: /^snappy: empty body$/ },
    { name: "not snappy at all", body: Buffer.from("hello, this is not snappy"), message: /^snappy: / },
    { name: "the framed (stream) format", body: Buffer.from("ff060000734e61507059", "hex"), message: /^snappy: / },
    { name: "snappy cut short", body: valid.subarray(0, valid.length - 3), message: /^snappy: / },
    { name: "protobuf cut short", body: compressSync(raw.subarray(0, raw.length - 4)), message: /^protobuf: index out of range/ },
    { name: "a sub-message longer than its parent", body: compressSync(Buffer.from([0x0a, 0x03, 0x0a, 0x10, 0x00])), message: /^protobuf: index out of range/ },
    { name: "an invalid wire type", body: compressSync(Buffer.from([0x0f, 0x00])), message: /^protobuf: invalid wire type 7/ },
    { name: "field number 0", body: compressSync(Buffer.from([0x02, 0x00])), message: /^protobuf: invalid field number 0 at offset 0$/ },
  ])("$name", ({ body, message }) => {
    expect(decodeError(() => decodeRemoteWrite(body)).message).toMatch(message);
  });

  it("duplicate label names fail the request and name the series", () => {
    const body = encodeRemoteWrite([{ labels: [["__name__", "up"], ["job", "a"], ["job", "b"]], samples: [{ t: T0, v: 1 }] }]);
    expect(decodeError(() => decodeRemoteWrite(body)).message).toBe('duplicate label name "job" in series up{job="a",job="b"}');
  });

  it("a body that would inflate past the limit is refused before inflating (413)", () => {
    const bomb = compressSync(Buffer.alloc(1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => decodeRemoteWrite(bomb, { maxDecodedBytes: 1024 * 1024 - 1 })).toThrow(PayloadTooLargeError);
    expect(() => decodeRemoteWrite(bomb, { maxDecodedBytes: 1024 * 1024 })).not.toThrow(PayloadTooLargeError);
  });

  it("errors carry the status the route wrapper uses", () => {
    expect(decodeError(() => decodeRemoteWrite(Buffer.alloc(0))).status).toBe(400);
    expect(new PayloadTooLargeError("x").status).toBe(413);
  });
});
