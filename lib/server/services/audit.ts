import "server-only";
import { decodeAuditCursor } from "@/lib/domain/audit";
import type { AuditQuery } from "@/lib/schemas/audit";
import { audited, type AuditInput, listAuditEntries, type Tx } from "../repos/audit";

export { audited, type AuditInput, type Tx };

/** The entity types this app's changes are logged under (the filter's choices). */
export const AUDITED_ENTITY_TYPES = ["slo", "postmortem", "action-item", "fmea-worksheet", "fmea-mode", "service", "datasource", "replication-cluster", "user", "api-token"] as const;

const DAY_MS = 86_400_000;
// A bare date as `to` means the end of that day (UTC): "to=2026-11-23" includes the 23rd.
const toBound = (to: string) => (/^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(to) + DAY_MS - 1) : new Date(to));

/** A page of the log for GET /api/audit and /settings/audit, newest first. */
export async function searchAudit(query: AuditQuery) {
  return listAuditEntries({
    actor: query.actor,
    entityType: query.entity,
    entityId: query.entityId,
    action: query.action,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? toBound(query.to) : undefined,
    cursor: query.cursor ? decodeAuditCursor(query.cursor) : null,
    limit: query.limit,
  });
}

/**
 * For changes made outside these services (users, tokens, settings: the accounts feature):
 * `await auditChange(tx, { actor, action: "user.create", entityType: "user", entityId, summary, after })`
 * inside the transaction that makes the change. Secret-named fields (password, token, secret …)
 * are redacted before writing; pass hashes or nothing, never the secret itself.
 */
export { recordAudit as auditChange } from "../repos/audit";
