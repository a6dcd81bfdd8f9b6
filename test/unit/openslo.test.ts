import { describe, expect, it } from "vitest";
import { formatPromSelector, parsePromSelector } from "@/lib/domain/promql-selector";
import { fieldIssues, openSloDocumentSchema, type OpenSloSlo } from "@/lib/schemas/openslo";
import type { SloDefinition } from "@/lib/schemas/slo";
import { openSloName, openSloSloOf, sliFromOpenSlo, sloFromOpenSlo } from "@/lib/server/services/openslo-mapping";

describe("PromQL selector mapping", () => {
  it.each([
    ["a bare metric", "http_requests_total", "http_requests_total", {}],
    ["equality matchers", 'http_requests_total{code="500",job="api"}', "http_requests_total", { code: "500", job: "api" }],
    ["sum(rate(…[5m]))", 'sum(rate(http_requests_total{code="500"}[5m]))', "http_requests_total", { code: "500" }],
    ["sum(increase(…[30d]))", 'sum(increase(errors_total{job="api"}[30d]))', "errors_total", { job: "api" }],
    ["increase(…) alone", "increase(errors_total[1h30m])", "errors_total", {}],
    ["sum(…) of a counter", "sum(errors_total{a='b'})", "errors_total", { a: "b" }],
    ["__name__ and a trailing comma", '{__name__="errors_total", a="b",}', "errors_total", { a: "b" }],
    ["escapes in a value", 'x_total{path="/a\\"b\\\\c",t=`raw\\n`}', "x_total", { path: '/a"b\\c', t: "raw\\n" }],
    ["spaces everywhere", ' sum ( rate ( x_total { a = "b" } [ 5m ] ) ) ', "x_total", { a: "b" }],
    ["an empty value (label absent)", 'x_total{a=""}', "x_total", { a: "" }],
  ])("accepts %s", (_name, query, metric, matchers) => {
    expect(parsePromSelector(query)).toEqual({ ok: true, selector: { metric, matchers } });
  });

  it.each([
    ["a regex matcher", 'x_total{code=~"5.."}', 'code=~"5.." is a regex'],
    ["a negative matcher", 'x_total{code!="200"}', 'code!="200" is a negation'],
    ["a negative regex", 'x_total{code!~"2.."}', "is a regex"],
    ["histogram_quantile", "histogram_quantile(0.99, sum(rate(x_bucket[5m])) by (le))", "the function histogram_quantile() cannot be mapped"],
    ["grouping", "sum by (code) (rate(x_total[5m]))", "grouping (by/without)"],
    ["grouping after", "sum(rate(x_total[5m])) by (code)", "grouping (by/without)"],
    ["a ratio", "sum(a_total) / sum(b_total)", "this use of sum() cannot be mapped"],
    ["rate without a range", "rate(x_total)", "need a range"],
    ["a bare range", "x_total[5m]", "a range selector needs rate() or increase()"],
    ["offset", "x_total offset 5m", '"offset 5m" after the selector'],
    ["a comparison", "x_total > 0", '"> 0" after the selector'],
    ["no metric", '{a="b"}', "no metric name"],
    ["an empty query", "", "no metric name"],
    ["a label twice", 'x_total{a="b",a="c"}', "matched twice"],
    ["unclosed matchers", 'x_total{a="b"', "not closed"],
    ["an unclosed value", 'x_total{a="b}', "not closed"],
    ["a reserved label", 'x_total{__x="b"}', "reserved"],
  ])("refuses %s", (_name, query, reason) => {
    const result = parsePromSelector(query);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });

  it("formats with sorted labels and escaped values, and parses back to the same selector", () => {
    const selector = { metric: "x_total", matchers: { z: "1", a: 'say "hi"\n' } };
    const query = formatPromSelector(selector);
    expect(query).toBe('x_total{a="say \\"hi\\"\\n",z="1"}');
    expect(parsePromSelector(query)).toEqual({ ok: true, selector });
    expect(formatPromSelector({ metric: "up", matchers: {} })).toBe("up");
  });
});

const prometheus = (query: string) => ({ metricSource: { type: "Prometheus", spec: { query } } });

