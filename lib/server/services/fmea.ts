import "server-only";
import { assessEvidence, evidenceQuery, type FmeaLinkRef } from "@/lib/domain/fmea-evidence";
import { compareRisk, revisedRatings, score } from "@/lib/domain/fmea";
import {
  type CreateFailureMode,
  type FailureModeInput,
  type FailureModePatch,
  type FailureModeView,
  type TopRisk,
  type WorksheetInput,
  type WorksheetSummary,
  type WorksheetView,
  REVISED_ISSUE,
  revisedAllOrNone,
} from "@/lib/schemas/fmea";
import { AppError } from "../errors";
import { listEvents } from "../repos/events";
import * as repo from "../repos/fmea";
import { findService } from "../repos/services";
import { audited, type AuditInput } from "../repos/audit";
import { SYSTEM_ACTOR, type Actor } from "@/lib/domain/actor";
import { actorOf, assertCanWrite, type WriteContext } from "./team-access";

// A worksheet with no service has no team: the highest role decides.
const serviceRef = (slug: string | null | undefined) => (slug ? { service: slug } : { team: null });

const sheetFields = (s: repo.StoredWorksheet) => ({ title: s.title, service: s.service?.slug ?? null, description: s.description });
const sheetCreated = (actor: Actor, sheet: repo.StoredWorksheet): AuditInput =>
  ({ actor, action: "fmea-worksheet.create", entityType: "fmea-worksheet", entityId: sheet.id, summary: `Created FMEA worksheet ${sheet.title}`, after: sheetFields(sheet) });
const modeFields = ({ id: _id, worksheetId: _w, createdAt: _c, updatedAt: _u, ...fields }: repo.StoredFailureMode) => fields;

// Enough for a quarter of every linked subject's events; listEvents returns the oldest first.
const EVENT_LIMIT = 50_000;

/** Scores and evidence for rows, reading the events of all their links in one query. */
async function present(modes: repo.StoredFailureMode[], now: Date): Promise<FailureModeView[]> {
  const links: FmeaLinkRef[] = modes.flatMap((m) => m.links);
  const events = links.length === 0 ? [] : await listEvents({ ...evidenceQuery(links, now), limit: EVENT_LIMIT });
  return modes
    .map((m) => {
      const revised = revisedRatings(m);
      return {
        ...m,
        score: score(m),
        revisedScore: revised ? score(revised) : null,
        evidence: assessEvidence({ links: m.links, events, ratings: m, now }),
      };
    })
    .sort(compareRisk);
}

async function checkService(slug: string | null | undefined): Promise<void> {
  if (slug && !(await findService(slug))) {
    throw new AppError("UNPROCESSABLE", `unknown service "${slug}"`, { issues: [{ path: ["service"], message: "no service with this slug" }] });
  }
}

export async function listWorksheetSummaries(now: Date): Promise<WorksheetSummary[]> {
  const [sheets, modes] = await Promise.all([repo.listWorksheets(), repo.listFailureModes()]);
  const views = await present(modes, now);
  return sheets.map((s) => {
    const own = views.filter((m) => m.worksheetId === s.id);
    return { ...s, modes: own.length, high: own.filter((m) => m.score.ap === "high").length, flagged: own.filter((m) => m.evidence.flags.length > 0).length };
  });
}

export async function getWorksheetView(id: string, now: Date): Promise<WorksheetView> {
  const sheet = await repo.getWorksheet(id);
  return { ...sheet, modes: await present(await repo.listFailureModes({ worksheetId: id }), now) };
}

export async function createWorksheet(input: WorksheetInput, who: WriteContext = SYSTEM_ACTOR): Promise<WorksheetView> {
  await checkService(input.service);
  await assertCanWrite(who, serviceRef(input.service));
  const actor = actorOf(who);
  const sheet = await audited(async (tx) => {
    const created = await repo.createWorksheet(input, tx);
    return { result: created, audit: sheetCreated(actor, created) };
  });
  return { ...sheet, modes: [] };
}

