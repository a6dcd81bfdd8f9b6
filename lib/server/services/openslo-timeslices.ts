import "server-only";
// OpenSLO Timeslices budgeting ⇄ Steadystate timeslice SLIs (README "OpenSLO"). The objective's
// target is the share of good slices; a ratioMetric slice is good when its own ratio reaches
// timeSliceTarget; a thresholdMetric slice is good when its one aggregated value meets op/value,
// which is timeSliceTarget 1 (every sample meeting it) for the default aggregation.
import { ANNOTATIONS, type FieldIssue, type OpenSloObjective, type OpenSloSliSpec, type OpenSloSlo } from "@/lib/schemas/openslo";
import type { Selector, Sli, TimesliceSli } from "@/lib/schemas/slo";

type Path = (string | number)[];
type Gauge = Extract<TimesliceSli["indicator"], { type: "gauge" }>;
type Aggregation = Gauge["aggregation"];
type Op = Gauge["op"];

/** A thresholdMetric read for Timeslices: a gauge selector, judged per slice by the objective. */
export type GaugeQuery = { kind: "gauge" } & Selector;

export const SLICE_MINUTES = [1, 2, 5, 10, 15, 30, 60] as const;
const OPS: Record<NonNullable<OpenSloObjective["op"]>, Op> = { lte: "<=", gte: ">=", lt: "<", gt: ">" };
const OPENSLO_OPS = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k])) as Record<Op, NonNullable<OpenSloObjective["op"]>>;
const AGGREGATIONS: readonly Aggregation[] = ["avg", "min", "max"];

/** The aggregation under which timeSliceTarget 1 means "every sample of the slice meets op value". */
export const defaultAggregation = (op: Op): Aggregation => (op === ">=" || op === ">" ? "min" : "max");

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** timeSliceWindow as minutes: a number is minutes (the spec's default unit), or a shorthand such as 5m or 1h. */
function sliceMinutesFrom(window: number | string): number | null {
  const m = typeof window === "number" ? null : /^([1-9][0-9]*)([smhd])$/.exec(window);
  const minutes = typeof window === "number" ? window : m ? (Number(m[1]) * UNIT_SECONDS[m[2]!]!) / 60 : NaN;
  return (SLICE_MINUTES as readonly number[]).includes(minutes) ? minutes : null;
}

/** A timeslice SLI from the SLO's one objective and its SLI; problems go to issues, named by field. */
export function timesliceFromOpenSlo(doc: OpenSloSlo, sli: Sli | GaugeQuery, issues: FieldIssue[]): TimesliceSli | undefined {
  const path: Path = ["spec", "objectives", 0];
  const at = (key: string, message: string) => issues.push({ path: [...path, key], message });
  const o = doc.spec.objectives[0]!;
  const sliceMinutes = sliceMinutesFrom(o.timeSliceWindow!);
  if (sliceMinutes === null) at("timeSliceWindow", `Steadystate's slices are ${SLICE_MINUTES.join(", ")} minutes (e.g. 5m, 1h, or 5 for minutes)`);
  const aggregationAt: Path = ["metadata", "annotations", ANNOTATIONS.aggregation];
  const aggregation = doc.metadata.annotations?.[ANNOTATIONS.aggregation];
  if (sli.kind === "gauge") {
    if (o.op === undefined) at("op", "required with a thresholdMetric and Timeslices: lte, gte, lt or gt");
    if (o.value === undefined) at("value", "required with a thresholdMetric and Timeslices: the threshold each slice is compared with");
    if (o.timeSliceTarget !== 1) at("timeSliceTarget", `a slice is judged by one aggregated value (annotation ${ANNOTATIONS.aggregation}), so only 1 can be mapped`);
    if (aggregation !== undefined && !(AGGREGATIONS as string[]).includes(aggregation)) issues.push({ path: aggregationAt, message: "avg, min or max" });
    if (issues.length > 0 || sliceMinutes === null || o.op === undefined || o.value === undefined) return undefined;
    const op = OPS[o.op];
    const indicator: Gauge = { type: "gauge", metric: sli.metric, matchers: sli.matchers, aggregation: (aggregation as Aggregation | undefined) ?? defaultAggregation(op), op, threshold: o.value };
    return { kind: "timeslice", sliceMinutes, indicator };
  }
  if (aggregation !== undefined) issues.push({ path: aggregationAt, message: "only used with a thresholdMetric" });
  if (sli.kind !== "ratio") return undefined; // a histogram bucket is only read for Occurrences
  for (const key of ["op", "value"] as const) if (o[key] !== undefined) at(key, "only used with a thresholdMetric");
  if (issues.length > 0 || sliceMinutes === null) return undefined;
  const { kind: _kind, ...selectors } = sli;
  return { kind: "timeslice", sliceMinutes, indicator: { type: "ratio", ...selectors, target: o.timeSliceTarget! } };
}

type Exported = { spec: OpenSloSliSpec; objective: Pick<OpenSloObjective, "op" | "value" | "timeSliceTarget" | "timeSliceWindow">; annotations: Record<string, string> };

/** The SLI spec, objective fields and annotations of a timeslice SLI; `metric` writes one selector as an OpenSLO metric. */
export function timesliceToOpenSlo(sli: TimesliceSli, metric: (selector: Selector) => NonNullable<OpenSloSliSpec["thresholdMetric"]>): Exported {
  const timeSliceWindow = `${sli.sliceMinutes}m`;
  const { indicator } = sli;
  if (indicator.type === "ratio") {
    const numerator = indicator.good ? { good: metric(indicator.good) } : { bad: metric(indicator.bad!) };
    return { spec: { ratioMetric: { counter: true, ...numerator, total: metric(indicator.total) } }, objective: { timeSliceTarget: indicator.target, timeSliceWindow }, annotations: {} };
  }
  const annotations: Record<string, string> = indicator.aggregation === defaultAggregation(indicator.op) ? {} : { [ANNOTATIONS.aggregation]: indicator.aggregation };
  return {
    spec: { thresholdMetric: metric({ metric: indicator.metric, matchers: indicator.matchers }) },
    objective: { op: OPENSLO_OPS[indicator.op], value: indicator.threshold, timeSliceTarget: 1, timeSliceWindow },
    annotations,
  };
}
