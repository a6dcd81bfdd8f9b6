import { z } from "zod";
import { EVENT_KINDS } from "@/lib/domain/events";
import { ACTION_STATUSES, ACTION_TYPES, POSTMORTEM_STATUSES, SECTION_KEYS, SEVERITIES, timeProblems } from "@/lib/domain/postmortem";

/** Longest Markdown accepted in one section, comment or timeline entry: a long document, not a log dump. */
export const MAX_SECTION_CHARS = 20_000;
const MAX_LINE = 200;

const instant = z.iso.datetime({ offset: true, message: "a date and time with its offset (ISO 8601)" });
const optionalInstant = instant.nullable().default(null);
/** Who did it, until accounts exist: a name given with the request (README "Postmortems"). */
export const personSchema = z.string().trim().min(1, "say who you are").max(100);
const markdown = z.string().max(MAX_SECTION_CHARS, `at most ${MAX_SECTION_CHARS.toLocaleString("en")} characters`);

export const timelineEntrySchema = z.strictObject({
  id: z.string().min(1).max(100),
  at: instant,
  text: z.string().trim().min(1, "say what happened").max(2_000),
  source: z.strictObject({ eventId: z.string().min(1).max(100), kind: z.enum(EVENT_KINDS) }).nullable().default(null),
});

export const actionItemInputSchema = z.strictObject({
  id: z.string().min(1).max(100).optional(),
  title: z.string().trim().min(1, "say what will be done").max(MAX_LINE),
  type: z.enum(ACTION_TYPES),
  owner: personSchema,
  /** Omitted: the default for the postmortem's severity (lib/domain/postmortem.ts DUE_DAYS). */
  dueDate: instant.optional(),
  status: z.enum(ACTION_STATUSES).default("open"),
  ticketUrl: z.url({ protocol: /^https?$/, message: "an http(s) link" }).max(2_000).nullable().default(null),
});

const sectionsSchema = z.strictObject(Object.fromEntries(SECTION_KEYS.map((k) => [k, markdown.default("")])) as Record<(typeof SECTION_KEYS)[number], z.ZodDefault<typeof markdown>>);

/** The body of a save: the whole document, and who saves it. */
export const postmortemInputSchema = z
  .strictObject({
    author: personSchema,
    title: z.string().trim().min(1, "give it a title").max(MAX_LINE),
    severity: z.enum(SEVERITIES),
    startedAt: instant,
    detectedAt: optionalInstant,
    mitigatedAt: optionalInstant,
    resolvedAt: optionalInstant,
    authors: z.array(personSchema).max(20).default([]),
    sloIds: z.array(z.string().min(1).max(100)).max(20).default([]),
    tags: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and dashes")).max(20).default([]),
    sections: sectionsSchema.default(Object.fromEntries(SECTION_KEYS.map((k) => [k, ""])) as never),
    timeline: z.array(timelineEntrySchema).max(500).default([]),
    actionItems: z.array(actionItemInputSchema).max(100).default([]),
    noActionItems: z.boolean().default(false),
  })
  .check((ctx) => {
    const v = ctx.value;
    const date = (s: string | null) => (s ? new Date(s) : null);
    if (!v.startedAt) return;
    const times = { startedAt: new Date(v.startedAt), detectedAt: date(v.detectedAt), mitigatedAt: date(v.mitigatedAt), resolvedAt: date(v.resolvedAt) };
    for (const p of timeProblems(times)) ctx.issues.push({ code: "custom", message: p.message, path: p.path, input: v });
  });
export type PostmortemInput = z.infer<typeof postmortemInputSchema>;

/** What a version keeps: the document without who saved it (that is on the version). */
export type PostmortemDocument = Omit<PostmortemInput, "author" | "actionItems"> & {
  actionItems: (Omit<z.infer<typeof actionItemInputSchema>, "dueDate"> & { dueDate: string })[];
};

export const statusChangeSchema = z.strictObject({ to: z.enum(POSTMORTEM_STATUSES), author: personSchema });

export const COMMENT_SECTIONS = [...SECTION_KEYS, "timeline", "actionItems"] as const;
export const commentInputSchema = z.strictObject({
  section: z.enum(COMMENT_SECTIONS),
  author: personSchema,
  body: z.string().trim().min(1, "write the comment").max(5_000),
});

export const actionItemPatchSchema = z.strictObject({ status: z.enum(ACTION_STATUSES), author: personSchema });

const csv = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));
const day = z.iso.date().transform((s) => new Date(`${s}T00:00:00Z`));

/** `GET /api/postmortems?q=&service=&slo=&severity=&status=&tag=&from=&to=`, every filter optional. */
export const postmortemQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  service: z.string().trim().max(100).optional(),
  slo: z.string().trim().max(100).optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(POSTMORTEM_STATUSES).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type PostmortemQuery = z.infer<typeof postmortemQuerySchema>;

/** `GET /api/postmortems/budget?slo=a,b&from=…&to=…`: the budget each SLO spent in a window. */
export const windowQuerySchema = z
  .object({ slo: csv.pipe(z.array(z.string().min(1)).max(20)).default([]), from: instant.transform((s) => new Date(s)), to: instant.transform((s) => new Date(s)) })
  .check((ctx) => {
    const { from, to } = ctx.value;
    if (from instanceof Date && to instanceof Date && to <= from) ctx.issues.push({ code: "custom", message: "to must be after from", path: ["to"], input: ctx.value });
  });

/** Reads a URL's query into an object for a schema: empty parameters count as absent. */
export function queryObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

/** The postmortem page's "Add to FMEA": which root causes, where, and the row's shared fields. */
export const addToFmeaSchema = z.strictObject({
  target: z.union([z.strictObject({ worksheetId: z.string().min(1, "choose a worksheet").max(200) }), z.strictObject({ service: z.string().min(1).max(100) })]),
  rootCauses: z.array(z.string().trim().min(1).max(2000)).min(1, "choose at least one root cause").max(50),
  /** Checked as a failure mode row (lib/schemas/fmea.ts) for each root cause. */
  row: z.record(z.string(), z.unknown()),
});
