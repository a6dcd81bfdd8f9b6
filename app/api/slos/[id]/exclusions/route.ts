import { exclusionInputSchema } from "@/lib/schemas/slo";
import { parseJson, route } from "@/lib/server/http";
import { addExclusion, listExclusions } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ name: "/api/slos/[id]/exclusions", access: "read" }, async ({ params }) => listExclusions(params.id));

export const POST = route<Params>({ name: "/api/slos/[id]/exclusions", access: "write" }, async ({ req, params, principal }) =>
  Response.json(await addExclusion(params.id, await parseJson(req, exclusionInputSchema), principal), { status: 201 }),
);
