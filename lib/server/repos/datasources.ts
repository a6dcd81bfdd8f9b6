import "server-only";
import { z } from "zod";
import type { DataSourceInput, DataSourceView } from "@/lib/schemas/datasource";
import { db } from "../db";
import type { Tx } from "./audit";

/**
 * A data source as stored. `headers` maps each header name to its value SEALED (lib/server/secrets.ts,
 * purpose DATASOURCE_HEADER_PURPOSE): names are not secret and are shown; values are opened only
 * by the Prometheus client, at the moment it sends a query (openDataSourceHeaders).
 */
export type DataSourceConfig = DataSourceInput & { id: string };

type Row = { id: string; name: string; kind: string; url: string; headers: string; timeoutMs: number };

const headersSchema = z.record(z.string(), z.string());

const toConfig = (row: Row): DataSourceConfig => ({
  id: row.id,
  name: row.name,
  kind: "prometheus",
  url: row.url,
  headers: headersSchema.parse(JSON.parse(row.headers)),
  timeoutMs: row.timeoutMs,
});

export const toView = ({ headers, ...rest }: DataSourceConfig): DataSourceView => ({ ...rest, headerNames: Object.keys(headers) });

export async function listDataSources(): Promise<DataSourceConfig[]> {
  return (await db().dataSource.findMany({ orderBy: { name: "asc" } })).map(toConfig);
}

export async function findDataSourceById(id: string): Promise<DataSourceConfig | null> {
  const row = await db().dataSource.findUnique({ where: { id } });
  return row ? toConfig(row) : null;
}

export async function findDataSourceByName(name: string): Promise<DataSourceConfig | null> {
  const row = await db().dataSource.findUnique({ where: { name } });
  return row ? toConfig(row) : null;
}

/** `input.headers` must already be sealed (services/datasources.ts does it). */
export async function createDataSource(input: DataSourceInput, client: Tx = db()): Promise<DataSourceConfig> {
  return toConfig(await client.dataSource.create({ data: { ...input, headers: JSON.stringify(input.headers) } }));
}

/** Replaces the stored headers (already sealed): the migration of rows written in clear text. */
export async function replaceHeaders(id: string, headers: Record<string, string>, client: Tx = db()): Promise<void> {
  await client.dataSource.update({ where: { id }, data: { headers: JSON.stringify(headers) } });
}
