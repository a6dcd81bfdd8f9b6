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

export async function createWorksheet(input: WorksheetInput): Promise<WorksheetView> {
  await checkService(input.service);
  return { ...(await repo.createWorksheet(input)), modes: [] };
}

export async function updateWorksheet(id: string, input: WorksheetInput, now: Date): Promise<WorksheetView> {
  await repo.getWorksheet(id);
  await checkService(input.service);
  await repo.updateWorksheet(id, input);
  return getWorksheetView(id, now);
}

export async function deleteWorksheet(id: string): Promise<void> {
  await repo.getWorksheet(id);
  await repo.deleteWorksheet(id);
}

export async function getFailureModeView(id: string, now: Date): Promise<FailureModeView> {
  return (await present([await repo.getFailureMode(id)], now))[0]!;
}

/** The service's worksheet for a row sent by service slug (a postmortem knows its service, not a worksheet). */
async function worksheetFor(body: CreateFailureMode): Promise<string> {
  if (body.worksheetId) return (await repo.getWorksheet(body.worksheetId)).id;
  const slug = body.service!;
  const service = await findService(slug);
  if (!service) throw new AppError("UNPROCESSABLE", `unknown service "${slug}"`, { issues: [{ path: ["service"], message: "no service with this slug" }] });
  const existing = await repo.findServiceWorksheet(slug);
  if (existing) return existing.id;
  const taken = (await repo.listWorksheets()).some((s) => s.title === service.name);
  return (await repo.createWorksheet({ title: taken ? `${service.name} (${slug})` : service.name, service: slug })).id;
}

const postmortemLink = (id: string) => ({ kind: "postmortem" as const, ref: id });

/** Root causes not already written in the cause, appended one per "; ". */
export function mergeCauses(cause: string, rootCauses: readonly string[]): string {
  const known = cause.toLowerCase();
  const added = rootCauses.filter((c) => !known.includes(c.toLowerCase()));
  return [cause, ...added].filter((c) => c.length > 0).join("; ");
}

export async function createFailureMode(body: CreateFailureMode, now: Date): Promise<FailureModeView> {
  const worksheetId = await worksheetFor(body);
  const row: FailureModeInput = body.fromPostmortem
    ? { ...body.row, cause: mergeCauses(body.row.cause, body.fromPostmortem.rootCauses), links: [...body.row.links, postmortemLink(body.fromPostmortem.id)] }
    : body.row;
  const [id] = await repo.createFailureModes(worksheetId, [row]);
  return getFailureModeView(id!, now);
}

/** Changes what the patch names. From a postmortem: links it and adds its root causes; never touches ratings. */
export async function updateFailureMode(id: string, patch: FailureModePatch, now: Date): Promise<FailureModeView> {
  const current = await repo.getFailureMode(id);
  const { links, fromPostmortem, ...fields } = patch;
  if (!revisedAllOrNone({ ...current, ...fields })) {
    throw new AppError("UNPROCESSABLE", REVISED_ISSUE.message, { issues: [{ path: REVISED_ISSUE.path, message: REVISED_ISSUE.message }] });
  }
  if (fromPostmortem) fields.cause = mergeCauses(fields.cause ?? current.cause, fromPostmortem.rootCauses);
  await repo.updateFailureMode(id, { fields, links, addLinks: fromPostmortem ? [postmortemLink(fromPostmortem.id)] : [] });
  return getFailureModeView(id, now);
}

export async function deleteFailureMode(id: string): Promise<void> {
  await repo.getFailureMode(id);
  await repo.deleteFailureMode(id);
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
export async function appendFailureModes(worksheetId: string, rows: FailureModeInput[]): Promise<number> {
  await repo.getWorksheet(worksheetId);
  return (await repo.createFailureModes(worksheetId, rows)).length;
}
