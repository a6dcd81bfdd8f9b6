import { z } from "zod";
import { decodeAuditCursor } from "@/lib/domain/audit";

const day = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "a date (2026-11-23) or an ISO 8601 time with its offset" });

/**
 * `GET /api/audit` and the /settings/audit page: every filter optional. `actor` matches the actor's
 * id or name, `entity` the entity type, `entityId` one entity, `action` one action
 * ("slo.update") or a prefix ending in a dot ("slo."); from/to are inclusive ISO dates or
 * times (a bare `to` date covers that whole day).
 */
export const auditQuerySchema = z.object({
  actor: z.string().trim().min(1).max(200).optional(),
  entity: z.string().trim().regex(/^[a-z][a-z-]{0,40}$/, "an entity type such as slo or postmortem").optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().regex(/^[a-z][a-z.-]{0,60}$/, "an action such as slo.update, or a prefix such as slo.").optional(),
  from: day.optional(),
  to: day.optional(),
  cursor: z.string().refine((c) => decodeAuditCursor(c) !== null, "not a cursor from a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export type AuditEntryView = {
  id: string;
  at: string;
  actor: { kind: string; id: string; name: string };
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
