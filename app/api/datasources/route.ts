import { dataSourceInputSchema } from "@/lib/schemas/datasource";
import { parseJson, route } from "@/lib/server/http";
import { createDataSource, listDataSources } from "@/lib/server/services/datasources";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/datasources", access: "admin" }, async () => ({ dataSources: await listDataSources() }));

export const POST = route({ name: "/api/datasources", access: "admin" }, async ({ req, actor }) =>
  Response.json(await createDataSource(await parseJson(req, dataSourceInputSchema), actor), { status: 201 }),
);
