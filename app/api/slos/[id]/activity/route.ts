import { activityRange, sloActivityQuerySchema } from "@/lib/schemas/slo-dashboard";
import { route } from "@/lib/server/http";
import { getSloActivity } from "@/lib/server/services/slo-activity";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ name: "/api/slos/[id]/activity", access: "read" }, async ({ req, params }) => {
  const now = new Date();
  const query = sloActivityQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return getSloActivity(params.id, activityRange(query, now), now);
});
