import { z } from "zod";
import type { Score } from "@/lib/domain/fmea";
import { type Evidence, LINK_KINDS } from "@/lib/domain/fmea-evidence";
import { serviceSlugSchema } from "./service";

export const ratingSchema = z.number({ error: "a whole number from 1 to 10" }).int("a whole number").min(1, "from 1 to 10").max(10, "from 1 to 10");
const text = (max = 2000) => z.string().trim().max(max);
const required = (max = 500) => z.string().trim().min(1, "required").max(max);
const targetDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "a real calendar date");

/** A breaker key is `service/dependency/name` (lib/domain/events.ts); other refs are ids. */
export const fmeaLinkSchema = z
  .strictObject({ kind: z.enum(LINK_KINDS), ref: z.string().trim().min(1, "required").max(200) })
  .refine((l) => l.kind !== "breaker" || /^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(l.ref), { message: "a breaker key service/dependency/name", path: ["ref"] });
export type FmeaLinkInput = z.infer<typeof fmeaLinkSchema>;

const fields = {
  item: required(),
  mode: required(),
  effect: required(),
  severity: ratingSchema,
  cause: text(),
  prevention: text(),
  occurrence: ratingSchema,
  detectionControl: text(),
  detection: ratingSchema,
  action: text(),
  owner: text(120),
  targetDate: targetDateSchema.nullable(),
  actionTaken: text(),
  revisedSeverity: ratingSchema.nullable(),
  revisedOccurrence: ratingSchema.nullable(),
  revisedDetection: ratingSchema.nullable(),
};

type Revised = { revisedSeverity?: number | null; revisedOccurrence?: number | null; revisedDetection?: number | null };
/** Revised ratings are all given or all empty: a revised AP needs all three. */
export function revisedAllOrNone(r: Revised): boolean {
  const given = [r.revisedSeverity, r.revisedOccurrence, r.revisedDetection].filter((v) => v !== null && v !== undefined).length;
  return given === 0 || given === 3;
}
export const REVISED_ISSUE = { message: "give all three revised ratings, or none", path: ["revisedSeverity"] };

/** Root causes a postmortem found; a failure mode created or updated from it is linked to it. */
export const fromPostmortemSchema = z.strictObject({
  id: z.string().trim().min(1, "required").max(200),
  rootCauses: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
});

/** A new worksheet row. Ratings are always the caller's: nothing is defaulted for them. */
export const failureModeInputSchema = z
  .strictObject({
    ...fields,
    cause: fields.cause.default(""),
    prevention: fields.prevention.default(""),
    detectionControl: fields.detectionControl.default(""),
    action: fields.action.default(""),
    owner: fields.owner.default(""),
    targetDate: fields.targetDate.default(null),
    actionTaken: fields.actionTaken.default(""),
    revisedSeverity: fields.revisedSeverity.default(null),
    revisedOccurrence: fields.revisedOccurrence.default(null),
    revisedDetection: fields.revisedDetection.default(null),
    links: z.array(fmeaLinkSchema).max(50).default([]),
  })
  .refine(revisedAllOrNone, REVISED_ISSUE);
export type FailureModeInput = z.infer<typeof failureModeInputSchema>;
export type FailureModeInputRaw = z.input<typeof failureModeInputSchema>;

/**
 * POST /api/fmea/modes: a row in a worksheet (worksheetId), or in the service's worksheet (service:
 * its first worksheet, created when it has none). With fromPostmortem the row is linked to the
 * postmortem, and its root causes become the cause when none is given.
 */
export const createFailureModeSchema = z
  .strictObject({
    worksheetId: z.string().min(1).optional(),
    service: serviceSlugSchema.optional(),
    fromPostmortem: fromPostmortemSchema.optional(),
    row: failureModeInputSchema,
  })
  .refine((b) => (b.worksheetId === undefined) !== (b.service === undefined), { message: "give exactly one of worksheetId or service", path: ["worksheetId"] });
export type CreateFailureMode = z.infer<typeof createFailureModeSchema>;

/** PATCH /api/fmea/modes/[id]: the fields given change; fromPostmortem links and adds its root causes. */
export const failureModePatchSchema = z
  .strictObject({ ...z.strictObject(fields).partial().shape, links: z.array(fmeaLinkSchema).max(50).optional(), fromPostmortem: fromPostmortemSchema.optional() })
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export type FailureModePatch = z.infer<typeof failureModePatchSchema>;

export const worksheetInputSchema = z.strictObject({
  title: required(120),
  service: serviceSlugSchema.nullish(),
  description: text().nullish(),
});
export type WorksheetInput = z.infer<typeof worksheetInputSchema>;

export const topRisksQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });

/** A row as the API and the pages show it: the stored fields plus what is derived from them. */
export type FailureModeView = Omit<FailureModeInput, "links"> & {
  id: string;
  worksheetId: string;
  links: FmeaLinkInput[];
  score: Score;
  revisedScore: Score | null;
  evidence: Evidence;
  createdAt: string;
  updatedAt: string;
};
export type WorksheetSummary = {
  id: string;
  title: string;
  service: { slug: string; name: string } | null;
  description: string | null;
  modes: number;
  high: number;
  flagged: number;
  updatedAt: string;
};
export type WorksheetView = Omit<WorksheetSummary, "modes" | "high" | "flagged"> & { modes: FailureModeView[] };
export type TopRisk = FailureModeView & { worksheet: { id: string; title: string }; service: { slug: string; name: string } | null };