function sloDocument(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "openslo/v1",
    kind: "SLO",
    metadata: { name: "availability", ...metadata },
    spec: {
      service: "checkout",
      indicator: { metadata: { name: "errors" }, spec: { ratioMetric: { counter: true, bad: prometheus('http_requests_total{code="500"}'), total: prometheus("http_requests_total") } } },
      timeWindow: [{ duration: "30d", isRolling: true }],
      budgetingMethod: "Occurrences",
      objectives: [{ target: 0.999 }],
      ...spec,
    },
  };
}

const schemaIssues = (value: unknown) => {
  const result = openSloDocumentSchema.safeParse(value);
  return result.success ? [] : fieldIssues(result.error.issues).map((i) => [i.path.join("."), i.message]);
};

describe("OpenSLO document schema", () => {
  it("accepts a complete SLO", () => {
    expect(schemaIssues(sloDocument())).toEqual([]);
  });

  it.each([
    ["an unsupported kind", { ...sloDocument(), kind: "AlertPolicy" }, "kind", 'kind "AlertPolicy" is not supported'],
    ["no apiVersion", { ...sloDocument(), apiVersion: undefined }, "apiVersion", "required: openslo/v1"],
    ["a missing field", sloDocument({ service: undefined }), "spec.service", "required"],
    ["another apiVersion", { ...sloDocument(), apiVersion: "openslo/v1alpha" }, "apiVersion", "only openslo/v1 is supported"],
    ["Timeslices without its objective fields", sloDocument({ budgetingMethod: "Timeslices" }), "spec.objectives.0.timeSliceWindow", "required with Timeslices budgeting"],
    ["RatioTimeslices budgeting", sloDocument({ budgetingMethod: "RatioTimeslices" }), "spec.budgetingMethod", "RatioTimeslices (the average of the slices' ratios) is not supported"],
    ["another budgeting method", sloDocument({ budgetingMethod: "Events" }), "spec.budgetingMethod", "Occurrences or Timeslices"],
    ["two objectives", sloDocument({ objectives: [{ target: 0.99 }, { target: 0.999 }] }), "spec.objectives", "exactly one objective per SLO"],
    ["target and targetPercent", sloDocument({ objectives: [{ target: 0.99, targetPercent: 99 }] }), "spec.objectives.0.target", "exactly one of target or targetPercent"],
    ["a timeslice field with Occurrences", sloDocument({ objectives: [{ target: 0.99, timeSliceTarget: 0.9 }] }), "spec.objectives.0.timeSliceTarget", "only used with Timeslices"],
    ["an unknown field", sloDocument({ budgetMethod: "Occurrences" }), "spec.budgetMethod", "not an OpenSLO v1 field"],
    ["indicator and indicatorRef", sloDocument({ indicatorRef: "errors" }), "spec.indicator", "exactly one of indicator or indicatorRef"],
    ["no time window", sloDocument({ timeWindow: undefined }), "spec.timeWindow", "required"],
    ["alert policies", sloDocument({ alertPolicies: ["page-on-burn"] }), "spec.alertPolicies", "alert policies are not supported"],
    [
      "a raw ratio",
      sloDocument({ indicator: { metadata: { name: "r" }, spec: { ratioMetric: { rawType: "success", raw: prometheus("ratio") } } } }),
      "spec.indicator.spec.ratioMetric.raw",
      "precomputed ratios (raw) are not supported",
    ],
    [
      "a Datadog source",
      sloDocument({ indicator: { metadata: { name: "d" }, spec: { thresholdMetric: { metricSource: { type: "Datadog", spec: { query: "avg:x" } } } } } }),
      "spec.indicator.spec.thresholdMetric.metricSource.type",
      'only Prometheus metric sources are supported, not "Datadog"',
    ],
    [
      "a gauge ratio",
      sloDocument({ indicator: { metadata: { name: "g" }, spec: { ratioMetric: { counter: false, good: prometheus("a"), total: prometheus("b") } } } }),
      "spec.indicator.spec.ratioMetric.counter",
      "only counters are supported",
    ],
  ])("refuses %s, naming the field", (_name, value, path, message) => {
    const issues = schemaIssues(value);
    expect(issues.map(([p]) => p)).toContain(path);
    expect(issues.find(([p]) => p === path)?.[1]).toContain(message);
  });
});

const parseSlo = (value: unknown) => openSloDocumentSchema.parse(value) as OpenSloSlo;

