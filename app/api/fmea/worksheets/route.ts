import { worksheetInputSchema } from "@/lib/schemas/fmea";
import { parseJson, route } from "@/lib/server/http";
import { createWorksheet, listWorksheetSummaries } from "@/lib/server/services/fmea";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/fmea/worksheets", access: "read" }, async () => ({ worksheets: await listWorksheetSummaries(new Date()) }));

export const POST = route({ name: "/api/fmea/worksheets", access: "write" }, async ({ req, principal }) =>
  Response.json(await createWorksheet(await parseJson(req, worksheetInputSchema), principal), { status: 201 }),
);
