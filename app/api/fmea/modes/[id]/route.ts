import { failureModePatchSchema } from "@/lib/schemas/fmea";
import { parseJson, route } from "@/lib/server/http";
import { deleteFailureMode, getFailureModeView, updateFailureMode } from "@/lib/server/services/fmea";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ name: "/api/fmea/modes/[id]", access: "read" }, async ({ params }) => getFailureModeView(params.id, new Date()));

export const PATCH = route<Params>({ name: "/api/fmea/modes/[id]", access: "write" }, async ({ req, params, principal }) =>
  updateFailureMode(params.id, await parseJson(req, failureModePatchSchema), new Date(), principal),
);

export const DELETE = route<Params>({ name: "/api/fmea/modes/[id]", access: "write" }, async ({ params, principal }) => {
  await deleteFailureMode(params.id, principal);
  return new Response(null, { status: 204 });
});