function mapSlo(value: unknown) {
  const doc = parseSlo(value);
  const sli = sliFromOpenSlo(doc.spec.indicator!.spec);
  if (!sli.ok) return { ok: false as const, issues: sli.issues.map((i) => [["spec", "indicator", "spec", ...i.path].join("."), i.message]) };
  const slo = sloFromOpenSlo(doc, sli.value);
  return slo.ok ? slo : { ok: false as const, issues: slo.issues.map((i) => [i.path.join("."), i.message]) };
}

const bucketIndicator = (query: string) => ({ metadata: { name: "fast" }, spec: { thresholdMetric: prometheus(query) } });

describe("OpenSLO → Steadystate mapping", () => {
  it.each([
    ["4 weeks", [{ duration: "4w", isRolling: true }], { kind: "rolling", days: 28 }],
    ["a calendar month", [{ duration: "1M", calendar: { startTime: "2024-01-01 00:00:00", timeZone: "Europe/Berlin" } }], { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" }],
    ["a calendar quarter", [{ duration: "1Q", calendar: { startTime: "2024-04-01 00:00:00", timeZone: "UTC" }, isRolling: false }], { kind: "calendar", unit: "quarter", timeZone: "UTC" }],
    ["a calendar week from a Monday", [{ duration: "1w", calendar: { startTime: "2024-01-08" } }], { kind: "calendar", unit: "week", timeZone: "UTC" }],
  ])("maps %s", (_name, timeWindow, window) => {
    expect(mapSlo(sloDocument({ timeWindow }))).toMatchObject({ ok: true, value: { window } });
  });

  it.each([
    ["hours", [{ duration: "12h", isRolling: true }], "spec.timeWindow.0.duration", "whole days or weeks"],
    ["120 days", [{ duration: "120d", isRolling: true }], "spec.timeWindow.0.duration", "Too big"],
    ["a 2-month calendar", [{ duration: "2M", calendar: { timeZone: "UTC" } }], "spec.timeWindow.0.duration", "1w, 1M or 1Q"],
    ["a shifted month", [{ duration: "1M", calendar: { startTime: "2022-01-21 12:30:00", timeZone: "UTC" } }], "spec.timeWindow.0.calendar.startTime", "would shift them"],
    ["a week from a Tuesday", [{ duration: "1w", calendar: { startTime: "2024-01-02 00:00:00" } }], "spec.timeWindow.0.calendar.startTime", "00:00 on a Monday"],
    ["an unknown time zone", [{ duration: "1M", calendar: { timeZone: "Mars/Olympus" } }], "spec.timeWindow.0.calendar.timeZone", "IANA time zone"],
    ["neither rolling nor calendar", [{ duration: "30d" }], "spec.timeWindow.0.isRolling", "rolling (isRolling: true) or has a calendar"],
  ])("refuses a window of %s", (_name, timeWindow, path, message) => {
    const result = mapSlo(sloDocument({ timeWindow }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.find(([p]) => p === path)?.[1]).toContain(message);
  });

  it("keeps the objective's decimal exact, from target or targetPercent", () => {
    expect(mapSlo(sloDocument({ objectives: [{ targetPercent: "99.95" }] }))).toMatchObject({ value: { objective: "0.9995" } });
    expect(mapSlo(sloDocument({ objectives: [{ targetPercent: 99.9 }] }))).toMatchObject({ value: { objective: "0.999" } });
    expect(mapSlo(sloDocument({ objectives: [{ target: "0.9990" }] }))).toMatchObject({ value: { objective: "0.9990" } });
    expect(mapSlo(sloDocument({ objectives: [{ targetPercent: 100 }] }))).toMatchObject({ issues: [["spec.objectives.0.targetPercent", "a percentage below 100, such as 99.9"]] });
    expect(mapSlo(sloDocument({ objectives: [{ target: 1 }] }))).toMatchObject({ issues: [["spec.objectives.0.target", "a decimal such as 0.999"]] });
  });

  it("maps a histogram bucket threshold to a latency SLI and refuses what does not say the same", () => {
    const fast = bucketIndicator('sum(rate(http_request_duration_seconds_bucket{le="0.25",service="catalog"}[5m]))');
    expect(mapSlo(sloDocument({ indicator: fast, objectives: [{ op: "lte", value: 0.25, target: 0.95 }] }))).toMatchObject({
      ok: true,
      value: { sli: { kind: "latency", histogram: "http_request_duration_seconds", matchers: { service: "catalog" }, threshold: 0.25 }, objective: "0.95" },
    });
    const refused = (indicator: unknown, objective: Record<string, unknown>) => mapSlo(sloDocument({ indicator, objectives: [{ target: 0.95, ...objective }] }));
    expect(refused(fast, { op: "gte" })).toMatchObject({ issues: [["spec.objectives.0.op", expect.stringContaining("only lte")]] });
    expect(refused(fast, { value: 0.5 })).toMatchObject({ issues: [["spec.objectives.0.value", expect.stringContaining('le="0.25"')]] });
    expect(refused(bucketIndicator("http_request_duration_seconds_count"), {})).toMatchObject({
      issues: [["spec.indicator.spec.thresholdMetric.metricSource.spec.query", expect.stringContaining("one histogram bucket")]],
    });
    expect(refused(bucketIndicator('x_bucket{le="+Inf"}'), {})).toMatchObject({ ok: false });
  });

  it("names the query of a ratio metric that cannot be mapped", () => {
    const indicator = { metadata: { name: "e" }, spec: { ratioMetric: { good: prometheus('x_total{code=~"2.."}'), total: prometheus("x_total") } } };
    expect(mapSlo(sloDocument({ indicator }))).toMatchObject({
      issues: [["spec.indicator.spec.ratioMetric.good.metricSource.spec.query", expect.stringContaining("only equality matchers")]],
    });
  });

  it("refuses labels with several values and SLIs that mix data sources", () => {
    expect(mapSlo(sloDocument({}, { labels: { team: ["a", "b"], tier: ["1"] } }))).toMatchObject({ issues: [["metadata.labels.team", expect.stringContaining("one value each")]] });
    const mixed = { metadata: { name: "m" }, spec: { ratioMetric: { good: { metricSource: { metricSourceRef: "prod", spec: { query: "a" } } }, total: prometheus("b") } } };
    expect(mapSlo(sloDocument({ indicator: mixed }))).toMatchObject({ issues: [["spec.indicator.spec.ratioMetric.total.metricSource.metricSourceRef", expect.stringContaining("same data source")]] });
  });
});

describe("Steadystate → OpenSLO", () => {
  const definition = (overrides: Partial<SloDefinition>): SloDefinition => ({
    id: "x", createdAt: "", updatedAt: "", alertTiers: null, groupBy: [], exclusions: [], name: "Search under 250 ms", service: "catalog", description: "Fast search.", owner: "storefront",
    labels: { tier: "1" }, objective: "0.9950", window: { kind: "calendar", unit: "quarter", timeZone: "Europe/Berlin" }, dataSource: "prod",
    sli: { kind: "latency", histogram: "http_request_duration_seconds", matchers: { service: "catalog" }, threshold: 0.25 },
    ...overrides,
  });

  it("gives OpenSLO names to names with spaces and capitals", () => {
    expect(openSloName("Search under 250 ms")).toBe("search-under-250-ms");
    expect(openSloName("availability")).toBe("availability");
    expect(openSloName("  ")).toBe("slo");
  });

  it.each([
    ["a latency SLO on a data source", {}],
    ["a bad/total ratio SLO on the embedded store", { name: "availability", owner: null, description: null, labels: {}, dataSource: "embedded", window: { kind: "rolling", days: 30 }, sli: { kind: "ratio", bad: { metric: "e_total", matchers: { code: "500" } }, total: { metric: "r_total", matchers: {} } } }],
  ] as [string, Partial<SloDefinition>][])("maps %s to a valid document that maps back to the same definition", (_name, overrides) => {
    const slo = definition(overrides);
    const doc = openSloSloOf(slo);
    expect(schemaIssues(doc)).toEqual([]);
    const { id: _id, createdAt: _c, updatedAt: _u, exclusions: _e, ...input } = slo;
    // The document carries the objective as a number; the YAML writer keeps its trailing zeros.
    const back = mapSlo({ ...doc, spec: { ...doc.spec, objectives: [{ ...doc.spec.objectives[0], target: slo.objective }] } });
    expect(back).toEqual({ ok: true, value: { ...input, description: input.description ?? undefined, owner: input.owner ?? undefined } });
  });
});
