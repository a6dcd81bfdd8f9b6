import { route } from "@/lib/server/http";
import { deleteExclusion } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string; exclusionId: string }>({ name: "/api/slos/[id]/exclusions/[exclusionId]", access: "write" }, async ({ params, actor }) => {
  await deleteExclusion(params.id, params.exclusionId, actor);
  return new Response(null, { status: 204 });
});
