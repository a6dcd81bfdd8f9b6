import "server-only";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import type { Actor } from "@/lib/domain/actor";
import { type AuditCursor, auditChanges, encodeAuditCursor } from "@/lib/domain/audit";
import type { AuditEntryView } from "@/lib/schemas/audit";
import { db } from "../db";

/**
 * The audit log: who changed what. Entries are only ever created, in the same transaction as the
 * change they describe (a change that rolls back leaves no entry; an entry that cannot be written
 * rolls the change back). There is no update or delete here, and the database refuses both.
 */

/** A transaction client (interactive `$transaction(async (tx) => …)`), or the client itself. */
export type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

export type AuditInput = {
  actor: Actor;
  /** `<entity type>.<verb>`: "slo.create", "postmortem.status", "fmea-mode.delete" … */
  action: string;
  entityType: string;
  entityId: string;
  /** One line a person reads in the log: "Created SLO checkout / availability". */
  summary: string;
  /** The entity before and after; only the fields that differ are kept, secrets redacted. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at?: Date;
};

function auditData(entry: AuditInput): Prisma.AuditEntryCreateInput {
  const changes = auditChanges(entry.before ?? null, entry.after ?? null);
  return {
    at: entry.at ?? new Date(),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    summary: entry.summary.slice(0, 500),
    before: changes.before ? JSON.stringify(changes.before) : null,
    after: changes.after ? JSON.stringify(changes.after) : null,
  };
}

/** Writes one entry inside the caller's interactive transaction. */
export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({ data: auditData(entry), select: { id: true } });
}

/** The create call for one entry, for array transactions: `db().$transaction([write, auditWrite(e)])`. */
export function auditWrite(entry: AuditInput) {
  return db().auditEntry.create({ data: auditData(entry), select: { id: true } });
}

/**
 * Runs `work` and writes the entries it describes in one transaction. `work` gets the transaction
 * client to hand to repos and returns its result with the entries (none: nothing changed).
 */
export async function audited<T>(work: (tx: Tx) => Promise<{ result: T; audit: AuditInput | AuditInput[] | null }>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      const { result, audit } = await work(tx);
      for (const entry of audit === null ? [] : Array.isArray(audit) ? audit : [audit]) await recordAudit(tx, entry);
      return result;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

export type AuditFilter = {
  actor?: string;
  entityType?: string;
  entityId?: string;
  /** An action, or a prefix ending in "." */
  action?: string;
  from?: Date;
  to?: Date;
  cursor?: AuditCursor | null;
  limit: number;
};

/** Entries newest first, one page at a time; nextCursor is null on the last page. */
export async function listAuditEntries(filter: AuditFilter): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (filter.actor) and.push({ OR: [{ actorId: filter.actor }, { actorName: filter.actor }] });
  if (filter.entityType) and.push({ entityType: filter.entityType });
  if (filter.entityId) and.push({ entityId: filter.entityId });
  if (filter.action) and.push(filter.action.endsWith(".") ? { action: { startsWith: filter.action } } : { action: filter.action });
  if (filter.from) and.push({ at: { gte: filter.from } });
  if (filter.to) and.push({ at: { lte: filter.to } });
  if (filter.cursor) {
    const { at, id } = filter.cursor;
    and.push({ OR: [{ at: { lt: at } }, { at, id: { lt: id } }] });
  }
  const rows = await db().auditEntry.findMany({ where: { AND: and }, orderBy: [{ at: "desc" }, { id: "desc" }], take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { kind: r.actorKind, id: r.actorId, name: r.actorName },
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      summary: r.summary,
      before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
      after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    })),
    nextCursor: rows.length > filter.limit && last ? encodeAuditCursor({ at: new Date(last.at), id: last.id }) : null,
  };
}
