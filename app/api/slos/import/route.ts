import { openSloImportRequestSchema } from "@/lib/schemas/openslo";
import { AppError } from "@/lib/server/errors";
import { parseJson, readBody, route } from "@/lib/server/http";
import { importOpenSlo } from "@/lib/server/services/openslo";

export const dynamic = "force-dynamic";

const MAX_BYTES = 1024 * 1024;

// One YAML body is one file, named "request" in error paths; JSON carries several named files.
export const POST = route({ name: "/api/slos/import", access: "write" }, async ({ req, principal }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (/^(application|text)\/(x-)?yaml\b/.test(type)) {
    return importOpenSlo([{ name: "request", content: (await readBody(req, MAX_BYTES)).toString("utf8") }], principal);
  }
  if (!type.startsWith("application/json")) throw new AppError("BAD_REQUEST", "content-type must be application/yaml, text/yaml or application/json");
  const { files } = await parseJson(req, openSloImportRequestSchema, MAX_BYTES);
  return importOpenSlo(files, principal);
});
