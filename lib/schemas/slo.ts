import { z } from "zod";
import { BURN_WINDOW_NAMES, BURN_WINDOWS } from "@/lib/domain/alert-tiers";
import { LABEL_NAME, METRIC_NAME } from "@/lib/domain/ingest-limits";
import { budgetFraction, decimalFraction } from "@/lib/domain/slo-math";
import { COMPARISONS } from "@/lib/domain/timeslice";
import { serviceSlugSchema } from "./service";

const metricName = z.string().regex(METRIC_NAME, "a Prometheus metric name");
const matchers = z.record(z.string().regex(LABEL_NAME, "a label name"), z.string()).default({});

/** Series of one metric whose labels equal all the matchers. */
export const selectorSchema = z.strictObject({ metric: metricName, matchers });
export type Selector = z.infer<typeof selectorSchema>;

/** Good or bad events over total events, each a counter (slo-math.md "SLI kinds" 1). */
const ratioSliSchema = z
  .strictObject({ kind: z.literal("ratio"), good: selectorSchema.optional(), bad: selectorSchema.optional(), total: selectorSchema })
  .refine((s) => (s.good === undefined) !== (s.bad === undefined), { message: "give exactly one of good or bad", path: ["good"] });

/** Requests faster than a histogram bucket boundary over all requests (slo-math.md "SLI kinds" 2). */
const latencySliSchema = z.strictObject({
  kind: z.literal("latency"),
  /** The histogram's base name: its series are <name>_bucket{le} and <name>_count. */
  histogram: metricName,
  matchers,
  threshold: z.number().positive("a bucket boundary above 0"),
});

/**
 * The window cut into slices; a slice is good when its value meets the condition (slo-math.md
 * "SLI kinds" 3): a gauge's aggregate (e.g. `up` min >= 1), or the slice's own ratio of good
 * events (e.g. ≥ 0.99). Slices without data are gaps, neither good nor bad.
 */
const timesliceSliSchema = z.strictObject({
  kind: z.literal("timeslice"),
  sliceMinutes: z.union([1, 2, 5, 10, 15, 30, 60].map((n) => z.literal(n)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]], {
    error: "one of 1, 2, 5, 10, 15, 30 or 60 minutes",
  }).default(1),
  indicator: z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("gauge"),
      metric: metricName,
      matchers,
      /** How a slice's samples (of every matching series) become one value. */
      aggregation: z.enum(["avg", "min", "max"]).default("avg"),
      op: z.enum(COMPARISONS),
      threshold: z.number(),
    }),
    z
      .strictObject({
        type: z.literal("ratio"),
        good: selectorSchema.optional(),
        bad: selectorSchema.optional(),
        total: selectorSchema,
        /** The good share a slice needs: good / total ≥ target. */
        target: z.number().min(0).max(1),
      })
      .refine((s) => (s.good === undefined) !== (s.bad === undefined), { message: "give exactly one of good or bad", path: ["good"] }),
  ]),
});

export const sliSchema = z.discriminatedUnion("kind", [ratioSliSchema, latencySliSchema, timesliceSliSchema]);
export type TimesliceSli = z.infer<typeof timesliceSliSchema>;

export type Sli = z.infer<typeof sliSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const sloWindowSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("rolling"), days: z.number().int().min(1).max(90) }),
  z.strictObject({
    kind: z.literal("calendar"),
    unit: z.enum(["week", "month", "quarter"]),
    timeZone: z.string().refine(isTimeZone, "an IANA time zone, e.g. Europe/Berlin").default("UTC"),
  }),
]);
export type SloWindow = z.infer<typeof sloWindowSchema>;

/** Kept as the decimal the user wrote ("0.999"), never a rounded float (slo-math.md "Terms"). */
const objectiveSchema = z
  .union([z.number(), z.string().regex(/^0?\.\d+$/, "a decimal such as 0.999")])
  .transform((v) => String(v))
  .check((ctx) => {
    try {
      budgetFraction(ctx.value);
    } catch (error) {
      ctx.issues.push({ code: "custom", message: (error as Error).message, input: ctx.value });
    }
  });