export async function updateWorksheet(id: string, input: WorksheetInput, now: Date, who: WriteContext = SYSTEM_ACTOR): Promise<WorksheetView> {
  const before = await repo.getWorksheet(id);
  await checkService(input.service);
  await assertCanWrite(who, { worksheet: id });
  await assertCanWrite(who, serviceRef(input.service));
  const actor = actorOf(who);
  await audited(async (tx) => {
    const after = await repo.updateWorksheet(id, input, tx);
    return { result: after, audit: { actor, action: "fmea-worksheet.update", entityType: "fmea-worksheet", entityId: id, summary: `Updated FMEA worksheet ${after.title}`, before: sheetFields(before), after: sheetFields(after) } };
  });
  return getWorksheetView(id, now);
}

export async function deleteWorksheet(id: string, who: WriteContext = SYSTEM_ACTOR): Promise<void> {
  const before = await repo.getWorksheet(id);
  await assertCanWrite(who, { worksheet: id });
  const actor = actorOf(who);
  const modes = (await repo.listFailureModes({ worksheetId: id })).length;
  await audited(async (tx) => {
    await repo.deleteWorksheet(id, tx);
    const summary = `Deleted FMEA worksheet ${before.title} and its ${modes} failure mode${modes === 1 ? "" : "s"}`;
    return { result: undefined, audit: { actor, action: "fmea-worksheet.delete", entityType: "fmea-worksheet", entityId: id, summary, before: sheetFields(before) } };
  });
}

export async function getFailureModeView(id: string, now: Date): Promise<FailureModeView> {
  return (await present([await repo.getFailureMode(id)], now))[0]!;
}

/**
 * The service's worksheet for a row sent by service slug (a postmortem knows its service, not a
 * worksheet): its id, or the worksheet to create with the row.
 */
async function worksheetFor(body: CreateFailureMode): Promise<{ id: string } | { create: { title: string; service: string } }> {
  if (body.worksheetId) return { id: (await repo.getWorksheet(body.worksheetId)).id };
  const slug = body.service!;
  const service = await findService(slug);
  if (!service) throw new AppError("UNPROCESSABLE", `unknown service "${slug}"`, { issues: [{ path: ["service"], message: "no service with this slug" }] });
  const existing = await repo.findServiceWorksheet(slug);
  if (existing) return { id: existing.id };
  const taken = (await repo.listWorksheets()).some((s) => s.title === service.name);
  return { create: { title: taken ? `${service.name} (${slug})` : service.name, service: slug } };
}

const postmortemLink = (id: string) => ({ kind: "postmortem" as const, ref: id });

/** Root causes not already written in the cause, appended one per "; ". */
export function mergeCauses(cause: string, rootCauses: readonly string[]): string {
  const known = cause.toLowerCase();
  const added = rootCauses.filter((c) => !known.includes(c.toLowerCase()));
  return [cause, ...added].filter((c) => c.length > 0).join("; ");
}

export async function createFailureMode(body: CreateFailureMode, now: Date, who: WriteContext = SYSTEM_ACTOR): Promise<FailureModeView> {
  const target = await worksheetFor(body);
  await assertCanWrite(who, "id" in target ? { worksheet: target.id } : { service: target.create.service });
  const actor = actorOf(who);
  const row: FailureModeInput = body.fromPostmortem
    ? { ...body.row, cause: mergeCauses(body.row.cause, body.fromPostmortem.rootCauses), links: [...body.row.links, postmortemLink(body.fromPostmortem.id)] }
    : body.row;
  const id = await audited(async (tx) => {
    const audit: AuditInput[] = [];
    let worksheetId: string;
    if ("create" in target) {
      const sheet = await repo.createWorksheet(target.create, tx);
      audit.push(sheetCreated(actor, sheet));
      worksheetId = sheet.id;
    } else worksheetId = target.id;
    const [created] = await repo.createFailureModes(worksheetId, [row], tx);
    const from = body.fromPostmortem ? ` from postmortem ${body.fromPostmortem.id}` : "";
    audit.push({ actor, action: "fmea-mode.create", entityType: "fmea-mode", entityId: created!, summary: `Added failure mode "${row.mode}"${from}`, after: { worksheetId, ...row } });
    return { result: created!, audit };
  });
  return getFailureModeView(id, now);
}

