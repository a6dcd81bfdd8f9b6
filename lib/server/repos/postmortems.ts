import "server-only";
import type { ActionStatus, FieldChange, PostmortemStatus, Severity } from "@/lib/domain/postmortem";
import type { TimelineEntry } from "@/lib/domain/postmortem-timeline";
import type { PostmortemDocument, PostmortemQuery } from "@/lib/schemas/postmortem";
import { frozenFiguresSchema, type FrozenFigures } from "@/lib/schemas/postmortem-figures";
import { db } from "../db";
import { createEvent, type NewEvent } from "./events";
import { type AuditInput, auditWrite, recordAudit } from "./audit";

const include = {
  slos: { orderBy: { sloName: "asc" } },
  tags: { orderBy: { tag: "asc" } },
  actionItems: { orderBy: { position: "asc" } },
  comments: { orderBy: { createdAt: "asc" } },
  figures: { orderBy: { version: "desc" }, take: 1 },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
const findRow = (id: string) => db().postmortem.findUnique({ where: { id }, include });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toRecord(row: Row) {
  const document: PostmortemDocument = {
    title: row.title,
    severity: row.severity as Severity,
    startedAt: row.startedAt.toISOString(),
    detectedAt: iso(row.detectedAt),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    authors: JSON.parse(row.authors) as string[],
    sloIds: row.slos.map((s) => s.sloId),
    tags: row.tags.map((t) => t.tag),
    sections: JSON.parse(row.sections) as PostmortemDocument["sections"],
    timeline: JSON.parse(row.timeline) as TimelineEntry[],
    actionItems: row.actionItems.map((a) => ({
      id: a.id, title: a.title, type: a.type as PostmortemDocument["actionItems"][number]["type"], owner: a.owner,
      dueDate: a.dueDate.toISOString(), status: a.status as ActionStatus, ticketUrl: a.ticketUrl,
    })),
    noActionItems: row.noActionItems,
  };
  return {
    id: row.id,
    status: row.status as PostmortemStatus,
    version: row.version,
    publishedAt: iso(row.publishedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    slos: row.slos.map((s) => ({ id: s.sloId, name: s.sloName, service: s.service })),
    comments: row.comments.map((c) => ({ id: c.id, section: c.section, author: c.author, body: c.body, createdAt: c.createdAt.toISOString() })),
    document,
    /** The figures as published (with the version that published them), or null before. */
    frozen: row.figures[0]
      ? { version: row.figures[0].version, computedAt: row.figures[0].computedAt.toISOString(), figures: frozenFiguresSchema.parse(JSON.parse(row.figures[0].figures)) }
      : null,
  };
}
export type PostmortemRecord = ReturnType<typeof toRecord>;

export async function findPostmortem(id: string): Promise<PostmortemRecord | null> {
  const row = await findRow(id);
  return row ? toRecord(row) : null;
}

export type SavePostmortem = {
  id: string;
  isNew: boolean;
  status: PostmortemStatus;
  version: number;
  author: string;
  at: Date;
  document: PostmortemDocument;
  slos: { id: string; name: string; service: string }[];
  searchText: string;
  changes: FieldChange[];
  publishedAt: Date | null;
  /** Recorded in the same transaction (the postmortem event, when it is published). */
  event: NewEvent | null;
  /** The figures to freeze with this version (when it publishes the postmortem). */
  figures: { computedAt: Date; figures: FrozenFigures } | null;
  /** Who changed what, recorded in the same transaction too. */
  audit: AuditInput;
};

/**
 * The postmortem, its links, its action items, a new version and its event, in one transaction.
 * The version number is unique per postmortem, so two saves racing from the same version make
 * one of them fail with a conflict instead of one silently overwriting the other.
 */
export async function savePostmortem(save: SavePostmortem): Promise<void> {
  const d = db();
  const doc = save.document;
  const columns = {
    title: doc.title,
    status: save.status,
    severity: doc.severity,
    startedAt: new Date(doc.startedAt),
    detectedAt: doc.detectedAt ? new Date(doc.detectedAt) : null,
    mitigatedAt: doc.mitigatedAt ? new Date(doc.mitigatedAt) : null,
    resolvedAt: doc.resolvedAt ? new Date(doc.resolvedAt) : null,
    authors: JSON.stringify(doc.authors),
    sections: JSON.stringify(doc.sections),
    timeline: JSON.stringify(doc.timeline),
    noActionItems: doc.noActionItems,
    searchText: save.searchText,
    version: save.version,
    publishedAt: save.publishedAt,
  };
  const children = {
    slos: { create: save.slos.map((s) => ({ sloId: s.id, sloName: s.name, service: s.service })) },
    tags: { create: doc.tags.map((tag) => ({ tag })) },
    actionItems: {
      create: doc.actionItems.map((a, position) => ({
        ...(a.id ? { id: a.id } : {}), position, title: a.title, type: a.type, owner: a.owner, dueDate: new Date(a.dueDate),
        status: a.status, ticketUrl: a.ticketUrl, doneAt: a.status === "done" ? save.at : null,
      })),
    },
  };
  const write = save.isNew
    ? d.postmortem.create({ data: { id: save.id, ...columns, ...children } })
    : d.postmortem.update({
        where: { id: save.id },
        data: {
          ...columns,
          slos: { deleteMany: {}, ...children.slos },
          tags: { deleteMany: {}, ...children.tags },
          actionItems: { deleteMany: {}, ...children.actionItems },
        },
      });
  const version = d.postmortemVersion.create({
    data: {
      postmortemId: save.id, number: save.version, author: save.author, at: save.at, status: save.status,
      snapshot: JSON.stringify(doc), changes: JSON.stringify(save.changes),
    },
  });
  const figures = save.figures
    ? [d.postmortemFigures.create({
        data: {
          postmortemId: save.id, version: save.version, computedAt: save.figures.computedAt,
          windowStart: new Date(save.figures.figures.window.start), windowEnd: new Date(save.figures.figures.window.end), figures: JSON.stringify(save.figures.figures),
        },
      })]
    : [];
  await d.$transaction([write, version, ...(save.event ? [createEvent(save.event)] : []), ...figures, auditWrite(save.audit)]);
}

export async function listVersions(postmortemId: string) {
  const rows = await db().postmortemVersion.findMany({ where: { postmortemId }, orderBy: { number: "desc" } });
  return rows.map((r) => ({
    number: r.number, author: r.author, at: r.at.toISOString(), status: r.status as PostmortemStatus,
    document: JSON.parse(r.snapshot) as PostmortemDocument, changes: JSON.parse(r.changes) as FieldChange[],
  }));
}
export type PostmortemVersionRecord = Awaited<ReturnType<typeof listVersions>>[number];

/** The comment and its audit entry, in one transaction. */
export async function addComment(comment: { postmortemId: string; section: string; author: string; body: string }, audit: Omit<AuditInput, "after">) {
  return db().$transaction(async (tx) => {
    const row = await tx.postmortemComment.create({ data: comment });
    const saved = { id: row.id, section: row.section, author: row.author, body: row.body, createdAt: row.createdAt.toISOString() };
    await recordAudit(tx, { ...audit, after: { comment: saved } });
    return saved;
  });
}

/** Summaries matching every filter given, newest incident first. */
export async function listPostmortems(query: PostmortemQuery) {
  const rows = await db().postmortem.findMany({
    where: {
      ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}),
      ...(query.severity ? { severity: query.severity } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.service ? { slos: { some: { service: query.service } } } : {}),
      ...(query.slo ? { slos: { some: { sloId: query.slo } } } : {}),
      ...(query.tag ? { tags: { some: { tag: query.tag } } } : {}),
      ...(query.from || query.to ? { startedAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: new Date(query.to.getTime() + 86_400_000) } : {}) } } : {}),
    },
    include: { slos: true, tags: true, actionItems: { select: { status: true, dueDate: true } } },
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map((r) => ({
    id: r.id, title: r.title, status: r.status as PostmortemStatus, severity: r.severity as Severity,
    startedAt: r.startedAt.toISOString(), detectedAt: iso(r.detectedAt), mitigatedAt: iso(r.mitigatedAt), resolvedAt: iso(r.resolvedAt),
    slos: r.slos.map((s) => ({ id: s.sloId, name: s.sloName, service: s.service })), tags: r.tags.map((t) => t.tag),
    actionItems: r.actionItems.length, openActionItems: r.actionItems.filter((a) => a.status !== "done").length,
  }));
}
export type PostmortemSummary = Awaited<ReturnType<typeof listPostmortems>>[number];

/** Every action item of every postmortem, with its postmortem's title and status. */
export async function listActionItems() {
  const rows = await db().actionItem.findMany({ include: { postmortem: { select: { id: true, title: true, status: true, severity: true } } }, orderBy: { dueDate: "asc" } });
  return rows.map((r) => ({
    id: r.id, title: r.title, type: r.type, owner: r.owner, dueDate: r.dueDate, status: r.status as ActionStatus, ticketUrl: r.ticketUrl,
    postmortem: { id: r.postmortem.id, title: r.postmortem.title, status: r.postmortem.status as PostmortemStatus, severity: r.postmortem.severity as Severity },
  }));
}

export async function findActionItemOwner(id: string): Promise<string | null> {
  const row = await db().actionItem.findUnique({ where: { id }, select: { postmortemId: true } });
  return row?.postmortemId ?? null;
}
