import { describe, expect, it } from "vitest";
import { emptyForm, formatPairs, fromDefinition, parsePairs, toDefinition } from "@/components/slo/slo-form";
import type { SloDefinition } from "@/lib/schemas/slo";

const base = { id: "x", createdAt: "", updatedAt: "", exclusions: [], groupBy: ["route"], description: "Orders.", owner: "payments", labels: { tier: "1" }, objective: "0.999", dataSource: "embedded", name: "n", service: "checkout" };

describe("SLO editor form", () => {
  it.each([
    ['code="500", job=api', { code: "500", job: "api" }],
    ["  ", {}],
    ['route="/a,b", job=api', { route: "/a,b", job: "api" }],
    ["job", { job: "" }],
    ["le=+Inf", { le: "+Inf" }],
  ])("parses %j", (text, pairs) => {
    expect(parsePairs(text)).toEqual(pairs);
  });

  it.each([
    ["a ratio SLO with its own tiers on a rolling window", {
      window: { kind: "rolling", days: 28 }, alertTiers: [{ severity: "page", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.02" }],
      sli: { kind: "ratio", good: { metric: "ok_total", matchers: { job: "api" } }, total: { metric: "all_total", matchers: {} } },
    }],
    ["a latency SLO on a calendar window with the default tiers", {
      window: { kind: "calendar", unit: "quarter", timeZone: "Europe/Berlin" }, alertTiers: null,
      sli: { kind: "latency", histogram: "http_request_duration_seconds", matchers: { service: "catalog" }, threshold: 0.25 },
    }],
  ])("turns %s into a form and back unchanged", (_name, overrides) => {
    const slo = { ...base, ...overrides } as SloDefinition;
    const { id: _i, createdAt: _c, updatedAt: _u, exclusions: _e, ...input } = slo;
    expect(toDefinition(fromDefinition(slo))).toEqual(input);
  });

  it("keeps what the user typed when it is not a number, for the server to refuse by name", () => {
    const form = { ...emptyForm("checkout"), days: "thirty", sliKind: "latency" as const, threshold: "" };
    const def = toDefinition(form);
    expect(def.window).toEqual({ kind: "rolling", days: "thirty" });
    expect(def.sli).toMatchObject({ threshold: "" });
    expect(formatPairs({ a: "1" })).toBe('a="1"');
  });
});
