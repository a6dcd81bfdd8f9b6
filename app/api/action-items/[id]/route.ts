import { actionItemPatchSchema } from "@/lib/schemas/postmortem";
import { parseJson, route } from "@/lib/server/http";
import { setActionItemStatus } from "@/lib/server/services/postmortems";

export const dynamic = "force-dynamic";

/** Moves an action item along (open → in-progress → done), also after the postmortem is published. */
export const PATCH = route<{ id: string }>({ name: "/api/action-items/[id]", access: "write" }, async ({ req, params, principal }) =>
  setActionItemStatus(params.id, await parseJson(req, actionItemPatchSchema), new Date(), principal),
);
