import { z } from "zod";
import { MAX_RANGE_MS, RANGE_PRESET_NAMES, RANGE_PRESETS } from "@/lib/domain/time-range";

/**
 * GET /api/slos/{id}/activity?range=24h, or ?range=custom&from=…&to=… (ISO 8601): the same
 * ranges as the pages' time picker, refused with field errors instead of silently replaced.
 */
export const sloActivityQuerySchema = z
  .object({
    range: z.enum(["custom", ...RANGE_PRESET_NAMES]).default("24h"),
    from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
    to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.range !== "custom") return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "a custom range needs from" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "a custom range needs to" });
    if (q.from && q.to && !(q.to > q.from)) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_RANGE_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "at most 93 days" });
  });

/** The range a parsed query stands for at `now`. */
export function activityRange(q: z.infer<typeof sloActivityQuerySchema>, now: Date): { from: Date; to: Date } {
  if (q.range === "custom") return { from: q.from!, to: q.to! };
  return { from: new Date(now.getTime() - RANGE_PRESETS[q.range as keyof typeof RANGE_PRESETS]), to: now };
}

/** GET /api/slos/sparklines?ids=a,b: the SLOs to draw (all when left out), in that order. */
export const sparklinesQuerySchema = z.object({
  ids: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((id) => id.trim()).filter(Boolean) : null))
    .refine((ids) => ids === null || ids.length <= 5_000, "at most 5,000 ids"),
});
