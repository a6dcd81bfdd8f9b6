import { AppError } from "@/lib/server/errors";
import { readBody, route } from "@/lib/server/http";
import { appendFailureModes, getWorksheetView } from "@/lib/server/services/fmea";
import { parseWorksheetCsv } from "@/lib/server/services/fmea-files";

export const dynamic = "force-dynamic";

const MAX_BYTES = 2 * 1024 * 1024;

/** Appends the CSV's rows (the export's layout) to the worksheet: every row valid, or none imported. */
export const POST = route<{ id: string }>({ name: "/api/fmea/worksheets/[id]/import", access: "write" }, async ({ req, params, principal }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("text/csv")) throw new AppError("BAD_REQUEST", "content-type must be text/csv");
  const rows = parseWorksheetCsv((await readBody(req, MAX_BYTES)).toString("utf8"));
  const imported = await appendFailureModes(params.id, rows, principal);
  return Response.json({ imported, worksheet: await getWorksheetView(params.id, new Date()) }, { status: 201 });
});
