import { z } from "zod";
import { BREAKER_STATES } from "@/lib/domain/breaker-mapping";

const part = z.string().trim().min(1).max(200).regex(/^[^/]+$/, "no slashes: the breaker key is service/dependency/name");

/**
 * `POST /api/breakers/events`: breaker states from anything the metric mappings do not cover.
 * `state` is the state the breaker is in (or entered) at `at`; a repeat of the current state adds
 * no transition, so a reporter may send its state periodically.
 */
export const breakerEventSchema = z.strictObject({
  breaker: part,
  service: part,
  dependency: part,
  state: z.enum(BREAKER_STATES),
  at: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  /** Percent of recent calls that failed, and the percent at which the breaker trips. */
  failureRate: z.number().min(0).max(100).optional(),
  failureThreshold: z.number().min(0).max(100).optional(),
});
/** One report, or an array of them; errors name the item (`1.state`). */
export const breakerEventsSchema = z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(breakerEventSchema).min(1).max(1000));
export type BreakerEventInput = z.infer<typeof breakerEventSchema>;

export const breakerStateFilterSchema = z.enum([...BREAKER_STATES, "unknown"]);

/** `GET /api/breakers` and the Breakers page's filters. */
export const breakerListQuerySchema = z.object({
  service: z.string().min(1).optional(),
  dependency: z.string().min(1).optional(),
  state: breakerStateFilterSchema.optional(),
});
export type BreakerListQuery = z.infer<typeof breakerListQuerySchema>;
