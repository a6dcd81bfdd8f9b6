import { describe, expect, it } from "vitest";
import type { BreakerObservation } from "@/lib/domain/breaker-mapping";
import { breakerRangeStats, breakerTimeline, compareBreakerStates, isFlapping, orderSameInstant, transitionsFrom } from "@/lib/domain/breaker-timeline";

const seen = (at: number, state: BreakerObservation["state"]): BreakerObservation => ({ at, state, isTransition: false });
const entered = (at: number, state: BreakerObservation["state"]): BreakerObservation => ({ at, state, isTransition: true });

describe("orderSameInstant", () => {
  it.each([
    ["closed", ["half-open", "open"], ["open", "half-open"]],
    ["open", ["closed", "half-open"], ["half-open", "closed"]],
    ["half-open", ["open", "closed"], ["closed", "open"]],
    ["closed", ["open", "half-open", "closed"], ["open", "half-open", "closed"]],
    [null, ["open"], ["open"]],
  ] as const)("from %s, %j → %j", (before, states, expected) => expect(orderSameInstant(before, states)).toEqual(expected));
});

describe("transitionsFrom", () => {
  const start = [{ at: 0, from: null, to: "closed" as const }];
  it("adds nothing for a gauge repeating the state", () => {
    expect(transitionsFrom(start, [seen(15, "closed"), seen(30, "closed")])).toEqual([]);
  });
  it("derives open, half-open, closed from gauges", () => {
    expect(transitionsFrom(start, [seen(15, "open"), seen(30, "open"), seen(45, "half-open"), seen(60, "closed")])).toEqual([
      { at: 15, from: "closed", to: "open" },
      { at: 45, from: "open", to: "half-open" },
      { at: 60, from: "half-open", to: "closed" },
    ]);
  });
  it("accepts observations out of order", () => {
    expect(transitionsFrom(start, [seen(60, "closed"), seen(15, "open"), seen(45, "half-open")])).toEqual([
      { at: 15, from: "closed", to: "open" },
      { at: 45, from: "open", to: "half-open" },
      { at: 60, from: "half-open", to: "closed" },
    ]);
  });
  it("places a late counter increase among later history", () => {
    const history = [...start, { at: 45, from: "closed" as const, to: "half-open" as const }];
    expect(transitionsFrom(history, [entered(15, "open")])).toEqual([{ at: 15, from: "closed", to: "open" }]);
  });
  it("orders several counters moved within one scrape", () => {
    expect(transitionsFrom(start, [entered(30, "half-open"), entered(30, "open")])).toEqual([
      { at: 30, from: "closed", to: "open" },
      { at: 30, from: "open", to: "half-open" },
    ]);
  });
  it("adds nothing when the same observations come again (a retried request)", () => {
    const first = transitionsFrom(start, [entered(15, "open"), entered(30, "half-open")]);
    expect(transitionsFrom([...start, ...first], [entered(15, "open"), entered(30, "half-open")])).toEqual([]);
  });
  it("records every trip of a flapping breaker", () => {
    const obs = [seen(10, "open"), seen(20, "closed"), seen(30, "open"), seen(40, "closed"), seen(50, "open")];
    expect(transitionsFrom(start, obs).map((t) => t.to)).toEqual(["open", "closed", "open", "closed", "open"]);
  });
});

describe("breakerTimeline", () => {
  it("is unknown for a breaker never heard of", () => {
    expect(breakerTimeline({ initial: null, transitions: [], lastSeenAt: null, from: 0, to: 100 })).toEqual([{ from: 0, to: 100, state: "unknown" }]);
  });
  it("covers the range: unknown before first seen, states, unknown once silent", () => {
    const segments = breakerTimeline({
      initial: { at: 10, state: "closed" },
      transitions: [{ at: 40, to: "open" }, { at: 30, to: "open" }, { at: 50, to: "half-open" }, { at: 60, to: "closed" }],
      lastSeenAt: 70,
      from: 0,
      to: 200,
      staleAfterMs: 20,
    });
    expect(segments).toEqual([
      { from: 0, to: 10, state: "unknown" },
      { from: 10, to: 30, state: "closed" },
      { from: 30, to: 50, state: "open" },
      { from: 50, to: 60, state: "half-open" },
      { from: 60, to: 90, state: "closed" },
      { from: 90, to: 200, state: "unknown" },
    ]);
  });
  it("clips to the range and carries the state from before it", () => {
    expect(breakerTimeline({ initial: { at: 0, state: "closed" }, transitions: [{ at: 5, to: "open" }], lastSeenAt: 1000, from: 100, to: 200 })).toEqual([{ from: 100, to: 200, state: "open" }]);
  });
  it("gives flapping one segment per state", () => {
    const transitions = [10, 20, 30, 40].map((at, i) => ({ at, to: i % 2 === 0 ? ("open" as const) : ("closed" as const) }));
    expect(breakerTimeline({ initial: { at: 0, state: "closed" }, transitions, lastSeenAt: 50, from: 0, to: 50 }).map((s) => s.state)).toEqual(["closed", "open", "closed", "open", "closed"]);
  });
});

describe("breakerRangeStats and flapping", () => {
  it("sums time per state and counts transitions in range", () => {
    const segments = [
      { from: 0, to: 10, state: "unknown" as const },
      { from: 10, to: 30, state: "closed" as const },
      { from: 30, to: 50, state: "open" as const },
      { from: 50, to: 55, state: "half-open" as const },
    ];
    expect(breakerRangeStats(segments, [{ at: 30, to: "open" }, { at: 50, to: "half-open" }, { at: 99, to: "closed" }], 0, 55)).toEqual({
      openMs: 20, halfOpenMs: 5, closedMs: 20, unknownMs: 10, transitions: 2, opens: 1,
    });
  });
  it("calls three trips within the window flapping", () => {
    const trips = [1, 2, 3].map((m) => ({ at: m * 60_000, to: "open" as const }));
    expect(isFlapping(trips, 10 * 60_000)).toBe(true);
    expect(isFlapping(trips.slice(1), 10 * 60_000)).toBe(false);
    expect(isFlapping(trips, 62 * 60_000)).toBe(false);
  });
  it("sorts open, half-open, closed, unknown", () => {
    expect(["closed", "unknown", "open", "half-open"].sort((a, b) => compareBreakerStates(a as never, b as never))).toEqual(["open", "half-open", "closed", "unknown"]);
  });
});
