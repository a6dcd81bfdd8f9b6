import "server-only";
import { randomUUID } from "node:crypto";
import {
  canMoveTo, defaultDueDate, fieldChanges, incidentDurations, meanDurations, publishProblems,
  type PostmortemStatus,
} from "@/lib/domain/postmortem";
import { sortTimeline } from "@/lib/domain/postmortem-timeline";
import type { PostmortemDocument, PostmortemInput, PostmortemQuery } from "@/lib/schemas/postmortem";
import { AppError, notFound } from "../errors";
import * as repo from "../repos/postmortems";
import { incidentFigures, resolveSlos } from "./postmortem-figures";
import { SYSTEM_ACTOR, type Actor } from "@/lib/domain/actor";
import { actorOf, assertCanWrite, type WriteContext } from "./team-access";

const date = (s: string | null) => (s ? new Date(s) : null);
const timesOf = (doc: PostmortemDocument) => ({ startedAt: new Date(doc.startedAt), detectedAt: date(doc.detectedAt), mitigatedAt: date(doc.mitigatedAt), resolvedAt: date(doc.resolvedAt) });

/** The input as it is kept: due dates filled in from the severity, the timeline in time order. */
function toDocument({ author: _author, ...input }: PostmortemInput): PostmortemDocument {
  const started = new Date(input.startedAt);
  return {
    ...input,
    timeline: sortTimeline(input.timeline),
    actionItems: input.actionItems.map((a) => ({ ...a, id: a.id ?? randomUUID(), dueDate: a.dueDate ?? defaultDueDate(input.severity, started).toISOString() })),
  };
}

function searchText(doc: PostmortemDocument, slos: { name: string; service: string }[]): string {
  return [
    doc.title, ...Object.values(doc.sections), ...doc.timeline.map((e) => e.text), ...doc.actionItems.flatMap((a) => [a.title, a.owner]),
    ...doc.authors, ...doc.tags, ...slos.flatMap((s) => [s.name, s.service]),
  ].join("\n").toLowerCase();
}

function unprocessable(problems: { path: (string | number)[]; message: string }[]): AppError {
  return new AppError("UNPROCESSABLE", problems.map((p) => p.message).join("; "), { issues: problems });
}

/** What the audit entry of a save says it was: an edit, a status change, an action item's status. */
type SaveKind = { action: string; entityType: string; entityId?: string; summary: string };
type Save = { existing: repo.PostmortemRecord | null; document: PostmortemDocument; status: PostmortemStatus; author: string; now: Date; actor: Actor; kind: SaveKind };

async function save({ existing, document, status, author, now, actor, kind }: Save): Promise<repo.PostmortemRecord> {
  const slos = await resolveSlos(document.sloIds);
  const changes = fieldChanges(existing ? { ...existing.document, status: existing.status } : null, { ...document, status });
  if (existing && changes.length === 0) return existing; // nothing changed: no new version
  if (status === "published") {
    const problems = publishProblems({ sections: document.sections, actionItemCount: document.actionItems.length, noActionItems: document.noActionItems, resolvedAt: date(document.resolvedAt) });
    if (problems.length > 0) throw unprocessable(problems);
  }
  const id = existing?.id ?? randomUUID();
  const isPublishing = status === "published" && existing?.status !== "published";
  const durations = incidentDurations(timesOf(document));
  // Frozen at publication: later saves (edits of the published postmortem) keep this version's figures.
  const figures = isPublishing ? { computedAt: now, figures: await incidentFigures(document, now) } : null;
  // The log keeps the fields the version records as changed (sections one by one), and the
  // author typed into the form beside the actor who sent it.
  const side = (pick: "before" | "after") => Object.fromEntries(changes.map((c) => [c.field, c[pick]]));
  const audit = {
    actor, action: kind.action, entityType: kind.entityType, entityId: kind.entityId ?? id, summary: `${kind.summary}: ${document.title} (as ${author})`,
    before: existing ? side("before") : null, after: side("after"),
  };
  await repo.savePostmortem({
    audit,
    id, isNew: !existing, status, version: (existing?.version ?? 0) + 1, author, at: now, document,
    slos: slos.map((s) => ({ id: s.id, name: s.name, service: s.service })), searchText: searchText(document, slos), changes,
    publishedAt: isPublishing ? now : existing?.publishedAt ? new Date(existing.publishedAt) : null,
    // FMEA counts published postmortems as evidence: one event per publication, at the incident's start.
    event: isPublishing
      ? {
          at: new Date(document.startedAt), kind: "postmortem", subject: id, service: slos[0]?.service ?? null, title: `Postmortem published: ${document.title}`,
          detail: {
            status, severity: document.severity, title: document.title, slos: slos.map((s) => s.id), services: [...new Set(slos.map((s) => s.service))],
            tags: document.tags, resolvedAt: document.resolvedAt, ttdMs: durations.ttdMs, ttrMs: durations.ttrMs, actionItems: document.actionItems.length,
          },
        }
      : null,
    figures,
  });
  return getPostmortem(id);
}

