// The remote-write decoder finds a label set it has read before by its raw bytes
// (lib/server/ingest/decode/label-sets.ts): a found set must decode exactly as a new one, and the
// cache must stay within its bound.
import protobuf from "protobufjs";
import { compressSync } from "snappy";
import { describe, expect, it } from "vitest";
import { seriesKey } from "@/lib/domain/series-key";
import { LabelSetCache } from "@/lib/server/ingest/decode/label-sets";
import { decodeRemoteWrite, encodeRemoteWrite, remoteWriteSchema, type RemoteWriteSeries } from "@/lib/server/ingest/decode/remote-write";
import { DecodeError } from "@/lib/server/ingest/decode/types";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

const STREAM: RemoteWriteSeries[] = [
  { labels: { __name__: "http_requests_total", job: "api", route: "/a" }, samples: [{ t: T0, v: 1 }] },
  { labels: { __name__: "http_requests_total", job: "api", route: "/b", empty: "" }, samples: [{ t: T0, v: 2 }, { t: T0 + 15_000, v: 3 }] },
  { labels: { __name__: "ok", "bad-label": "x" }, samples: [{ t: T0, v: 1 }] },
  { labels: { job: "no-name" }, samples: [{ t: T0, v: 1 }, { t: T0 + 1, v: 2 }] },
  { labels: { __name__: "no_samples", job: "api" } },
  { labels: { __name__: "unicode_total", city: "Zürich", quote: 'say "hi"\n' }, samples: [{ t: T0, v: 4 }] },
];

describe("remote write label sets", () => {
  it("decodes a stream the same when every label set is already known", () => {
    const cache = new LabelSetCache();
    const body = encodeRemoteWrite(STREAM);
    const first = decodeRemoteWrite(body, { labelSets: cache });
    expect(cache.size).toBe(STREAM.length);
    const again = decodeRemoteWrite(body, { labelSets: cache });
    expect(again).toEqual(first);
    expect(again).toEqual(decodeRemoteWrite(body, { labelSets: new LabelSetCache() }));
    expect(again.dropped).toEqual({ "invalid-name": 1, "missing-name": 2 });
    for (const s of again.series) expect(s.key).toBe(seriesKey(s.metric, s.labels));
    expect(again.series.map((s) => s.key)).toEqual(['http_requests_total{job="api",route="/a"}', 'http_requests_total{job="api",route="/b"}', 'unicode_total{city="Zürich",quote="say \\"hi\\"\\n"}']);
  });

  it("shares one frozen labels object between requests, so no request can change another's", () => {
    const cache = new LabelSetCache();
    const body = encodeRemoteWrite(STREAM.slice(0, 1));
    const [a] = decodeRemoteWrite(body, { labelSets: cache }).series;
    const [b] = decodeRemoteWrite(body, { labelSets: cache }).series;
    expect(b!.labels).toBe(a!.labels);
    expect(Object.isFrozen(a!.labels)).toBe(true);
    expect(b!.samples).not.toBe(a!.samples);
  });

  it("fails a set with a duplicate label name on every request: it is never kept", () => {
    const cache = new LabelSetCache();
    const body = encodeRemoteWrite([{ labels: [["__name__", "up"], ["job", "a"], ["job", "b"]], samples: [{ t: T0, v: 1 }] }]);
    for (let i = 0; i < 2; i++) expect(() => decodeRemoteWrite(body, { labelSets: cache })).toThrow(DecodeError);
    expect(cache.size).toBe(0);
  });

  it("reads labels sent apart (after a sample) the slow way, with the same result, and does not keep them", () => {
    const WriteRequest = remoteWriteSchema.lookupType("prometheus.WriteRequest");
    const TimeSeries = remoteWriteSchema.lookupType("prometheus.TimeSeries");
    const Label = remoteWriteSchema.lookupType("prometheus.Label");
    const Sample = remoteWriteSchema.lookupType("prometheus.Sample");
    // TimeSeries fields: labels = 1, samples = 2; written by hand so a sample sits between labels.
    const w = protobuf.Writer.create();
    w.uint32((1 << 3) | 2).fork();
    Label.encode({ name: "__name__", value: "up" }, w.uint32((1 << 3) | 2).fork()).ldelim();
    Sample.encode({ value: 1, timestamp: T0 }, w.uint32((2 << 3) | 2).fork()).ldelim();
    Label.encode({ name: "job", value: "api" }, w.uint32((1 << 3) | 2).fork()).ldelim();
    w.ldelim();
    const apart = compressSync(w.finish());
    const together = compressSync(WriteRequest.encode({ timeseries: [TimeSeries.fromObject({ labels: [{ name: "__name__", value: "up" }, { name: "job", value: "api" }], samples: [{ value: 1, timestamp: T0 }] })] }).finish());
    const cache = new LabelSetCache();
    expect(decodeRemoteWrite(apart, { labelSets: cache })).toEqual(decodeRemoteWrite(together, { labelSets: new LabelSetCache() }));
    expect(cache.size).toBe(0);
  });

  it("keeps at most its bound, dropping the oldest set first, and still decodes every set", () => {
    const cache = new LabelSetCache(3);
    const series = (i: number): RemoteWriteSeries => ({ labels: { __name__: "bounded_total", i: String(i) }, samples: [{ t: T0, v: i }] });
    const body = encodeRemoteWrite(Array.from({ length: 5 }, (_, i) => series(i)));
    const decoded = decodeRemoteWrite(body, { labelSets: cache });
    expect(decoded.series.map((s) => s.labels.i)).toEqual(["0", "1", "2", "3", "4"]);
    expect(cache.size).toBe(3);
    // The two oldest (0 and 1) went: decoding them again reads them anew and pushes out 2 and 3.
    expect(decodeRemoteWrite(body, { labelSets: cache })).toEqual(decoded);
    expect(cache.size).toBe(3);
  });

  it("decodes the same whatever order the series come in: the guess from last time is checked byte by byte", () => {
    const cache = new LabelSetCache();
    const same = (i: number): RemoteWriteSeries => ({ labels: { __name__: "ordered_total", route: `/r/${i}` }, samples: [{ t: T0, v: i }] });
    // Same length, one byte apart: a guess that is almost right must still miss.
    const orders = [[1, 2, 3, 4], [1, 2, 3, 4], [1, 3, 2, 4], [4, 3, 2, 1], [2, 2, 1, 5], [1, 2, 3, 4]];
    for (const order of orders) {
      const body = encodeRemoteWrite(order.map(same));
      const decoded = decodeRemoteWrite(body, { labelSets: cache });
      expect(decoded).toEqual(decodeRemoteWrite(body, { labelSets: new LabelSetCache() }));
      expect(decoded.series.map((s) => s.labels.route)).toEqual(order.map((i) => `/r/${i}`));
    }
    expect(cache.size).toBe(5);
  });

  it("hands the same memo for a series every request, one per series", () => {
    const cache = new LabelSetCache();
    const body = encodeRemoteWrite(STREAM);
    const first = decodeRemoteWrite(body, { labelSets: cache }).series;
    const again = decodeRemoteWrite(body, { labelSets: cache }).series;
    expect(again.map((s) => s.memo)).toEqual(first.map((s) => s.memo));
    again.forEach((s, i) => expect(s.memo).toBe(first[i]!.memo));
    expect(new Set(again.map((s) => s.memo)).size).toBe(again.length);
  });
});
