import { createFailureModeSchema } from "@/lib/schemas/fmea";
import { parseJson, route } from "@/lib/server/http";
import { createFailureMode } from "@/lib/server/services/fmea";

export const dynamic = "force-dynamic";

// A postmortem's "add to FMEA" sends { service, fromPostmortem: { id, rootCauses }, row }.
export const POST = route({ name: "/api/fmea/modes", access: "write" }, async ({ req, principal }) =>
  Response.json(await createFailureMode(await parseJson(req, createFailureModeSchema), new Date(), principal), { status: 201 }),
);
