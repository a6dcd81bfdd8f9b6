// The checks every ingest format shares, and the memo that lets a series' names be checked once
// when a decoder hands the same series every request.
import { describe, expect, it } from "vitest";
import { ingestViolation, newSeriesMemo } from "@/lib/domain/ingest-limits";

const LIMITS = { maxSeries: 3, maxLabels: 2, maxLabelLength: 8, maxFutureMs: 60_000 };
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const sample = { t: NOW, v: 1 };

describe("ingestViolation", () => {
  it("names the first problem: too many series, a bad name, too many or too long labels, a bad time", () => {
    const ok = { metric: "up", labels: { job: "a" }, samples: [sample] };
    expect(ingestViolation([ok], LIMITS, NOW)).toBeNull();
    expect(ingestViolation([ok, ok, ok, ok], LIMITS, NOW)).toEqual({ status: 413, message: "4 series in one request; the limit is 3" });
    expect(ingestViolation([{ ...ok, metric: "1up" }], LIMITS, NOW)?.message).toBe('series "1up": invalid metric name');
    expect(ingestViolation([{ ...ok, labels: { __x: "a" } }], LIMITS, NOW)?.message).toBe('series "up": invalid label name "__x"');
    expect(ingestViolation([{ ...ok, labels: { a: "1", b: "2", c: "3" } }], LIMITS, NOW)?.message).toBe('series "up": 3 labels; the limit is 2');
    expect(ingestViolation([{ ...ok, labels: { job: "123456789" } }], LIMITS, NOW)?.message).toBe('series "up": label job is longer than 8 characters');
    expect(ingestViolation([{ ...ok, samples: [{ t: NOW + 60_001, v: 1 }] }], LIMITS, NOW)?.message).toMatch(/more than 60 s in the future/);
    expect(ingestViolation([{ ...ok, samples: [{ t: 1.5, v: 1 }] }], LIMITS, NOW)?.message).toMatch(/not whole milliseconds/);
  });

  it("remembers in a series' memo that its names passed these limits, and still checks every sample", () => {
    const memo = newSeriesMemo();
    const series = { metric: "up", labels: Object.freeze({ job: "a" }), memo, samples: [sample] };
    expect(ingestViolation([series], LIMITS, NOW)).toBeNull();
    expect(memo.passedLimits).toBe(LIMITS);
    // Passed: a label the limits would now refuse is not looked at again (a memo only ever comes
    // with the same frozen labels; this one is forced, to show the check is skipped)...
    const forced = { ...series, labels: { job: "123456789" } };
    expect(ingestViolation([forced], { ...LIMITS }, NOW)).toBeNull();
    // ...until the limits differ.
    expect(ingestViolation([forced], { ...LIMITS, maxLabelLength: 4 }, NOW)?.message).toBe('series "up": label job is longer than 4 characters');
    // Samples are not memoized: a future timestamp on a known series is refused.
    expect(ingestViolation([{ ...series, samples: [{ t: NOW + 120_000, v: 1 }] }], LIMITS, NOW)?.status).toBe(400);
  });

  it("remembers nothing for a series that failed, and checks a series without a memo every time", () => {
    const memo = newSeriesMemo();
    expect(ingestViolation([{ metric: "up", labels: { __x: "a" }, memo, samples: [sample] }], LIMITS, NOW)?.status).toBe(400);
    expect(memo.passedLimits).toBeNull();
    const labels: Record<string, string> = { job: "a" };
    expect(ingestViolation([{ metric: "up", labels, samples: [sample] }], LIMITS, NOW)).toBeNull();
    labels.__x = "b";
    expect(ingestViolation([{ metric: "up", labels, samples: [sample] }], LIMITS, NOW)?.status).toBe(400);
  });
});
