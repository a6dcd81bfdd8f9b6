import { describe, expect, it } from "vitest";
import { fieldIssues, openSloDocumentSchema, type OpenSloSlo } from "@/lib/schemas/openslo";
import type { SloDefinition } from "@/lib/schemas/slo";
import { openSloSloOf, sliFromOpenSlo, sloFromOpenSlo } from "@/lib/server/services/openslo-mapping";

const prometheus = (query: string) => ({ metricSource: { type: "Prometheus", spec: { query } } });
const gaugeIndicator = { metadata: { name: "up" }, spec: { thresholdMetric: prometheus('up{job="api"}') } };
const ratioIndicator = { metadata: { name: "req" }, spec: { ratioMetric: { counter: true, good: prometheus('req_total{code="200"}'), total: prometheus("req_total") } } };

function timeslices(objective: Record<string, unknown>, spec: Record<string, unknown> = {}, annotations?: Record<string, string>) {
  return {
    apiVersion: "openslo/v1",
    kind: "SLO",
    metadata: { name: "probe", ...(annotations ? { annotations } : {}) },
    spec: { service: "api", indicator: gaugeIndicator, timeWindow: [{ duration: "7d", isRolling: true }], budgetingMethod: "Timeslices", objectives: [{ target: 0.99, timeSliceTarget: 1, timeSliceWindow: "5m", ...objective }], ...spec },
  };
}

function mapSlo(value: unknown) {
  const parsed = openSloDocumentSchema.safeParse(value);
  if (!parsed.success) return { ok: false as const, issues: fieldIssues(parsed.error.issues).map((i) => [i.path.join("."), i.message]) };
  const doc = parsed.data as OpenSloSlo;
  const sli = sliFromOpenSlo(doc.spec.indicator!.spec, doc.spec.budgetingMethod as "Occurrences" | "Timeslices");
  if (!sli.ok) return { ok: false as const, issues: sli.issues.map((i) => [["spec", "indicator", "spec", ...i.path].join("."), i.message]) };
  const slo = sloFromOpenSlo(doc, sli.value);
  return slo.ok ? slo : { ok: false as const, issues: slo.issues.map((i) => [i.path.join("."), i.message]) };
}

const gauge = (op: ">=" | ">" | "<=" | "<", aggregation: "avg" | "min" | "max", threshold = 1) => ({ type: "gauge" as const, metric: "up", matchers: { job: "api" }, aggregation, op, threshold });

describe("OpenSLO Timeslices → timeslice SLI", () => {
  it.each([
    ["gte, no annotation: min", { op: "gte", value: 1 }, undefined, 5, gauge(">=", "min")],
    ["gt, no annotation: min", { op: "gt", value: 0 }, undefined, 5, gauge(">", "min", 0)],
    ["lte, no annotation: max", { op: "lte", value: 0.5 }, undefined, 5, gauge("<=", "max", 0.5)],
    ["lt with avg annotated", { op: "lt", value: 80 }, { "steadystate/aggregation": "avg" }, 5, gauge("<", "avg", 80)],
    ["a number as minutes", { op: "gte", value: 1, timeSliceWindow: 15 }, undefined, 15, gauge(">=", "min")],
    ["1h", { op: "gte", value: 1, timeSliceWindow: "1h" }, undefined, 60, gauge(">=", "min")],
    ["120s", { op: "gte", value: 1, timeSliceWindow: "120s" }, undefined, 2, gauge(">=", "min")],
  ])("maps a thresholdMetric gauge: %s", (_name, objective, annotations, sliceMinutes, indicator) => {
    expect(mapSlo(timeslices(objective, {}, annotations))).toMatchObject({ ok: true, value: { objective: "0.99", sli: { kind: "timeslice", sliceMinutes, indicator } } });
  });

  it("maps a ratioMetric: target is the share of good slices, timeSliceTarget the slice's own target", () => {
    expect(mapSlo(timeslices({ timeSliceTarget: 0.95, timeSliceWindow: "1m" }, { indicator: ratioIndicator }))).toMatchObject({
      ok: true,
      value: {
        objective: "0.99",
        sli: { kind: "timeslice", sliceMinutes: 1, indicator: { type: "ratio", good: { metric: "req_total", matchers: { code: "200" } }, total: { metric: "req_total", matchers: {} }, target: 0.95 } },
      },
    });
  });

  it.each([
    ["a slice length Steadystate lacks", { op: "gte", value: 1, timeSliceWindow: "3m" }, {}, undefined, "spec.objectives.0.timeSliceWindow", "1, 2, 5, 10, 15, 30, 60 minutes"],
    ["a day-long slice", { op: "gte", value: 1, timeSliceWindow: "1d" }, {}, undefined, "spec.objectives.0.timeSliceWindow", "1, 2, 5, 10, 15, 30, 60 minutes"],
    ["half a minute", { op: "gte", value: 1, timeSliceWindow: "30s" }, {}, undefined, "spec.objectives.0.timeSliceWindow", "1, 2, 5, 10, 15, 30, 60 minutes"],
    ["a gauge without op", { value: 1 }, {}, undefined, "spec.objectives.0.op", "required with a thresholdMetric and Timeslices"],
    ["a gauge without value", { op: "gte" }, {}, undefined, "spec.objectives.0.value", "required with a thresholdMetric and Timeslices"],
    ["a gauge with a share of good samples", { op: "gte", value: 1, timeSliceTarget: 0.9 }, {}, undefined, "spec.objectives.0.timeSliceTarget", "only 1 can be mapped"],
    ["an unknown aggregation", { op: "gte", value: 1 }, {}, { "steadystate/aggregation": "p99" }, "metadata.annotations.steadystate/aggregation", "avg, min or max"],
    ["op on a ratio", { op: "gte", value: 1, timeSliceTarget: 0.9 }, { indicator: ratioIndicator }, undefined, "spec.objectives.0.op", "only used with a thresholdMetric"],
    ["an aggregation on a ratio", { timeSliceTarget: 0.9 }, { indicator: ratioIndicator }, { "steadystate/aggregation": "avg" }, "metadata.annotations.steadystate/aggregation", "only used with a thresholdMetric"],
    ["no timeSliceTarget", { op: "gte", value: 1, timeSliceTarget: undefined }, {}, undefined, "spec.objectives.0.timeSliceTarget", "required with Timeslices budgeting"],
    ["timeSliceTarget 0", { timeSliceTarget: 0 }, { indicator: ratioIndicator }, undefined, "spec.objectives.0.timeSliceTarget", "above 0 and at most 1"],
    ["a gauge query with a function", { op: "gte", value: 1 }, { indicator: { metadata: { name: "m" }, spec: { thresholdMetric: prometheus("min(up)") } } }, undefined, "spec.indicator.spec.thresholdMetric.metricSource.spec.query", "min() cannot be mapped"],
    ["a 90-day window", { op: "gte", value: 1 }, { timeWindow: [{ duration: "90d", isRolling: true }] }, undefined, "spec.timeWindow.0", "at most 35 days"],
  ])("refuses %s, naming the field", (_name, objective, spec, annotations, path, message) => {
    const result = mapSlo(timeslices(objective, spec, annotations));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.find(([p]) => p === path)?.[1]).toContain(message);
  });
});

