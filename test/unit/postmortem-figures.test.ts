import { describe, expect, it } from "vitest";
import { figureChanges, type FigureSet, type SloFigures } from "@/lib/domain/postmortem-figures";

const slo = (id: string, bad: number, consumed: number, error: string | null = null): SloFigures => ({
  slo: { id, name: id, service: "checkout", objective: "0.999" },
  window: error ? null : { good: 10_000 - bad, valid: 10_000, bad },
  period: error ? null : { start: "2026-10-21T12:00:00.000Z", end: "2026-11-20T12:00:00.000Z", good: 999_000, valid: 1_000_000, bad: 400, allowed: 1000 },
  consumed: error ? null : consumed,
  error,
});
const set = (budgets: SloFigures[], ttrMs = 600_000, end = "2026-11-20T12:00:00.000Z"): FigureSet => ({
  window: { start: "2026-11-20T11:50:00.000Z", end }, durations: { ttdMs: 240_000, ttmMs: 480_000, ttrMs }, budgets,
});

describe("figureChanges", () => {
  it("is empty when nothing moved", () => expect(figureChanges(set([slo("a", 145, 0.145)]), set([slo("a", 145, 0.145)]))).toEqual([]));

  it("names each moved figure with both values", () => {
    expect(figureChanges(set([slo("a", 145, 0.145)]), set([slo("a", 195, 0.195)], 720_000, "2026-11-20T12:02:00.000Z"))).toEqual([
      { what: "Incident window end", unit: "time", frozen: "2026-11-20T12:00:00.000Z", live: "2026-11-20T12:02:00.000Z" },
      { what: "Time to resolve", unit: "ms", frozen: 600_000, live: 720_000 },
      { what: "checkout / a: bad events in window", unit: "count", frozen: 145, live: 195 },
      { what: "checkout / a: share of period's budget", unit: "fraction", frozen: 0.145, live: 0.195 },
    ]);
  });

  it("ignores float noise but not real change", () => {
    expect(figureChanges(set([slo("a", 145, 0.145)]), set([slo("a", 145, 0.1 + 0.045)]))).toEqual([]);
  });

  it("reports SLOs dropped, added, or whose source stopped answering", () => {
    const changes = figureChanges(set([slo("a", 1, 0.001), slo("b", 2, 0.002)]), set([slo("b", 2, 0.002, "prom: HTTP 503"), slo("c", 0, 0)]));
    expect(changes.map((c) => [c.what, c.frozen, c.live])).toEqual([
      ["checkout / a: SLO", "cited", "no longer cited, or deleted"],
      ["checkout / b: bad events in window", 2, null],
      ["checkout / b: valid events in window", 10_000, null],
      ["checkout / b: period's allowed bad events", 1000, null],
      ["checkout / b: share of period's budget", 0.002, null],
      ["checkout / b: data source", "answered", "prom: HTTP 503"],
      ["checkout / c: SLO", "not cited", "cited"],
    ]);
  });
});
