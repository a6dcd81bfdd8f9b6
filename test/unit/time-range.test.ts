import { describe, expect, it } from "vitest";
import { chartStepMs, parseRefreshInterval, parseTimeRange, timeRangeSearchParams } from "@/lib/domain/time-range";

const NOW = new Date("2026-11-23T12:00:00Z");
const iso = (d: Date) => d.toISOString();

describe("parseTimeRange", () => {
  it.each([
    ["1h", "2026-11-23T11:00:00.000Z"],
    ["6h", "2026-11-23T06:00:00.000Z"],
    ["24h", "2026-11-22T12:00:00.000Z"],
    ["7d", "2026-11-16T12:00:00.000Z"],
    ["30d", "2026-10-24T12:00:00.000Z"],
  ])("preset %s ends now and starts %s", (range, from) => {
    const r = parseTimeRange({ range }, NOW);
    expect([r.preset, iso(r.from), iso(r.to)]).toEqual([range, from, iso(NOW)]);
  });

  it("keeps a custom range as written", () => {
    const r = parseTimeRange({ range: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-02T06:30:00Z" }, NOW);
    expect([r.preset, iso(r.from), iso(r.to)]).toEqual(["custom", "2026-11-01T00:00:00.000Z", "2026-11-02T06:30:00.000Z"]);
  });

  it.each([
    [{}, "24h"],
    [{ range: "2h" }, "24h"],
    [{ range: "toString" }, "24h"], // not an own key: no prototype lookups
    [{ range: "custom", from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" }, "24h"], // end before start
    [{ range: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }, "24h"], // empty
    [{ range: "custom", from: "yesterday", to: "2026-11-01T00:00:00Z" }, "24h"],
    [{ range: "custom", from: "2026-01-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }, "24h"], // over 93 days
  ])("falls back to the default for %j", (params, preset) => {
    expect(parseTimeRange(params, NOW).preset).toBe(preset);
  });

  it("uses the caller's default", () => {
    expect(parseTimeRange({}, NOW, "30d").preset).toBe("30d");
  });

  it("round-trips through the URL", () => {
    const custom = parseTimeRange({ range: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }, NOW);
    expect(parseTimeRange(timeRangeSearchParams(custom), NOW)).toEqual(custom);
    expect(timeRangeSearchParams(parseTimeRange({ range: "7d" }, NOW))).toEqual({ range: "7d" });
  });
});

describe("parseRefreshInterval", () => {
  it.each([["30s", "30s"], ["1m", "1m"], ["off", "off"], ["7s", "off"], [null, "off"], ["constructor", "off"]])("%s → %s", (v, want) => {
    expect(parseRefreshInterval(v)).toBe(want);
  });
});

describe("chartStepMs", () => {
  const span = (ms: number) => ({ from: new Date(0), to: new Date(ms) });
  it.each([
    [3_600_000, 300, 60_000], // 1 h / 300 = 12 s → one minute
    [86_400_000, 300, 300_000], // 24 h / 300 = 4.8 min → 5 min
    [30 * 86_400_000, 300, 3 * 3_600_000], // 30 d / 300 = 2.4 h → 3 h
    [30 * 86_400_000, 10, 3 * 86_400_000], // 3 d
    [0, 300, 60_000],
  ])("%i ms in %i points → %i ms", (ms, points, step) => {
    expect(chartStepMs(span(ms), points)).toBe(step);
  });
});
