import { sloInputSchema } from "@/lib/schemas/slo";
import { sloDetailQuerySchema } from "@/lib/schemas/slo-series";
import { parseJson, route } from "@/lib/server/http";
import { deleteSlo, getSloStatus, updateSlo } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = route<Params>({ name: "/api/slos/[id]", access: "read" }, async ({ req, params }) =>
  getSloStatus(params.id, new Date(), sloDetailQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams))),
);

export const PUT = route<Params>({ name: "/api/slos/[id]", access: "write" }, async ({ req, params, principal }) =>
  updateSlo(params.id, await parseJson(req, sloInputSchema), principal),
);

export const DELETE = route<Params>({ name: "/api/slos/[id]", access: "write" }, async ({ params, principal }) => {
  await deleteSlo(params.id, principal);
  return new Response(null, { status: 204 });
});
