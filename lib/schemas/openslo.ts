// The OpenSLO v1 documents Steadystate reads and writes (github.com/OpenSLO/OpenSLO, README
// "Object Types"). Field names follow the spec; what Steadystate cannot represent is refused
// here with the reason, so an import never stores something that means less than the file says.
import { z } from "zod";

export const OPENSLO_API_VERSION = "openslo/v1";
export const OPENSLO_KINDS = ["Service", "SLI", "SLO"] as const;

/** Where OpenSLO has no field, Steadystate's own values live in annotations (the spec's place for implementation metadata). */
export const ANNOTATIONS = {
  /** The SLO's Steadystate name when it is not a valid OpenSLO name (spaces, capitals). */
  name: "steadystate/name",
  owner: "steadystate/owner",
  /**
   * How a timeslice gauge turns a slice's samples into one value (avg, min or max). Absent: the
   * aggregation that makes `timeSliceTarget: 1` mean what the spec says, every sample meets the
   * objective: min for gte/gt, max for lte/lt.
   */
  aggregation: "steadystate/aggregation",
} as const;

const custom = <T>(ctx: z.core.ParsePayload<T>, path: PropertyKey[], message: string) =>
  ctx.issues.push({ code: "custom", message, input: ctx.value, path });

const metadataSchema = z.strictObject({
  name: z.string().min(1, "required").max(253),
  displayName: z.string().optional(),
  labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const metricSourceSchema = z
  .strictObject({
    /** A Steadystate data source's name; absent means the embedded store. */
    metricSourceRef: z.string().min(1).optional(),
    type: z.string().optional(),
    // Strict: keys other than query belong to other source types, and would be silently ignored.
    spec: z.strictObject({ query: z.string().min(1, "a PromQL query") }),
  })
  .check((ctx) => {
    const { type, metricSourceRef } = ctx.value;
    if (type !== undefined && type.toLowerCase() !== "prometheus") custom(ctx, ["type"], `only Prometheus metric sources are supported, not "${type}"`);
    if (type === undefined && metricSourceRef === undefined) custom(ctx, ["type"], "required (Prometheus) when there is no metricSourceRef");
  });

const metricSchema = z.strictObject({ metricSource: metricSourceSchema });
export type OpenSloMetric = z.infer<typeof metricSchema>;

const ratioMetricSchema = z
  .strictObject({
    counter: z.boolean().optional(),
    good: metricSchema.optional(),
    bad: metricSchema.optional(),
    total: metricSchema.optional(),
    rawType: z.enum(["success", "failure"]).optional(),
    raw: metricSchema.optional(),
  })
  .check((ctx) => {
    const v = ctx.value;
    if (v.raw !== undefined || v.rawType !== undefined) {
      custom(ctx, [v.raw !== undefined ? "raw" : "rawType"], "precomputed ratios (raw) are not supported: give good or bad, and total, as counters");
      return;
    }
    if (v.counter === false) custom(ctx, ["counter"], "only counters are supported (counter: true): Steadystate counts events from counter increases");
    if ((v.good === undefined) === (v.bad === undefined)) custom(ctx, ["good"], "give exactly one of good or bad");
    if (v.total === undefined) custom(ctx, ["total"], "required");
  });

export const openSloSliSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    thresholdMetric: metricSchema.optional(),
    ratioMetric: ratioMetricSchema.optional(),
  })
  .check((ctx) => {
    if ((ctx.value.thresholdMetric === undefined) === (ctx.value.ratioMetric === undefined)) {
      custom(ctx, ["ratioMetric"], "give exactly one of ratioMetric or thresholdMetric");
    }
  });
export type OpenSloSliSpec = z.infer<typeof openSloSliSpecSchema>;

const timeWindowSchema = z.strictObject({
  duration: z.string().regex(/^[1-9][0-9]*[mhdwMQY]$/, "a duration shorthand such as 30d, 4w or 1M"),
  isRolling: z.boolean().optional(),
  calendar: z.strictObject({ startTime: z.string().optional(), timeZone: z.string().optional() }).optional(),
});
export type OpenSloTimeWindow = z.infer<typeof timeWindowSchema>;

/** A string when the import kept the number as written (slo-math.md: objectives are never rounded). */
const decimal = z.union([z.number(), z.string().regex(/^\d*\.?\d+$/, "a number")]);

const objectiveSchema = z
  .strictObject({
    displayName: z.string().optional(),
    op: z.enum(["lte", "gte", "lt", "gt"]).optional(),
    value: z.number().optional(),
    target: decimal.optional(),
    targetPercent: decimal.optional(),
    timeSliceTarget: z.number().gt(0, "a share of good time in a slice, above 0 and at most 1").max(1, "a share of good time in a slice, above 0 and at most 1").optional(),
    timeSliceWindow: z.union([z.number(), z.string()]).optional(),
  })
  .check((ctx) => {
    if ((ctx.value.target === undefined) === (ctx.value.targetPercent === undefined)) custom(ctx, ["target"], "give exactly one of target or targetPercent");
  });
