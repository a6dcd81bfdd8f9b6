import { route } from "@/lib/server/http";
import { deleteExclusion } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string; exclusionId: string }>({ name: "/api/slos/[id]/exclusions/[exclusionId]", access: "write" }, async ({ params, principal }) => {
  await deleteExclusion(params.id, params.exclusionId, principal);
  return new Response(null, { status: 204 });
});