export async function getPostmortem(id: string): Promise<repo.PostmortemRecord> {
  const found = await repo.findPostmortem(id);
  if (!found) throw notFound(`postmortem "${id}"`);
  return found;
}

/** The postmortem with its incident durations (MTTD/MTTR inputs, README "Postmortems"). */
export async function getPostmortemView(id: string) {
  const view = await findPostmortemView(id);
  if (!view) throw notFound(`postmortem "${id}"`);
  return view;
}

/** The same, or null: for pages, which answer a missing one with their not-found page. */
export async function findPostmortemView(id: string) {
  const record = await repo.findPostmortem(id);
  return record && { ...record, durations: incidentDurations(timesOf(record.document)) };
}

/**
 * A postmortem belongs to the teams of its affected SLOs' services: editor in ANY of them may write
 * it (an incident often spans teams, and each should be able to write up its part). None affected,
 * or none with a Team: the highest role.
 */
export async function createPostmortem(input: PostmortemInput, now: Date, who: WriteContext = SYSTEM_ACTOR) {
  await assertCanWrite(who, { slos: input.sloIds });
  const actor = actorOf(who);
  const kind = { action: "postmortem.create", entityType: "postmortem", summary: "Created postmortem" };
  return save({ existing: null, document: toDocument(input), status: "draft", author: input.author, now, actor, kind });
}

/** Any save keeps a version; editing a published postmortem keeps it published, in a new version. */
export async function updatePostmortem(id: string, input: PostmortemInput, now: Date, who: WriteContext = SYSTEM_ACTOR) {
  const existing = await getPostmortem(id);
  // As it is, and each SLO added or taken away on its own: nobody takes over another team's
  // postmortem, or pulls another team's SLO in or out of one, by changing its SLOs.
  await assertCanWrite(who, { postmortem: id });
  const before = new Set(existing.slos.map((s) => s.id));
  const after = new Set(input.sloIds);
  const moved = [...[...after].filter((slo) => !before.has(slo)), ...[...before].filter((slo) => !after.has(slo))];
  for (const slo of moved) await assertCanWrite(who, { slos: [slo] });
  const actor = actorOf(who);
  const kind = { action: "postmortem.update", entityType: "postmortem", summary: "Edited postmortem" };
  return save({ existing, document: toDocument(input), status: existing.status, author: input.author, now, actor, kind });
}

export async function changeStatus(id: string, change: { to: PostmortemStatus; author: string }, now: Date, who: WriteContext = SYSTEM_ACTOR) {
  const existing = await getPostmortem(id);
  await assertCanWrite(who, { postmortem: id });
  const actor = actorOf(who);
  if (!canMoveTo(existing.status, change.to)) {
    throw unprocessable([{ path: ["to"], message: `a ${existing.status} postmortem cannot move to ${change.to}` }]);
  }
  const kind = { action: "postmortem.status", entityType: "postmortem", summary: `Moved postmortem from ${existing.status} to ${change.to}` };
  return save({ existing, document: existing.document, status: change.to, author: change.author, now, actor, kind });
}

export async function setActionItemStatus(itemId: string, patch: { status: "open" | "in-progress" | "done"; author: string }, now: Date, who: WriteContext = SYSTEM_ACTOR) {
  const postmortemId = await repo.findActionItemOwner(itemId);
  if (!postmortemId) throw notFound(`action item "${itemId}"`);
  await assertCanWrite(who, { postmortem: postmortemId });
  const actor = actorOf(who);
  const existing = await getPostmortem(postmortemId);
  const actionItems = existing.document.actionItems.map((a) => (a.id === itemId ? { ...a, status: patch.status } : a));
  const item = existing.document.actionItems.find((a) => a.id === itemId)!;
  const kind = { action: "action-item.status", entityType: "action-item", entityId: itemId, summary: `Set action item "${item.title}" to ${patch.status}` };
  return save({ existing, document: { ...existing.document, actionItems }, status: existing.status, author: patch.author, now, actor, kind });
}

export async function commentOn(id: string, comment: { section: string; author: string; body: string }, who: WriteContext = SYSTEM_ACTOR) {
  const postmortem = await getPostmortem(id);
  await assertCanWrite(who, { postmortem: id });
  const actor = actorOf(who);
  const summary = `Commented on ${comment.section} of postmortem: ${postmortem.document.title} (as ${comment.author})`;
  return repo.addComment({ postmortemId: id, ...comment }, { actor, action: "postmortem.comment", entityType: "postmortem", entityId: id, summary });
}

export async function listVersions(id: string) {
  await getPostmortem(id);
  return repo.listVersions(id);
}

/** The list, and MTTD/MTTR over the incidents in it. */
export async function searchPostmortems(query: PostmortemQuery) {
  const postmortems = await repo.listPostmortems(query);
  const stats = meanDurations(postmortems.map((p) => ({ startedAt: new Date(p.startedAt), detectedAt: date(p.detectedAt), mitigatedAt: date(p.mitigatedAt), resolvedAt: date(p.resolvedAt) })));
  return { postmortems, stats };
}

export { listActionItems } from "../repos/postmortems";
