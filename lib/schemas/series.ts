import { z } from "zod";

const MAX_RANGE_MS = 35 * 24 * 3600 * 1000;

/** `GET /api/series?metric=…&start=…&end=…`: one metric's series with their minute rollups. */
export const seriesQuerySchema = z
  .object({
    metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "a Prometheus metric name"),
    start: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    end: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  })
  .check((ctx) => {
    const { start, end } = ctx.value;
    // zod still runs object checks when a field failed; then the field's own issue is enough.
    if (!(start instanceof Date) || !(end instanceof Date)) return;
    if (end <= start) ctx.issues.push({ code: "custom", message: "end must be after start", path: ["end"], input: ctx.value });
    else if (end.getTime() - start.getTime() > MAX_RANGE_MS) ctx.issues.push({ code: "custom", message: "at most 35 days of minutes", path: ["end"], input: ctx.value });
  });
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

export const seriesMinuteSchema = z.object({
  start: z.string(),
  increase: z.number(),
  deltas: z.number(),
  count: z.number(),
  sum: z.number(),
  min: z.number(),
  max: z.number(),
  last: z.number(),
});
export const seriesResultSchema = z.object({
  metric: z.string(),
  key: z.string(),
  labels: z.record(z.string(), z.string()),
  minutes: z.array(seriesMinuteSchema),
});
export type SeriesResult = z.infer<typeof seriesResultSchema>;
