import { z } from "zod";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;

/** A step as Prometheus writes durations, in whole minutes (the rollups' resolution): 5m, 1h, 1d. */
const stepSchema = z
  .string()
  .regex(/^\d{1,6}[mhd]$/, "a duration in whole minutes, hours or days, e.g. 5m, 1h, 1d")
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms >= MINUTE_MS, "at least 1m");

/** GET /api/slos/{id}?step=1h (or ?resolution=1h): the resolution of the budget and SLI series. */
export const sloDetailQuerySchema = z
  .object({ step: stepSchema.optional(), resolution: stepSchema.optional() })
  .refine((q) => q.step === undefined || q.resolution === undefined || q.step === q.resolution, {
    message: "step and resolution are the same setting; give one",
    path: ["resolution"],
  })
  .transform((q) => ({ stepMs: q.step ?? q.resolution }));
export type SloDetailQuery = z.infer<typeof sloDetailQuerySchema>;