export type OpenSloObjective = z.infer<typeof objectiveSchema>;

const RATIO_TIMESLICES = "RatioTimeslices (the average of the slices' ratios) is not supported: use Timeslices (the share of good slices) or Occurrences (good events over all events)";

const sloSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    service: z.string().min(1, "required"),
    indicator: z.strictObject({ metadata: metadataSchema, spec: openSloSliSpecSchema }).optional(),
    indicatorRef: z.string().min(1).optional(),
    timeWindow: z.array(timeWindowSchema, { error: "required: one rolling or calendar window" }).length(1, "exactly one time window"),
    budgetingMethod: z.string().check((ctx) => {
      if (ctx.value === "RatioTimeslices") custom(ctx, [], RATIO_TIMESLICES);
      else if (ctx.value !== "Occurrences" && ctx.value !== "Timeslices") custom(ctx, [], "Occurrences or Timeslices");
    }),
    objectives: z
      .array(objectiveSchema)
      .min(1, "one objective is required")
      .max(1, "Steadystate supports exactly one objective per SLO; give each other objective an SLO of its own"),
    alertPolicies: z.array(z.unknown()).max(0, "alert policies are not supported: Steadystate alerts with its default burn-rate tiers").optional(),
  })
  .check((ctx) => {
    const v = ctx.value;
    if ((v.indicator === undefined) === (v.indicatorRef === undefined)) custom(ctx, ["indicator"], "give exactly one of indicator or indicatorRef");
    const timeslices = v.budgetingMethod === "Timeslices";
    v.objectives.forEach((o, i) => {
      for (const key of ["timeSliceTarget", "timeSliceWindow"] as const) {
        if (!timeslices && o[key] !== undefined) custom(ctx, ["objectives", i, key], "only used with Timeslices budgeting");
        if (timeslices && o[key] === undefined) custom(ctx, ["objectives", i, key], "required with Timeslices budgeting");
      }
    });
  });

const apiVersion = z.literal(OPENSLO_API_VERSION, { error: (issue) => (issue.input === undefined ? `required: ${OPENSLO_API_VERSION}` : `only ${OPENSLO_API_VERSION} is supported`) });
const kindError = (input: unknown) => {
  const kind = (input as { kind?: unknown } | null)?.kind;
  const supported = `Steadystate imports ${OPENSLO_KINDS.join(", ")}`;
  return kind === undefined ? `required; ${supported}` : `kind ${JSON.stringify(kind)} is not supported; ${supported}`;
};

export const openSloServiceSchema = z.strictObject({
  apiVersion,
  kind: z.literal("Service"),
  metadata: metadataSchema,
  spec: z.strictObject({ description: z.string().optional() }).optional(),
});
export const openSloSliSchema = z.strictObject({ apiVersion, kind: z.literal("SLI"), metadata: metadataSchema, spec: openSloSliSpecSchema });
export const openSloSloSchema = z.strictObject({ apiVersion, kind: z.literal("SLO"), metadata: metadataSchema, spec: sloSpecSchema });

export const openSloDocumentSchema = z.discriminatedUnion("kind", [openSloServiceSchema, openSloSliSchema, openSloSloSchema], {
  error: (issue) => (issue.code === "invalid_union" ? kindError(issue.input) : undefined),
});
export type OpenSloService = z.infer<typeof openSloServiceSchema>;
export type OpenSloSli = z.infer<typeof openSloSliSchema>;
export type OpenSloSlo = z.infer<typeof openSloSloSchema>;
export type OpenSloBudgetingMethod = "Occurrences" | "Timeslices";
export type OpenSloDocument = z.infer<typeof openSloDocumentSchema>;

/** POST /api/slos/import as JSON: several files at once, imported together or not at all. */
export const openSloImportRequestSchema = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().trim().min(1, "required").max(200), content: z.string() }))
    .min(1, "at least one file")
    .max(100),
});

export type FieldIssue = { path: (string | number)[]; message: string };

/** zod issues as field issues; an unknown key gets its own path, so the error names the field. */
export function fieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key], message: "not an OpenSLO v1 field Steadystate reads" }));
    // zod says "expected string, received undefined" for a missing field; say it plainly.
    const isMissing = issue.code === "invalid_type" && issue.message.endsWith("received undefined");
    return [{ path, message: isMissing ? "required" : issue.message }];
  });
}
