import { z } from "zod";
import { route } from "@/lib/server/http";
import { getWorksheetView } from "@/lib/server/services/fmea";
import { worksheetCsv, worksheetMarkdown } from "@/lib/server/services/fmea-files";

export const dynamic = "force-dynamic";

const querySchema = z.object({ format: z.enum(["csv", "md"]).default("csv") });

/** The file name a person recognises: the worksheet's title, safe for every file system. */
const fileName = (title: string, ext: string) => `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "worksheet"}.fmea.${ext}`;

export const GET = route<{ id: string }>({ name: "/api/fmea/worksheets/[id]/export", access: "read" }, async ({ req, params }) => {
  const { format } = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const now = new Date();
  const sheet = await getWorksheetView(params.id, now);
  const [body, type] = format === "csv" ? [worksheetCsv(sheet), "text/csv; charset=utf-8"] : [worksheetMarkdown(sheet, now), "text/markdown; charset=utf-8"];
  return new Response(body, { headers: { "content-type": type, "content-disposition": `attachment; filename="${fileName(sheet.title, format)}"` } });
});
