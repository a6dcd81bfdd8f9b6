import { worksheetInputSchema } from "@/lib/schemas/fmea";
import { parseJson, route } from "@/lib/server/http";
import { deleteWorksheet, getWorksheetView, updateWorksheet } from "@/lib/server/services/fmea";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ name: "/api/fmea/worksheets/[id]", access: "read" }, async ({ params }) => getWorksheetView(params.id, new Date()));

export const PUT = route<Params>({ name: "/api/fmea/worksheets/[id]", access: "write" }, async ({ req, params, principal }) =>
  updateWorksheet(params.id, await parseJson(req, worksheetInputSchema), new Date(), principal),
);

export const DELETE = route<Params>({ name: "/api/fmea/worksheets/[id]", access: "write" }, async ({ params, principal }) => {
  await deleteWorksheet(params.id, principal);
  return new Response(null, { status: 204 });
});
