import { statusChangeSchema } from "@/lib/schemas/postmortem";
import { parseJson, route } from "@/lib/server/http";
import { changeStatus } from "@/lib/server/services/postmortems";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>({ name: "/api/postmortems/[id]/status", access: "write" }, async ({ req, params, principal }) =>
  changeStatus(params.id, await parseJson(req, statusChangeSchema), new Date(), principal),
);
