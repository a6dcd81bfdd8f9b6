import "server-only";
import { z } from "zod";
import type { DataSourceInput, DataSourceView } from "@/lib/schemas/datasource";
import { db } from "../db";

export type DataSourceConfig = DataSourceInput & { id: string };

type Row = { id: string; name: string; kind: string; url: string; headers: string; timeoutMs: number };

const toConfig = (row: Row): DataSourceConfig => ({
  id: row.id,
  name: row.name,
  kind: "prometheus",
  url: row.url,
  headers: z.record(z.string(), z.string()).parse(JSON.parse(row.headers)),
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

export async function createDataSource(input: DataSourceInput): Promise<DataSourceConfig> {
  return toConfig(await db().dataSource.create({ data: { ...input, headers: JSON.stringify(input.headers) } }));
}
