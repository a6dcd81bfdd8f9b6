import { failureModePatchSchema } from "@/lib/schemas/fmea";
import { parseJson, route } from "@/lib/server/http";
import { deleteFailureMode, getFailureModeView, updateFailureMode } from "@/lib/server/services/fmea";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ name: "/api/fmea/modes/[id]", access: "read" }, async ({ params }) => getFailureModeView(params.id, new Date()));

export const PATCH = route<Params>({ name: "/api/fmea/modes/[id]", access: "write" }, async ({ req, params, actor }) =>
  updateFailureMode(params.id, await parseJson(req, failureModePatchSchema), new Date(), actor),
);

export const DELETE = route<Params>({ name: "/api/fmea/modes/[id]", access: "write" }, async ({ params, actor }) => {
  await deleteFailureMode(params.id, actor);
  return new Response(null, { status: 204 });
});
