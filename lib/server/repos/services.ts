import "server-only";
import type { ServiceInput, Service } from "@/lib/schemas/service";
import { db } from "../db";
import type { Tx } from "./audit";

type Row = { id: string; slug: string; name: string; team: string | null; description: string | null; createdAt: Date; updatedAt: Date };

const toService = (row: Row): Service => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function listServices(): Promise<Service[]> {
  const rows = await db().service.findMany({ orderBy: { name: "asc" } });
  return rows.map(toService);
}

export async function findService(slug: string): Promise<Service | null> {
  const row = await db().service.findUnique({ where: { slug } });
  return row ? toService(row) : null;
}

export async function createService(input: ServiceInput, client: Tx = db()): Promise<Service> {
  return toService(await client.service.create({ data: input }));
}

/** Inserts or refreshes by slug; used by the demo seed so running it twice changes nothing. */
export async function upsertService(input: ServiceInput): Promise<Service> {
  const row = await db().service.upsert({ where: { slug: input.slug }, create: input, update: input });
  return toService(row);
}
