import { postmortemInputSchema } from "@/lib/schemas/postmortem";
import { parseJson, route } from "@/lib/server/http";
import { getPostmortemView, updatePostmortem } from "@/lib/server/services/postmortems";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ name: "/api/postmortems/[id]", access: "read" }, async ({ params }) => getPostmortemView(params.id));

/** Saves the whole document; every save that changes something keeps a version. */
export const PUT = route<Params>({ name: "/api/postmortems/[id]", access: "write" }, async ({ req, params, principal }) =>
  updatePostmortem(params.id, await parseJson(req, postmortemInputSchema), new Date(), principal),
);
