// The checks every ingest format shares, and the memo that lets a label set's names be checked
// once when a decoder hands the same frozen labels object every request.
import { describe, expect, it } from "vitest";
import { ingestViolation, type PassedLabelSets } from "@/lib/domain/ingest-limits";

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

  it("remembers a frozen label set that passed, with its metric, and still checks every sample", () => {
    const passed: PassedLabelSets = new WeakMap();
    const labels = Object.freeze({ job: "a" });
    expect(ingestViolation([{ metric: "up", labels, samples: [sample] }], LIMITS, NOW, passed)).toBeNull();
    expect(passed.get(labels)).toBe("up");
    // The same labels with another metric are checked again, and a bad metric is still refused.
    expect(ingestViolation([{ metric: "1up", labels, samples: [sample] }], LIMITS, NOW, passed)?.message).toBe('series "1up": invalid metric name');
    expect(passed.get(labels)).toBe("up");
    // Samples are not memoized: a future timestamp on a known label set is refused.
    expect(ingestViolation([{ metric: "up", labels, samples: [{ t: NOW + 120_000, v: 1 }] }], LIMITS, NOW, passed)?.status).toBe(400);
  });

  it("remembers neither a label set that failed nor one that could still change", () => {
    const passed: PassedLabelSets = new WeakMap();
    const bad = Object.freeze({ __x: "a" });
    expect(ingestViolation([{ metric: "up", labels: bad, samples: [sample] }], LIMITS, NOW, passed)?.status).toBe(400);
    expect(passed.has(bad)).toBe(false);
    const mutable: Record<string, string> = { job: "a" };
    expect(ingestViolation([{ metric: "up", labels: mutable, samples: [sample] }], LIMITS, NOW, passed)).toBeNull();
    expect(passed.has(mutable)).toBe(false);
    mutable.__x = "b";
    expect(ingestViolation([{ metric: "up", labels: mutable, samples: [sample] }], LIMITS, NOW, passed)?.status).toBe(400);
  });
});
