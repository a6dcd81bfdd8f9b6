import { commentInputSchema } from "@/lib/schemas/postmortem";
import { parseJson, route } from "@/lib/server/http";
import { commentOn } from "@/lib/server/services/postmortems";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>({ name: "/api/postmortems/[id]/comments", access: "write" }, async ({ req, params, principal }) =>
  Response.json(await commentOn(params.id, await parseJson(req, commentInputSchema), principal), { status: 201 }),
);
