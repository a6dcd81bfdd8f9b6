import "server-only";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import type { LinkKind } from "@/lib/domain/fmea-evidence";
import type { FailureModeInput, FmeaLinkInput } from "@/lib/schemas/fmea";
import { notFound } from "../errors";
import { db } from "../db";
import type { Tx } from "./audit";

const modeInclude = { links: { orderBy: [{ kind: "asc" }, { ref: "asc" }] } } as const satisfies Prisma.FailureModeInclude;
type ModeRow = Prisma.FailureModeGetPayload<{ include: typeof modeInclude }>;
const sheetInclude = { service: { select: { slug: true, name: true } } } as const;
type SheetRow = Prisma.FmeaWorksheetGetPayload<{ include: typeof sheetInclude }>;

export type StoredFailureMode = Omit<FailureModeInput, "links"> & {
  id: string;
  worksheetId: string;
  links: FmeaLinkInput[];
  createdAt: string;
  updatedAt: string;
};
export type StoredWorksheet = { id: string; title: string; service: { slug: string; name: string } | null; description: string | null; updatedAt: string };

function toMode(row: ModeRow): StoredFailureMode {
  const { links, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    links: links.map((l) => ({ kind: l.kind as LinkKind, ref: l.ref })),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
function toSheet(row: SheetRow): StoredWorksheet {
  return { id: row.id, title: row.title, service: row.service, description: row.description, updatedAt: row.updatedAt.toISOString() };
}

function serviceConnect(slug: string | null | undefined, isUpdate: boolean) {
  if (slug) return { service: { connect: { slug } } };
  return slug === null && isUpdate ? { service: { disconnect: true } } : {};
}

export async function listWorksheets(): Promise<StoredWorksheet[]> {
  return (await db().fmeaWorksheet.findMany({ include: sheetInclude, orderBy: { title: "asc" } })).map(toSheet);
}

export async function getWorksheet(id: string): Promise<StoredWorksheet> {
  const row = await db().fmeaWorksheet.findUnique({ where: { id }, include: sheetInclude });
  if (!row) throw notFound("worksheet");
  return toSheet(row);
}

/** The service's first worksheet by title, or null. */
export async function findServiceWorksheet(service: string): Promise<StoredWorksheet | null> {
  const row = await db().fmeaWorksheet.findFirst({ where: { service: { slug: service } }, include: sheetInclude, orderBy: { title: "asc" } });
  return row ? toSheet(row) : null;
}

export async function createWorksheet(input: { title: string; service?: string | null; description?: string | null }, client: Tx = db()): Promise<StoredWorksheet> {
  const row = await client.fmeaWorksheet.create({
    data: { title: input.title, description: input.description ?? null, ...serviceConnect(input.service, false) },
    include: sheetInclude,
  });
  return toSheet(row);
}

export async function updateWorksheet(id: string, input: { title: string; service?: string | null; description?: string | null }, client: Tx = db()): Promise<StoredWorksheet> {
  const row = await client.fmeaWorksheet.update({
    where: { id },
    data: { title: input.title, description: input.description ?? null, ...serviceConnect(input.service ?? null, true) },
    include: sheetInclude,
  });
  return toSheet(row);
}

export async function deleteWorksheet(id: string, client: Tx = db()): Promise<void> {
  await client.fmeaWorksheet.delete({ where: { id } });
}

export async function listFailureModes(filter: { worksheetId?: string } = {}): Promise<StoredFailureMode[]> {
  const rows = await db().failureMode.findMany({
    where: filter.worksheetId ? { worksheetId: filter.worksheetId } : {},
    include: modeInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toMode);
}

export async function getFailureMode(id: string): Promise<StoredFailureMode> {
  const row = await db().failureMode.findUnique({ where: { id }, include: modeInclude });
  if (!row) throw notFound("failure mode");
  return toMode(row);
}

function createData(worksheetId: string, input: FailureModeInput): Prisma.FailureModeCreateManyInput {
  const { links: _links, ...fields } = input;
  return { ...fields, worksheetId };
}

/** Creates rows with their links in one transaction: all of them or none (CSV import relies on it). */
export async function createFailureModes(worksheetId: string, inputs: FailureModeInput[], tx?: Tx): Promise<string[]> {
  // Inside the caller's transaction when given one (an audited change), else in its own.
  if (!tx) return db().$transaction((own) => createFailureModes(worksheetId, inputs, own), { maxWait: 10_000, timeout: 60_000 });
  const ids: string[] = [];
  for (const input of inputs) {
    ids.push((await tx.failureMode.create({ data: { ...createData(worksheetId, input), links: { create: dedupeLinks(input.links) } }, select: { id: true } })).id);
  }
  return ids;
}

function dedupeLinks(links: FmeaLinkInput[]): FmeaLinkInput[] {
  const seen = new Map(links.map((l) => [`${l.kind}\u0000${l.ref}`, l]));
  return [...seen.values()];
}

/** Changes the given fields; links, when given, replace the row's links; addLinks are added if missing. */
export async function updateFailureMode(
  id: string,
  change: { fields: Partial<Omit<FailureModeInput, "links">>; links?: FmeaLinkInput[]; addLinks?: FmeaLinkInput[] },
  tx?: Tx,
): Promise<void> {
  if (!tx) return db().$transaction((own) => updateFailureMode(id, change, own));
  await tx.failureMode.update({ where: { id }, data: change.fields });
  if (change.links) {
    await tx.fmeaLink.deleteMany({ where: { failureModeId: id } });
    await tx.fmeaLink.createMany({ data: dedupeLinks(change.links).map((l) => ({ ...l, failureModeId: id })) });
  }
  for (const link of change.addLinks ?? []) {
    await tx.fmeaLink.upsert({ where: { failureModeId_kind_ref: { failureModeId: id, kind: link.kind, ref: link.ref } }, create: { ...link, failureModeId: id }, update: {} });
  }
}

export async function deleteFailureMode(id: string, client: Tx = db()): Promise<void> {
  await client.failureMode.delete({ where: { id } });
}