/** Changes what the patch names. From a postmortem: links it and adds its root causes; never touches ratings. */
export async function updateFailureMode(id: string, patch: FailureModePatch, now: Date, who: WriteContext = SYSTEM_ACTOR): Promise<FailureModeView> {
  const current = await repo.getFailureMode(id);
  await assertCanWrite(who, { failureMode: id });
  const actor = actorOf(who);
  const { links, fromPostmortem, ...fields } = patch;
  if (!revisedAllOrNone({ ...current, ...fields })) {
    throw new AppError("UNPROCESSABLE", REVISED_ISSUE.message, { issues: [{ path: REVISED_ISSUE.path, message: REVISED_ISSUE.message }] });
  }
  if (fromPostmortem) fields.cause = mergeCauses(fields.cause ?? current.cause, fromPostmortem.rootCauses);
  await audited(async (tx) => {
    await repo.updateFailureMode(id, { fields, links, addLinks: fromPostmortem ? [postmortemLink(fromPostmortem.id)] : [] }, tx);
    const after = await tx.failureMode.findUniqueOrThrow({ where: { id }, include: { links: { orderBy: [{ kind: "asc" }, { ref: "asc" }] } } });
    const afterFields = { ...modeFields(current), ...fields, links: after.links.map((l) => ({ kind: l.kind, ref: l.ref })) };
    return { result: undefined, audit: { actor, action: "fmea-mode.update", entityType: "fmea-mode", entityId: id, summary: `Updated failure mode "${afterFields.mode}"`, before: modeFields(current), after: afterFields } };
  });
  return getFailureModeView(id, now);
}

export async function deleteFailureMode(id: string, who: WriteContext = SYSTEM_ACTOR): Promise<void> {
  const before = await repo.getFailureMode(id);
  await assertCanWrite(who, { failureMode: id });
  const actor = actorOf(who);
  await audited(async (tx) => {
    await repo.deleteFailureMode(id, tx);
    return { result: undefined, audit: { actor, action: "fmea-mode.delete", entityType: "fmea-mode", entityId: id, summary: `Deleted failure mode "${before.mode}"`, before: { worksheetId: before.worksheetId, ...modeFields(before) } } };
  });
}

/** The riskiest rows across every worksheet (AP, then RPN), with where each lives. */
export async function topRisks(limit: number, now: Date): Promise<TopRisk[]> {
  const [sheets, modes] = await Promise.all([repo.listWorksheets(), repo.listFailureModes()]);
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const views = await present(modes, now);
  return views.slice(0, limit).map((m) => {
    const sheet = byId.get(m.worksheetId)!;
    return { ...m, worksheet: { id: sheet.id, title: sheet.title }, service: sheet.service };
  });
}

/** Appends rows to a worksheet in one transaction (the CSV import has validated every row first). */
export async function appendFailureModes(worksheetId: string, rows: FailureModeInput[], who: WriteContext = SYSTEM_ACTOR): Promise<number> {
  const sheet = await repo.getWorksheet(worksheetId);
  await assertCanWrite(who, { worksheet: worksheetId });
  const actor = actorOf(who);
  return audited(async (tx) => {
    const ids = await repo.createFailureModes(worksheetId, rows, tx);
    const summary = `Imported ${ids.length} failure mode${ids.length === 1 ? "" : "s"} into FMEA worksheet ${sheet.title} from CSV`;
    return { result: ids.length, audit: { actor, action: "fmea-worksheet.import", entityType: "fmea-worksheet", entityId: worksheetId, summary, after: { failureModes: ids } } };
  });
}
