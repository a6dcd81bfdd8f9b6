import { z } from "zod";

const counts = { good: z.number(), valid: z.number(), bad: z.number() };

/** The figures stored with the version that published a postmortem (PostmortemFigures.figures). */
export const frozenFiguresSchema = z.object({
  window: z.object({ start: z.string(), end: z.string() }),
  durations: z.object({ ttdMs: z.number().nullable(), ttmMs: z.number().nullable(), ttrMs: z.number().nullable() }),
  budgets: z.array(
    z.object({
      slo: z.object({ id: z.string(), name: z.string(), service: z.string(), objective: z.string() }),
      start: z.string(),
      end: z.string(),
      window: z.object(counts).nullable(),
      period: z.object({ start: z.string(), end: z.string(), ...counts, allowed: z.number() }).nullable(),
      consumed: z.number().nullable(),
      sli: z.number().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type FrozenFigures = z.infer<typeof frozenFiguresSchema>;
