import { z } from "zod";

/** The parts of each SLO's figures that GET /api/slos leaves out unless asked for: they weigh most. */
export const SLO_LIST_EXTRAS = ["tiers", "groups", "exclusions", "timeslice"] as const;
export type SloListExtra = (typeof SLO_LIST_EXTRAS)[number];

/** GET /api/slos?include=tiers,groups: comma-separated, each at most once; `all` for every one. */
export const sloListQuerySchema = z
  .object({
    include: z
      .string()
      .max(200)
      .optional()
      .transform((text, ctx) => {
        const names = (text ?? "").split(",").map((s) => s.trim()).filter(Boolean);
        if (names.includes("all")) return [...SLO_LIST_EXTRAS];
        const unknown = names.filter((n) => !(SLO_LIST_EXTRAS as readonly string[]).includes(n));
        if (unknown.length > 0) {
          ctx.addIssue({ code: "custom", message: `unknown ${unknown.map((n) => JSON.stringify(n)).join(", ")}; one or more of ${SLO_LIST_EXTRAS.join(", ")}, or all` });
          return z.NEVER;
        }
        return [...new Set(names)] as SloListExtra[];
      }),
  })
  .transform((q) => ({ include: q.include }));
export type SloListQuery = z.infer<typeof sloListQuerySchema>;
