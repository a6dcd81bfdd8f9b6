import { z } from "zod";

// Values as JSON cannot spell NaN or infinities, so those come as strings, as in Prometheus' API.
const sampleValue = z.union([
  z.number(),
  z.enum(["NaN", "+Inf", "-Inf", "Inf"]).transform((v) => (v === "NaN" ? Number.NaN : v === "-Inf" ? -Infinity : Infinity)),
]);

/** `POST /api/ingest`: the documented JSON format for scripts and tests (README "Ingest"). */
export const jsonIngestSchema = z
  .array(
    z.strictObject({
      metric: z.string().min(1),
      labels: z.record(z.string(), z.string()).default({}),
      samples: z.array(z.tuple([z.number().int("unix milliseconds, a whole number"), sampleValue])).min(1),
      /** Informational: every series keeps both counter and gauge figures. */
      type: z.enum(["counter", "gauge"]).optional(),
    }),
  )
  .min(1, "send at least one series");
export type JsonIngest = z.infer<typeof jsonIngestSchema>;

export const ingestResultSchema = z.object({
  series: z.number(),
  accepted: z.number(),
  dropped: z.record(z.string(), z.number()),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;
