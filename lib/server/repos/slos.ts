import "server-only";
import { z } from "zod";
import { type ExclusionInput, type SloDefinition, type SloExclusion, type SloInput, alertTierSchema, sliSchema, sloWindowSchema } from "@/lib/schemas/slo";
import { EMBEDDED } from "@/lib/schemas/datasource";
import { db } from "../db";
import type { Tx } from "./audit";

type Row = {
  id: string; name: string; description: string | null; owner: string | null; labels: string; objective: string;
  window: string; sli: string; alertTiers: string | null; groupBy: string; createdAt: Date; updatedAt: Date;
  service: { slug: string }; dataSource: { name: string } | null; exclusions: ExclusionRow[];
};
type ExclusionRow = { id: string; kind: string; start: Date; end: Date; reason: string; author: string; createdAt: Date };

const toExclusion = (row: ExclusionRow): SloExclusion => ({
  id: row.id,
  kind: row.kind as SloExclusion["kind"],
  start: row.start.toISOString(),
  end: row.end.toISOString(),
  reason: row.reason,
  author: row.author,
  createdAt: row.createdAt.toISOString(),
});

const labelsSchema = z.record(z.string(), z.string());

// Stored JSON is parsed with the same schemas as the API, so a bad row fails loudly here.
function toDefinition(row: Row): SloDefinition {
  return {
    id: row.id,
    name: row.name,
    service: row.service.slug,
    description: row.description,
    owner: row.owner,
    labels: labelsSchema.parse(JSON.parse(row.labels)),
    objective: row.objective,
    window: sloWindowSchema.parse(JSON.parse(row.window)),
    sli: sliSchema.parse(JSON.parse(row.sli)),
    dataSource: row.dataSource?.name ?? EMBEDDED,
    alertTiers: row.alertTiers === null ? null : z.array(alertTierSchema).parse(JSON.parse(row.alertTiers)),
    groupBy: z.array(z.string()).parse(JSON.parse(row.groupBy)),
    exclusions: row.exclusions.map(toExclusion),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The row's columns; the data source is resolved to its id by the service. */
const columns = (input: SloInput, dataSourceId: string | null) => ({
  dataSourceId,
  name: input.name,
  description: input.description ?? null,
  owner: input.owner ?? null,
  labels: JSON.stringify(input.labels),
  objective: input.objective,
  window: JSON.stringify(input.window),
  sli: JSON.stringify(input.sli),
  alertTiers: input.alertTiers === null ? null : JSON.stringify(input.alertTiers),
  groupBy: JSON.stringify(input.groupBy),
});

const include = {
  service: { select: { slug: true } },
  dataSource: { select: { name: true } },
  exclusions: { orderBy: { start: "asc" } },
} as const;

// Every definition, parsed, kept per process: loading and parsing 1,000 of them costs more than
// evaluating them warm. Writes through this module drop it; a fingerprint of the tables it reads
// (counts and latest change times) catches writes by other processes and instances, and resets.
// On globalThis, as the rollup cache: route bundles may each load their own copy of this module.
type Kept = { list: { fingerprint: string; definitions: SloDefinition[] } | null; generation: number };
const g = globalThis as unknown as { steadystateSloDefinitions?: Kept };
const kept = (): Kept => (g.steadystateSloDefinitions ??= { list: null, generation: 0 });

/** Runs a write, dropping the kept list before and after it (a list read meanwhile is not kept). */
async function writing<T>(write: () => Promise<T>): Promise<T> {
  Object.assign(kept(), { list: null, generation: kept().generation + 1 });
  try {
    return await write();
  } finally {
    Object.assign(kept(), { list: null, generation: kept().generation + 1 });
  }
}

async function fingerprint(): Promise<string> {
  const rows = await db().$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT (SELECT COUNT(*) FROM "Slo") AS a, (SELECT MAX("updatedAt") FROM "Slo") AS b,
            (SELECT COUNT(*) FROM "SloExclusion") AS c, (SELECT MAX("createdAt") FROM "SloExclusion") AS d,
            (SELECT MAX("updatedAt") FROM "Service") AS e, (SELECT COUNT(*) FROM "DataSource") AS f,
            (SELECT MAX("updatedAt") FROM "DataSource") AS g`,
  );
  // Dates to the millisecond (String(date) drops them); counts may be bigint on PostgreSQL.
  return Object.values(rows[0] ?? {}).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join("|");
}

/** Every SLO, by service then name. The list is shared: callers copy before they change it. */
export async function listSlos(): Promise<readonly SloDefinition[]> {
  const [at, seen] = [kept().generation, await fingerprint()];
  const list = kept().list;
  if (list?.fingerprint === seen) return list.definitions;
  const rows = await db().slo.findMany({ include, orderBy: [{ service: { slug: "asc" } }, { name: "asc" }] });
  const definitions = rows.map(toDefinition);
  // Kept only when no write of this process ran meanwhile and no other changed the fingerprint.
  if (at === kept().generation && (await fingerprint()) === seen) kept().list = { fingerprint: seen, definitions };
  return definitions;
}

export async function findSlo(id: string): Promise<SloDefinition | null> {
  const row = await db().slo.findUnique({ where: { id }, include });
  return row ? toDefinition(row) : null;
}

export type SloRefs = { serviceId: string; dataSourceId: string | null };

export async function createSlo(refs: SloRefs, input: SloInput, client: Tx = db()): Promise<SloDefinition> {
  return toDefinition(await writing(() => client.slo.create({ data: { serviceId: refs.serviceId, ...columns(input, refs.dataSourceId) }, include })));
}

export async function updateSlo(id: string, refs: SloRefs, input: SloInput, client: Tx = db()): Promise<SloDefinition> {
  return toDefinition(await writing(() => client.slo.update({ where: { id }, data: { serviceId: refs.serviceId, ...columns(input, refs.dataSourceId) }, include })));
}

export async function deleteSlo(id: string, client: Tx = db()): Promise<void> {
  await writing(() => client.slo.delete({ where: { id } }));
}

export type ImportedSlo = { refs: SloRefs; input: SloInput };

/**
 * Creates or replaces every SLO, matched by service and name, in one transaction: an import is
 * stored whole or not at all. Returns each SLO's id and whether it was new, in input order.
 */
export async function saveImportedSlos(items: readonly ImportedSlo[], tx?: Tx): Promise<{ id: string; isNew: boolean }[]> {
  // Inside the caller's transaction when given one (the audited import), else in its own.
  if (!tx) return db().$transaction((own) => saveImportedSlos(items, own), { maxWait: 10_000, timeout: 60_000 });
  return writing(async () => {
    const saved: { id: string; isNew: boolean }[] = [];
    for (const { refs, input } of items) {
      const data = { serviceId: refs.serviceId, ...columns(input, refs.dataSourceId) };
      const existing = await tx.slo.findUnique({ where: { serviceId_name: { serviceId: refs.serviceId, name: input.name } }, select: { id: true } });
      // OpenSLO files carry no alert tiers or grouping: an import keeps what an SLO already has.
      const { alertTiers: _kept, groupBy: _alsoKept, ...update } = data;
      const row = existing
        ? await tx.slo.update({ where: { id: existing.id }, data: update, select: { id: true } })
        : await tx.slo.create({ data, select: { id: true } });
      saved.push({ id: row.id, isNew: !existing });
    }
    return saved;
  });
}

/**
 * Adds an exclusion unless it overlaps one the SLO already has (overlaps would subtract the
 * events they share twice). Check and insert run in one transaction.
 */
export async function addExclusion(sloId: string, input: ExclusionInput, tx?: Tx): Promise<SloExclusion | { overlaps: SloExclusion }> {
  if (!tx) return db().$transaction((own) => addExclusion(sloId, input, own));
  return writing(async () => {
    const clash = await tx.sloExclusion.findFirst({ where: { sloId, start: { lt: input.end }, end: { gt: input.start } } });
    if (clash) return { overlaps: toExclusion(clash) };
    return toExclusion(await tx.sloExclusion.create({ data: { sloId, ...input } }));
  });
}

/** The exclusion removed, or null when the SLO has none with this id. */
export async function deleteExclusion(sloId: string, id: string, client: Tx = db()): Promise<SloExclusion | null> {
  return writing(async () => {
    const row = await client.sloExclusion.findFirst({ where: { sloId, id } });
    if (!row) return null;
    await client.sloExclusion.delete({ where: { id } });
    return toExclusion(row);
  });
}

/** What a budget sparkline needs of these SLOs: a lighter read than listSlos (no relations but the data source, no labels or tiers). */
export async function listSloSparklineInputs(ids: readonly string[]): Promise<Pick<SloDefinition, "id" | "objective" | "window" | "sli" | "dataSource" | "exclusions">[]> {
  if (ids.length === 0) return [];
  const rows = await db().slo.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, objective: true, window: true, sli: true, dataSource: { select: { name: true } }, exclusions: { orderBy: { start: "asc" } } },
  });
  return rows.map((row) => ({
    id: row.id,
    objective: row.objective,
    window: sloWindowSchema.parse(JSON.parse(row.window)),
    sli: sliSchema.parse(JSON.parse(row.sli)),
    dataSource: row.dataSource?.name ?? EMBEDDED,
    exclusions: row.exclusions.map(toExclusion),
  }));
}