describe("timeslice SLI → OpenSLO Timeslices", () => {
  const definition = (sli: SloDefinition["sli"]): SloDefinition => ({
    id: "x", createdAt: "", updatedAt: "", alertTiers: null, groupBy: [], exclusions: [], name: "probe", service: "api", description: null, owner: null,
    labels: {}, objective: "0.99", window: { kind: "rolling", days: 7 }, dataSource: "embedded", sli,
  });

  it.each([
    ["a gauge with its default aggregation", { kind: "timeslice", sliceMinutes: 5, indicator: gauge(">=", "min") }, { op: "gte", value: 1, target: 0.99, timeSliceTarget: 1, timeSliceWindow: "5m" }, undefined],
    ["a gauge with avg", { kind: "timeslice", sliceMinutes: 60, indicator: gauge("<", "avg", 80) }, { op: "lt", value: 80, target: 0.99, timeSliceTarget: 1, timeSliceWindow: "60m" }, { "steadystate/aggregation": "avg" }],
    ["a gauge with min under lte", { kind: "timeslice", sliceMinutes: 1, indicator: gauge("<=", "min", 3) }, { op: "lte", value: 3, target: 0.99, timeSliceTarget: 1, timeSliceWindow: "1m" }, { "steadystate/aggregation": "min" }],
    [
      "a slice ratio",
      { kind: "timeslice", sliceMinutes: 10, indicator: { type: "ratio", bad: { metric: "e_total", matchers: {} }, total: { metric: "r_total", matchers: {} }, target: 0.9 } },
      { target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: "10m" },
      undefined,
    ],
  ] as [string, SloDefinition["sli"], Record<string, unknown>, Record<string, string> | undefined][])("writes %s and reads it back to the same SLI", (_name, sli, objective, annotations) => {
    const doc = openSloSloOf(definition(sli));
    expect(doc.spec.budgetingMethod).toBe("Timeslices");
    expect(doc.spec.objectives).toEqual([objective]);
    expect(doc.metadata.annotations).toEqual(annotations);
    expect(mapSlo({ ...doc, spec: { ...doc.spec, objectives: [{ ...doc.spec.objectives[0], target: "0.99" }] } })).toMatchObject({ ok: true, value: { objective: "0.99", sli } });
  });

  it("writes a gauge as its selector, not a histogram bucket", () => {
    const doc = openSloSloOf(definition({ kind: "timeslice", sliceMinutes: 1, indicator: gauge(">=", "min") }));
    expect(doc.spec.indicator!.spec).toEqual({ thresholdMetric: { metricSource: { type: "Prometheus", spec: { query: 'up{job="api"}' } } } });
  });
});