/** A decimal in (0, 1], kept as written: "0.02" of the period's budget. */
const budgetSpentSchema = z
  .union([z.number(), z.string().regex(/^(0?\.\d+|1(\.0+)?)$/, "a decimal such as 0.02")])
  .transform((v) => String(v))
  .check((ctx) => {
    let share: { units: number; scale: number } | null = null;
    try {
      share = decimalFraction(ctx.value);
    } catch {
      // reported below, with the same message as any other value out of range
    }
    if (!share || !(share.units > 0 && share.units <= share.scale)) ctx.issues.push({ code: "custom", message: "a share of the budget in (0, 1]", input: ctx.value });
  });

/** One multi-window burn-rate alert tier (slo-math.md "Multi-window, multi-burn-rate alerts"). */
export const alertTierSchema = z
  .strictObject({
    severity: z.enum(["page", "ticket"]),
    longWindow: z.enum(BURN_WINDOW_NAMES),
    shortWindow: z.enum(BURN_WINDOW_NAMES),
    budgetSpent: budgetSpentSchema,
  })
  .refine((t) => BURN_WINDOWS[t.shortWindow] < BURN_WINDOWS[t.longWindow], { message: "the short window must be shorter than the long window", path: ["shortWindow"] });
export type AlertTierInput = z.infer<typeof alertTierSchema>;

const alertTiersSchema = z
  .array(alertTierSchema)
  .min(1, "at least one tier, or leave alertTiers out for the defaults")
  .max(8)
  .superRefine((tiers, ctx) => {
    const seen = new Set<string>();
    tiers.forEach((t, i) => {
      const key = `${t.longWindow}/${t.shortWindow}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: `two tiers on ${key}`, path: [i, "longWindow"] });
      seen.add(key);
    });
  });

export const sloInputSchema = z.strictObject({
  name: z.string().trim().min(1, "required").max(120),
  service: serviceSlugSchema,
  description: z.string().trim().max(4000).nullish(),
  owner: z.string().trim().max(120).nullish(),
  labels: z.record(z.string().regex(LABEL_NAME), z.string().max(200)).default({}),
  objective: objectiveSchema,
  window: sloWindowSchema,
  sli: sliSchema,
  /** A data source's name; "embedded" is the built-in sample store. */
  dataSource: z.string().min(1).default("embedded"),
  /** Burn-rate alert tiers; null or left out means the defaults of slo-math.md. */
  alertTiers: alertTiersSchema.nullish().transform((t) => t ?? null),
  /** Labels to fan out by: one set of figures (and alerts) per value, e.g. per route. */
  groupBy: z
    .array(z.string().regex(LABEL_NAME, "a label name"))
    .max(3, "at most 3 labels")
    .refine((labels) => new Set(labels).size === labels.length, "each label once")
    .default([]),
}).superRefine((slo, ctx) => {
  if (slo.sli.kind !== "timeslice") return;
  // Slices are read from minute rollups, which are kept 35 days (lib/domain/retention.ts).
  if ((slo.window.kind === "rolling" && slo.window.days > 35) || (slo.window.kind === "calendar" && slo.window.unit === "quarter")) {
    ctx.addIssue({ code: "custom", path: ["window"], message: "timeslice SLIs need a window of at most 35 days (minute data is kept 35 days)" });
  }
  if (slo.dataSource !== "embedded") {
    ctx.addIssue({ code: "custom", path: ["dataSource"], message: "timeslice SLIs are computed from the embedded store" });
  }
});
export type SloInput = z.infer<typeof sloInputSchema>;
/** What callers may pass before defaults are applied (labels, dataSource, matchers). */
export type SloInputRaw = z.input<typeof sloInputSchema>;

/**
 * A maintenance window or budget adjustment: events inside [start, end) leave both good and valid
 * (slo-math.md "Exclusions"). Exclusions of one SLO never overlap.
 */
export const exclusionInputSchema = z
  .strictObject({
    kind: z.enum(["maintenance", "adjustment"]).default("maintenance"),
    start: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    end: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    reason: z.string().trim().min(1, "required").max(1000),
    author: z.string().trim().min(1, "required").max(120),
  })
  .refine((e) => !(e.start instanceof Date && e.end instanceof Date) || e.end > e.start, { message: "end must be after start", path: ["end"] });
export type ExclusionInput = z.infer<typeof exclusionInputSchema>;
export type SloExclusion = { id: string; kind: "maintenance" | "adjustment"; start: string; end: string; reason: string; author: string; createdAt: string };

export type SloDefinition = SloInput & { id: string; createdAt: string; updatedAt: string; exclusions: SloExclusion[] };
