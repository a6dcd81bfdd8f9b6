import { describe, expect, it } from "vitest";
import { histogramQuantile, parseLe } from "@/lib/domain/histogram-quantile";

const INF = Number.POSITIVE_INFINITY;
// 100 observations: 10 ≤ 0.1 s, 50 more ≤ 0.5 s, 30 more ≤ 1 s, 10 above 1 s.
const buckets = [{ le: 0.1, count: 10 }, { le: 0.5, count: 60 }, { le: 1, count: 90 }, { le: INF, count: 100 }];

describe("histogramQuantile", () => {
  it.each([
    // rank 5 in the first bucket, whose lower bound is 0: 0 + 0.1 × 5/10
    ["p5 in the lowest bucket", 0.05, 0.05],
    // rank 25: 15 into the 50 of (0.1, 0.5]: 0.1 + 0.4 × 15/50
    ["p25", 0.25, 0.22],
    // rank 50: 40 of 50 into (0.1, 0.5]: 0.1 + 0.4 × 0.8
    ["p50", 0.5, 0.42],
    // rank 90: all 30 of (0.5, 1]: its upper bound
    ["p90 on a bucket boundary", 0.9, 1],
    // rank 99 is in +Inf: the highest finite bound, as Prometheus answers
    ["p99 in the +Inf bucket", 0.99, 1],
    ["p0", 0, 0],
  ])("%s", (_name, q, expected) => {
    expect(histogramQuantile(q, buckets)).toBeCloseTo(expected, 12);
  });

  it("reads buckets in any order", () => {
    expect(histogramQuantile(0.5, [...buckets].reverse())).toBeCloseTo(0.42, 12);
  });

  it.each([
    ["no observations", [{ le: 0.1, count: 0 }, { le: INF, count: 0 }], 0.5],
    ["no +Inf bucket", [{ le: 0.1, count: 1 }, { le: 0.5, count: 2 }], 0.5],
    ["a single bucket", [{ le: INF, count: 3 }], 0.5],
    ["q above 1", buckets, 1.5],
    ["q below 0", buckets, -0.1],
    ["q NaN", buckets, Number.NaN],
  ])("null with %s", (_name, list, q) => {
    expect(histogramQuantile(q, list)).toBeNull();
  });

  it("treats a dip in cumulative counts (read at different instants) as no change", () => {
    // 0.5 reads 8 < 10: taken as 10; rank 10 is then the whole first bucket.
    expect(histogramQuantile(0.5, [{ le: 0.1, count: 10 }, { le: 0.5, count: 8 }, { le: 1, count: 20 }, { le: INF, count: 20 }])).toBeCloseTo(0.1, 12);
  });

  it("returns a lowest upper bound ≤ 0 as it is", () => {
    expect(histogramQuantile(0.2, [{ le: -1, count: 5 }, { le: 0, count: 10 }, { le: INF, count: 10 }])).toBe(-1);
  });
});

describe("parseLe", () => {
  it.each([["0.5", 0.5], ["+Inf", INF], ["1e-3", 0.001], ["10", 10], ["", null], ["fast", null]])("%s", (le, expected) => {
    expect(parseLe(le)).toBe(expected);
  });
});
