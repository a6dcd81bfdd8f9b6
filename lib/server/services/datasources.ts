import "server-only";
import { SYSTEM_ACTOR, type Actor } from "@/lib/domain/actor";
import type { DataSourceInput, DataSourceView } from "@/lib/schemas/datasource";
import { audited } from "../repos/audit";
import * as repo from "../repos/datasources";
import { log } from "../log";
import { sealClearHeaders, sealHeaders } from "../datasources/headers";
import { hasSecretKey, isSealed } from "../secrets";

export async function listDataSources(): Promise<DataSourceView[]> {
  return (await repo.listDataSources()).map(repo.toView);
}

/**
 * Header values are sealed before they are stored (they often carry credentials), so a data
 * source with headers needs STEADYSTATE_SECRET_KEY; one without needs none. Answers names only.
 */
export async function createDataSource(input: DataSourceInput, actor: Actor = SYSTEM_ACTOR): Promise<DataSourceView> {
  const sealed = { ...input, headers: sealHeaders(input.headers) };
  return audited(async (tx) => {
    const view = repo.toView(await repo.createDataSource(sealed, tx));
    return { result: view, audit: { actor, action: "datasource.create", entityType: "datasource", entityId: view.id, summary: `Added data source ${view.name} (${view.url})`, after: { ...view } } };
  });
}

/**
 * Seals header values older versions stored in clear text (run at boot; a no-op once done). Without
 * a key it cannot, and says so in the log, once per start.
 */
export async function sealStoredDataSourceHeaders(): Promise<number> {
  const plain = (await repo.listDataSources()).filter((ds) => Object.values(ds.headers).some((v) => !isSealed(v)));
  if (plain.length === 0) return 0;
  if (!hasSecretKey()) {
    log.warn("data sources: header values are stored in clear text; set STEADYSTATE_SECRET_KEY to seal them", { dataSources: plain.map((ds) => ds.name) });
    return 0;
  }
  for (const ds of plain) {
    const headers = sealClearHeaders(ds.headers);
    await audited(async (tx) => {
      await repo.replaceHeaders(ds.id, headers, tx);
      const summary = `Sealed the stored header values of data source ${ds.name} (${Object.keys(headers).join(", ")})`;
      return { result: undefined, audit: { actor: SYSTEM_ACTOR, action: "datasource.seal-headers", entityType: "datasource", entityId: ds.id, summary } };
    });
  }
  return plain.length;
}
