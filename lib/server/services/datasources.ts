import "server-only";
import type { DataSourceInput, DataSourceView } from "@/lib/schemas/datasource";
import * as repo from "../repos/datasources";

export async function listDataSources(): Promise<DataSourceView[]> {
  return (await repo.listDataSources()).map(repo.toView);
}

export async function createDataSource(input: DataSourceInput): Promise<DataSourceView> {
  return repo.toView(await repo.createDataSource(input));
}
